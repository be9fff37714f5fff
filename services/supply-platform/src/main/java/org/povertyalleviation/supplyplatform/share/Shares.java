package org.povertyalleviation.supplyplatform.share;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.povertyalleviation.platform.audit.AuditTrail;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.RuleRefusedException;
import org.povertyalleviation.platform.households.KnownHouseholds;
import org.povertyalleviation.platform.outbox.Outbox;
import org.povertyalleviation.platform.problem.ConflictException;
import org.povertyalleviation.platform.problem.NotFoundException;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.povertyalleviation.supplyplatform.income.messaging.HouseholdIncomeEarned;
import org.povertyalleviation.supplyplatform.organisation.Organisations;
import org.povertyalleviation.supplyplatform.share.domain.Dividend;
import org.povertyalleviation.supplyplatform.share.domain.DividendSplit;
import org.povertyalleviation.supplyplatform.share.domain.Shareholding;
import org.povertyalleviation.supplyplatform.share.domain.StakeKind;
import org.povertyalleviation.supplyplatform.share.persistence.ShareRepository;
import org.povertyalleviation.supplyplatform.share.domain.DividendSummary;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Households' stakes in organisations and the dividends they declare. A dividend, its parts and one
 * supply.household-income-earned.v1 (DIVIDEND) per household commit together; one dividend per organisation and
 * year, so a resent declaration pays nothing twice.
 */
@Service
public class Shares {

    /** A dividend with its parts and the households' file numbers. */
    public record DividendView(DividendSummary dividend, List<DividendSplit.Part> parts, Map<UUID, String> fileNumbers) {
    }

    /** An organisation's shareholdings with the households' file numbers. */
    public record Holdings(List<Shareholding> shareholdings, Map<UUID, String> fileNumbers) {
    }

    private final ShareRepository shares;
    private final Organisations organisations;
    private final KnownHouseholds households;
    private final TenantTransactions tenantTransactions;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final Clock clock;

    public Shares(ShareRepository shares, Organisations organisations, KnownHouseholds households, TenantTransactions tenantTransactions,
                  Outbox outbox, AuditTrail audit, Clock clock) {
        this.shares = shares;
        this.organisations = organisations;
        this.households = households;
        this.tenantTransactions = tenantTransactions;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    public Mono<Shareholding> invest(CountyCode county, UUID organisation, UUID household, StakeKind kind, long amountFen, LocalDate investedOn,
                                     String terms, String recordedBy) {
        if (investedOn.isAfter(LocalDate.now(clock))) {
            throw RuleRefusedException.violated("investment-in-future", "A stake is recorded once invested", "investedOn");
        }
        Shareholding holding = new Shareholding(UUID.randomUUID(), county, organisation, household, kind, amountFen, investedOn,
                terms == null ? "" : terms.strip(), recordedBy, clock.instant());
        return tenantTransactions.inCounty(county, () -> organisations.require(county, organisation)
                .then(households.require(county.value(), household, "household"))
                .then(shares.insert(holding))
                .then(audit.write("shareholding.recorded", "organisation", organisation + ":" + holding.id()))
                .thenReturn(holding));
    }

    public Mono<Holdings> shareholdings(CountyCode county, UUID organisation, int limit) {
        return tenantTransactions.inCounty(county, () -> organisations.require(county, organisation)
                .then(shares.shareholdings(county, organisation, limit).collectList())
                .flatMap(list -> households.fileNumbers(county.value(), list.stream().map(Shareholding::household).toList())
                        .map(numbers -> new Holdings(list, numbers))));
    }

    public Mono<DividendView> declare(CountyCode county, UUID organisation, int year, Integer rateBasisPoints, Long declaredFen, LocalDate paidOn,
                                      String declaredBy) {
        if (paidOn.isAfter(LocalDate.now(clock))) {
            throw RuleRefusedException.violated("payment-in-future", "A dividend is recorded when it is paid", "paidOn");
        }
        return tenantTransactions.inCounty(county, () -> organisations.require(county, organisation)
                .then(shares.dividendDeclared(county, organisation, year))
                .flatMap(declared -> declared ? Mono.error(new ConflictException("dividend-declared",
                        "The organisation declared its " + year + " dividend already", "year")) : shares.stakesOn(county, organisation, paidOn).collectList())
                .map(stakes -> Dividend.declare(county, organisation, year, rateBasisPoints, declaredFen, paidOn, DividendSplit.stakesByHousehold(stakes),
                        declaredBy, clock.instant()))
                .flatMap(dividend -> shares.insert(dividend)
                        .then(outbox.publishAll(dividend.parts().stream().filter(part -> part.amountFen() > 0)
                                .map(part -> new HouseholdIncomeEarned(county.value(), part.household().toString(), HouseholdIncomeEarned.DIVIDEND,
                                        "dividend:" + dividend.id() + ":" + part.household(), organisation.toString(),
                                        YearMonth.from(paidOn).toString(), paidOn.toString(), part.amountFen(), null, 1))
                                .toList()))
                        .then(audit.write("dividend.declared", "organisation", organisation + ":" + dividend.id()))
                        .then(view(county, organisation, dividend.id())))
                // Two declarations at once: the second meets the first's row (unique per organisation and year).
                .onErrorMap(org.springframework.dao.DataIntegrityViolationException.class, e -> new ConflictException("dividend-declared",
                        "The organisation declared its " + year + " dividend already", "year")));
    }

    public Mono<DividendView> dividend(CountyCode county, UUID organisation, UUID id) {
        return tenantTransactions.inCounty(county, () -> organisations.require(county, organisation).then(view(county, organisation, id)));
    }

    public Mono<List<DividendSummary>> dividends(CountyCode county, UUID organisation) {
        return tenantTransactions.inCounty(county, () -> organisations.require(county, organisation)
                .then(shares.dividends(county, organisation).collectList()));
    }

    private Mono<DividendView> view(CountyCode county, UUID organisation, UUID id) {
        return shares.findDividend(county, organisation, id).switchIfEmpty(Mono.error(new NotFoundException("Dividend", id)))
                .flatMap(summary -> shares.parts(county, id, 20_000).collectList()
                        .flatMap(parts -> households.fileNumbers(county.value(), parts.stream().map(DividendSplit.Part::household).toList())
                                .map(numbers -> new DividendView(summary, parts, numbers))));
    }
}
