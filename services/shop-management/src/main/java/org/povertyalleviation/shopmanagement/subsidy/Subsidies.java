package org.povertyalleviation.shopmanagement.subsidy;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Year;
import java.util.UUID;

import org.povertyalleviation.platform.audit.AuditTrail;
import org.povertyalleviation.platform.problem.ConflictException;
import org.povertyalleviation.platform.problem.InvalidRequestException;
import org.povertyalleviation.platform.problem.NotFoundException;
import org.povertyalleviation.platform.problem.RuleViolatedException;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.RuleRefusedException;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.povertyalleviation.platform.households.KnownHouseholds;
import org.povertyalleviation.shopmanagement.shop.domain.OwnerCategory;
import org.povertyalleviation.shopmanagement.shop.domain.ShopStatus;
import org.povertyalleviation.shopmanagement.shop.messaging.ShopEvents;
import org.povertyalleviation.shopmanagement.shop.persistence.ShopRepository;
import org.povertyalleviation.shopmanagement.subsidy.domain.SubsidyStatus;
import org.povertyalleviation.shopmanagement.subsidy.persistence.SubsidyRepository;
import org.povertyalleviation.shopmanagement.subsidy.persistence.SubsidyRepository.BudgetRow;
import org.povertyalleviation.shopmanagement.subsidy.persistence.SubsidyRepository.SubsidyRow;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The shop-opening subsidy: a registered household that opens a shop of its own gets it once, ever. A clerk
 * submits, a county admin approves within the year's budget (or rejects with a reason), the payment is recorded.
 * Approval and payment are announced (subsidy.approved.v1, subsidy.paid.v1); the household registry books the
 * paid subsidy as the household's SUBSIDY income.
 */
@Service
public class Subsidies {

    private final TenantTransactions tenantTransactions;
    private final SubsidyRepository subsidies;
    private final ShopRepository shops;
    private final KnownHouseholds households;
    private final ShopEvents events;
    private final AuditTrail audit;
    private final SubsidyProperties properties;
    private final Clock clock;

    public Subsidies(TenantTransactions tenantTransactions, SubsidyRepository subsidies, ShopRepository shops, KnownHouseholds households,
                     ShopEvents events, AuditTrail audit, SubsidyProperties properties, Clock clock) {
        this.tenantTransactions = tenantTransactions;
        this.subsidies = subsidies;
        this.shops = shops;
        this.households = households;
        this.events = events;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    /** A clerk's application for the household that owns the shop; the amount is the county's. */
    public Mono<SubsidyRow> submit(CountyCode county, UUID shopId, String clerk) {
        String code = county.value();
        // The shop is locked: its owner, status or existence cannot change while the application is made.
        return tenantTransactions.inCounty(county, () -> shops.findForUpdate(code, shopId)
                .switchIfEmpty(Mono.error(new RuleViolatedException("unknown-shop", "Shop " + shopId + " is not a shop of county " + code, "shop")))
                .flatMap(shop -> {
                    if (shop.ownerCategory() != OwnerCategory.POOR_HOUSEHOLD) {
                        return Mono.error(new RuleViolatedException("owner-not-poor-household",
                                "The subsidy is for a registered poor household that opens a shop; this shop's owner is " + shop.ownerCategory(), "shop"));
                    }
                    if (shop.status() == ShopStatus.CLOSED) {
                        return Mono.error(new RuleViolatedException("shop-closed", "The shop is closed", "shop"));
                    }
                    return households.require(code, shop.ownerHousehold(), "shop")
                            .then(subsidies.activeFor(code, shop.ownerHousehold()))
                            .flatMap(existing -> Mono.<SubsidyRow>error(new ConflictException("one-subsidy-per-household",
                                    "The household already has subsidy " + existing.id() + " (" + existing.status() + "); it is granted once", "shop")))
                            .then(shops.hasSubsidy(code, shopId))
                            .flatMap(subsidised -> subsidised
                                    ? Mono.<SubsidyRow>error(new ConflictException("one-subsidy-per-shop",
                                            "The shop already has a subsidy that counts; it is granted once", "shop"))
                                    : Mono.<SubsidyRow>empty())
                            .switchIfEmpty(Mono.defer(() -> subsidies.insert(code, UUID.randomUUID(), shop.ownerHousehold(), shopId,
                                    properties.amountFen(code), clerk)))
                            .flatMap(created -> audit.write("subsidy.submitted", "subsidy", created.id().toString()).thenReturn(created));
                }))
                // Only the one-per-household and one-per-shop indexes: any other integrity failure is not this.
                .onErrorMap(DuplicateKeyException.class, e -> new ConflictException("one-subsidy-per-household",
                        "The household's subsidy was submitted at the same time; it is granted once", "shop"));
    }

    /**
     * Approves within the budget of the current year; parallel approvals can never take the county past it. Four eyes:
     * whoever submitted the application does not approve it (422, rule {@code four-eyes}).
     */
    public Mono<SubsidyRow> approve(CountyCode county, UUID id, String admin) {
        String code = county.value();
        int year = Year.now(clock).getValue();
        return tenantTransactions.inCounty(county, () -> decidable(code, id)
                .flatMap(subsidy -> admin.equals(subsidy.submittedBy())
                        ? Mono.error(RuleRefusedException.violated("four-eyes", "The application was submitted by " + admin
                                + "; another county admin approves it", null))
                        : Mono.just(subsidy))
                .flatMap(subsidy -> subsidies.commit(code, year, subsidy.amountFen())
                        .switchIfEmpty(Mono.defer(() -> budgetRefusal(code, year, subsidy.amountFen())))
                        .then(subsidies.decide(code, id, SubsidyStatus.APPROVED, admin, year, null)))
                .flatMap(approved -> events.subsidyApproved(code, approved.id(), approved.household(), approved.shop(), approved.amountFen(),
                                year, approved.decidedAt())
                        .then(audit.write("subsidy.approved", "subsidy", id.toString()))
                        .thenReturn(approved)));
    }

    public Mono<SubsidyRow> reject(CountyCode county, UUID id, String reason, String admin) {
        if (reason == null || reason.isBlank()) {
            return Mono.error(InvalidRequestException.field("reason", "is required: the household is told why"));
        }
        String code = county.value();
        return tenantTransactions.inCounty(county, () -> decidable(code, id)
                .then(subsidies.decide(code, id, SubsidyStatus.REJECTED, admin, null, reason.strip()))
                .flatMap(rejected -> audit.write("subsidy.rejected", "subsidy", id.toString()).thenReturn(rejected)));
    }

    /** Records the payment of an approved subsidy: the household's income from then on. */
    public Mono<SubsidyRow> pay(CountyCode county, UUID id, LocalDate paidOn, String reference, String recordedBy) {
        String code = county.value();
        if (paidOn == null) {
            return Mono.error(InvalidRequestException.field("paidOn", "is required (YYYY-MM-DD)"));
        }
        if (paidOn.isAfter(LocalDate.now(clock))) {
            return Mono.error(InvalidRequestException.field("paidOn", "is in the future"));
        }
        return tenantTransactions.inCounty(county, () -> existingForUpdate(code, id)
                .flatMap(subsidy -> {
                    subsidy.status().requirePayable();
                    if (paidOn.isBefore(LocalDate.ofInstant(subsidy.decidedAt(), clock.getZone()))) {
                        return Mono.error(InvalidRequestException.field("paidOn", "is before the approval on "
                                + LocalDate.ofInstant(subsidy.decidedAt(), clock.getZone())));
                    }
                    String cleanReference = reference == null || reference.isBlank() ? null : reference.strip();
                    return subsidies.paid(code, id, paidOn, cleanReference, recordedBy)
                            .flatMap(paid -> events.subsidyPaid(code, id, paid.household(), paid.shop(), paid.amountFen(), paidOn, cleanReference)
                                    .then(audit.write("subsidy.paid", "subsidy", id.toString()))
                                    .thenReturn(paid));
                }));
    }

    public Mono<SubsidyRow> find(CountyCode county, UUID id) {
        return tenantTransactions.inCounty(county, () -> subsidies.find(county.value(), id)
                .switchIfEmpty(Mono.error(new NotFoundException("Subsidy", id))));
    }

    public Flux<SubsidyRow> list(CountyCode county, SubsidyStatus status, UUID household, UUID after, int limit) {
        return tenantTransactions.manyInCounty(county, () -> subsidies.list(county.value(), status, household, after, limit));
    }

    /** Sets the year's budget; it cannot go below what approvals already committed. */
    public Mono<BudgetRow> setBudget(CountyCode county, int year, long budgetFen) {
        String code = county.value();
        return tenantTransactions.inCounty(county, () -> subsidies.budgetForUpdate(code, year)
                .flatMap(current -> current.committedFen() > budgetFen
                        ? Mono.<BudgetRow>error(new ConflictException("budget-below-committed", "Approvals already committed "
                                + current.committedFen() + " fen of " + year + "'s budget", "budgetFen"))
                        : Mono.<BudgetRow>empty())
                .then(subsidies.setBudget(code, year, budgetFen))
                .flatMap(budget -> audit.write("subsidy.budget-set", "subsidy-budget", Integer.toString(year)).thenReturn(budget)));
    }

    public Mono<BudgetRow> budget(CountyCode county, int year) {
        return tenantTransactions.inCounty(county, () -> subsidies.budget(county.value(), year)
                .switchIfEmpty(Mono.error(new NotFoundException("Subsidy budget of year", year))));
    }

    private Mono<SubsidyRow> decidable(String county, UUID id) {
        return existingForUpdate(county, id).map(subsidy -> {
            subsidy.status().requireDecidable();
            return subsidy;
        });
    }

    private Mono<SubsidyRow> existingForUpdate(String county, UUID id) {
        return subsidies.findForUpdate(county, id).switchIfEmpty(Mono.error(new NotFoundException("Subsidy", id)));
    }

    private Mono<BudgetRow> budgetRefusal(String county, int year, long amountFen) {
        return subsidies.budget(county, year)
                .flatMap(budget -> Mono.<BudgetRow>error(new ConflictException("budget-exceeded", "Approving " + amountFen + " fen would exceed "
                        + year + "'s budget: " + (budget.budgetFen() - budget.committedFen()) + " of " + budget.budgetFen() + " fen remain")))
                .switchIfEmpty(Mono.error(new RuleViolatedException("no-budget", "County " + county + " has no subsidy budget for " + year
                        + "; a county admin sets it first", "year")));
    }
}
