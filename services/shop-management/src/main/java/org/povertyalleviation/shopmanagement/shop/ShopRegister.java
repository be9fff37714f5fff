package org.povertyalleviation.shopmanagement.shop;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.povertyalleviation.platform.audit.AuditTrail;
import org.povertyalleviation.platform.problem.ConflictException;
import org.povertyalleviation.platform.problem.NotFoundException;
import org.povertyalleviation.platform.problem.RuleViolatedException;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.povertyalleviation.platform.households.KnownHouseholds;
import org.povertyalleviation.shopmanagement.shop.domain.IncomeLink;
import org.povertyalleviation.shopmanagement.shop.domain.Shop;
import org.povertyalleviation.shopmanagement.shop.domain.ShopStatus;
import org.povertyalleviation.shopmanagement.shop.messaging.ShopEvents;
import org.povertyalleviation.shopmanagement.shop.messaging.ShopEvents.Detector;
import org.povertyalleviation.shopmanagement.shop.persistence.ShopRepository;
import org.povertyalleviation.shopmanagement.shop.persistence.ShopRepository.LinkRow;
import org.povertyalleviation.shopmanagement.shop.persistence.ShopRepository.ShopRow;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A county's shops and the households they lift. Every change runs in one county transaction with its audit entry
 * and its event (outbox): recorded, audited and announced together or not at all.
 */
@Service
public class ShopRegister {

    /** A shop with its linked households. */
    public record ShopView(ShopRow shop, List<LinkRow> links) {
    }

    private final TenantTransactions tenantTransactions;
    private final ShopRepository shops;
    private final KnownHouseholds households;
    private final ShopEvents events;
    private final AuditTrail audit;

    public ShopRegister(TenantTransactions tenantTransactions, ShopRepository shops, KnownHouseholds households, ShopEvents events,
                        AuditTrail audit) {
        this.tenantTransactions = tenantTransactions;
        this.shops = shops;
        this.households = households;
        this.events = events;
        this.audit = audit;
    }

    /** Registers a shop, PLANNED or already OPEN (then shop.opened.v1 is published). */
    public Mono<ShopView> create(CountyCode county, Shop shop, ShopStatus status) {
        String code = county.value();
        if (status != ShopStatus.PLANNED && status != ShopStatus.OPEN) {
            return Mono.error(new RuleViolatedException("initial-status", "A shop is registered PLANNED or OPEN, not " + status, "status"));
        }
        return tenantTransactions.inCounty(county, () -> requireShopFields(code, shop, null)
                .then(shops.insert(code, shop, status))
                .flatMap(created -> (status == ShopStatus.OPEN ? events.opened(created) : Mono.<Void>empty())
                        .then(audit.write("shop.registered", "shop", created.id().toString())))
                .then(view(code, shop.id())));
    }

    /** Replaces the shop's own fields (not its status, not its links). */
    public Mono<ShopView> update(CountyCode county, Shop shop) {
        String code = county.value();
        return tenantTransactions.inCounty(county, () -> existingForUpdate(code, shop.id())
                .flatMap(current -> requireOwnerChangeAllowed(code, current, shop)
                        .then(requireShopFields(code, shop, current.ownerHousehold()))
                        .then(shops.update(code, shop))
                        .flatMap(updated -> audit.write("shop.updated", "shop", updated.id().toString())))
                .then(view(code, shop.id())));
    }

    /** A clerk's status change; the dormancy check and sales reports use {@link #moveStatus} in their own transactions. */
    public Mono<ShopView> changeStatus(CountyCode county, UUID id, ShopStatus target, String reason) {
        String code = county.value();
        return tenantTransactions.inCounty(county, () -> existingForUpdate(code, id)
                .flatMap(current -> moveStatus(current, target, reason, Detector.CLERK))
                .then(view(code, id)));
    }

    /**
     * In the caller's county transaction, with the shop locked: moves it along the lifecycle and publishes
     * shop.status-changed.v1 (and shop.opened.v1 the first time it opens).
     */
    public Mono<ShopRow> moveStatus(ShopRow current, ShopStatus target, String reason, Detector detectedBy) {
        String code = current.countyCode();
        return Mono.fromRunnable(() -> current.status().requireStepTo(target))
                .then(shops.changeStatus(code, current.id(), current.status(), target, reason == null || reason.isBlank() ? null : reason.strip()))
                .switchIfEmpty(Mono.error(new ConflictException("concurrent-change", "The shop changed meanwhile; try again")))
                .flatMap(changed -> shops.links(code, changed.id()).map(link -> link.link().household()).collectList()
                        .flatMap(linked -> (current.openedAt() == null && target == ShopStatus.OPEN ? events.opened(changed) : Mono.<Void>empty())
                                .then(events.statusChanged(changed, current.status(), detectedBy, linked)))
                        .then(audit.write("shop.status-changed", "shop", changed.id() + ":" + current.status() + "->" + target))
                        .thenReturn(changed));
    }

    /** Deletes a shop registered by mistake: one with no sales reports and no subsidy; others are CLOSED instead. */
    public Mono<Void> remove(CountyCode county, UUID id) {
        String code = county.value();
        return tenantTransactions.inCounty(county, () -> existingForUpdate(code, id)
                .flatMap(current -> shops.hasHistory(code, id).flatMap(referenced -> referenced
                        ? Mono.error(new ConflictException("not-removable", "The shop has sales reports or a subsidy; close it instead"))
                        : shops.delete(code, id).then(audit.write("shop.removed", "shop", id.toString())))));
    }

    public Mono<ShopView> find(CountyCode county, UUID id) {
        return tenantTransactions.inCounty(county, () -> view(county.value(), id));
    }

    public Flux<ShopRow> list(CountyCode county, ShopFilter filter, UUID after, int limit) {
        return tenantTransactions.manyInCounty(county, () -> shops.list(county.value(), filter.village(), filter.platform(),
                filter.ownerCategory(), filter.status(), filter.household(), after, limit));
    }

    /** The list's filters; any may be null. */
    public record ShopFilter(String village, org.povertyalleviation.shopmanagement.shop.domain.SalesPlatform platform,
                             org.povertyalleviation.shopmanagement.shop.domain.OwnerCategory ownerCategory, ShopStatus status,
                             UUID household) {
    }

    /**
     * Links a household of the county to the shop, or changes its role and rule. The household must be one the
     * registry knows in this county (a household of another county is a 422), and the shop's sales shares together
     * stay within its whole net sales. A closed shop takes no new links.
     *
     * @return the view and whether the link is new
     */
    public Mono<ShopView> link(CountyCode county, UUID shopId, IncomeLink link) {
        String code = county.value();
        return tenantTransactions.inCounty(county, () -> existingForUpdate(code, shopId)
                .flatMap(shop -> {
                    if (shop.status() == ShopStatus.CLOSED) {
                        return Mono.error(new ConflictException("shop-closed", "A closed shop takes no household links", "shop"));
                    }
                    return households.require(code, link.household(), "household")
                            .then(shops.links(code, shopId).map(LinkRow::link).collectList())
                            .flatMap(existing -> {
                                List<IncomeLink> after = new ArrayList<>(existing.stream()
                                        .filter(other -> !other.household().equals(link.household())).toList());
                                after.add(link);
                                return Mono.fromRunnable(() -> IncomeLink.requireSharesWithinWhole(after))
                                        .then(shops.link(code, shopId, link));
                            })
                            .flatMap(inserted -> audit.write(inserted ? "shop.household-linked" : "shop.household-link-changed", "shop",
                                    shopId + "/households/" + link.household()));
                })
                .then(view(code, shopId)));
    }

    public Mono<ShopView> unlink(CountyCode county, UUID shopId, UUID household) {
        String code = county.value();
        return tenantTransactions.inCounty(county, () -> existingForUpdate(code, shopId)
                .then(shops.unlink(code, shopId, household))
                .flatMap(removed -> removed == 0
                        ? Mono.error(new NotFoundException("Link of household", household))
                        : audit.write("shop.household-unlinked", "shop", shopId + "/households/" + household))
                .then(view(code, shopId)));
    }

    /**
     * The village is the county's, and a new owner household is one the registry knows (an owner the registry removed
     * since does not stop the shop's other fields from being corrected).
     */
    private Mono<Void> requireShopFields(String county, Shop shop, UUID currentOwner) {
        if (!shop.inCounty(county)) {
            return Mono.error(new RuleViolatedException("unknown-village", "Village " + shop.village() + " is not in county " + county, "village"));
        }
        boolean newOwner = shop.ownerHousehold() != null && !shop.ownerHousehold().equals(currentOwner);
        return shops.villageExists(county, shop.village())
                .flatMap(known -> known ? Mono.<Void>empty()
                        : Mono.error(new RuleViolatedException("unknown-village", "Village " + shop.village() + " is not a village of county " + county, "village")))
                .then(newOwner ? households.require(county, shop.ownerHousehold(), "ownerHousehold").then() : Mono.empty());
    }

    /** A subsidy was granted for the shop's owner: the owner stays, or the subsidy would follow the shop to another. */
    private Mono<Void> requireOwnerChangeAllowed(String county, ShopRow current, Shop shop) {
        boolean ownerChanged = current.ownerCategory() != shop.ownerCategory() || !java.util.Objects.equals(current.ownerHousehold(), shop.ownerHousehold());
        if (!ownerChanged) {
            return Mono.empty();
        }
        return shops.hasSubsidy(county, current.id()).flatMap(subsidised -> subsidised
                ? Mono.error(new ConflictException("owner-has-subsidy", "The shop's owner household applied for or received its "
                        + "opening subsidy; the owner cannot change", "ownerHousehold"))
                : Mono.empty());
    }

    private Mono<ShopView> view(String county, UUID id) {
        return shops.find(county, id).switchIfEmpty(Mono.error(new NotFoundException("Shop", id)))
                .flatMap(shop -> shops.links(county, id).collectList().map(links -> new ShopView(shop, links)));
    }

    private Mono<ShopRow> existingForUpdate(String county, UUID id) {
        return shops.findForUpdate(county, id).switchIfEmpty(Mono.error(new NotFoundException("Shop", id)));
    }
}
