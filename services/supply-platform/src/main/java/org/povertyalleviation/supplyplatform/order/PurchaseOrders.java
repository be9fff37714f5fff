package org.povertyalleviation.supplyplatform.order;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.povertyalleviation.platform.audit.AuditTrail;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.RuleRefusedException;
import org.povertyalleviation.platform.households.KnownHouseholds;
import org.povertyalleviation.platform.outbox.Outbox;
import org.povertyalleviation.platform.problem.NotFoundException;
import org.povertyalleviation.platform.problem.RuleViolatedException;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.povertyalleviation.supplyplatform.income.messaging.HouseholdIncomeEarned;
import org.povertyalleviation.supplyplatform.order.domain.Delivery;
import org.povertyalleviation.supplyplatform.order.domain.DeliveryStatus;
import org.povertyalleviation.supplyplatform.order.domain.PurchaseOrder;
import org.povertyalleviation.supplyplatform.order.persistence.PurchaseOrderRepository;
import org.povertyalleviation.supplyplatform.order.domain.OrderTotals;
import org.povertyalleviation.supplyplatform.organisation.Organisations;
import org.povertyalleviation.supplyplatform.product.Products;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Purchase orders with registered households, their deliveries and payments. Paying a delivery and its
 * supply.household-income-earned.v1 (ORDER_PREMIUM) commit together (outbox); a correction of a paid delivery
 * republishes it with the next revision, which the household's ledger takes in place of the first.
 */
@Service
public class PurchaseOrders {

    /** An order with its households (and their file numbers) and what its deliveries add up to. */
    public record OrderView(PurchaseOrder order, List<UUID> households, Map<UUID, String> fileNumbers, OrderTotals totals) {
    }

    /** An order's deliveries with the households' file numbers. */
    public record Deliveries(List<Delivery> deliveries, Map<UUID, String> fileNumbers) {
    }

    private final PurchaseOrderRepository orders;
    private final Organisations organisations;
    private final Products products;
    private final KnownHouseholds households;
    private final TenantTransactions tenantTransactions;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final Clock clock;

    public PurchaseOrders(PurchaseOrderRepository orders, Organisations organisations, Products products, KnownHouseholds households,
                          TenantTransactions tenantTransactions, Outbox outbox, AuditTrail audit, Clock clock) {
        this.orders = orders;
        this.organisations = organisations;
        this.products = products;
        this.households = households;
        this.tenantTransactions = tenantTransactions;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    public Mono<OrderView> agree(CountyCode county, UUID organisation, UUID product, int season, long priceFen, List<UUID> households,
                                 String agreedBy) {
        List<UUID> distinct = List.copyOf(new LinkedHashSet<>(households));
        if (distinct.size() != households.size()) {
            throw RuleRefusedException.violated("duplicate-household", "Each household is listed once", "households");
        }
        PurchaseOrder order = new PurchaseOrder(UUID.randomUUID(), county, organisation, product, season, priceFen, agreedBy, clock.instant());
        return tenantTransactions.inCounty(county, () -> organisations.requireNamed(county, organisation, "organisation")
                .then(products.requireListed(county, product, "product"))
                // Held against this month's reference already when the county has one; each delivery is held against its own month's.
                .then(products.referencePrice(county, product, YearMonth.now(clock)).doOnNext(reference -> {
                    if (priceFen < reference.priceFen()) {
                        throw belowReference(priceFen, reference.priceFen(), reference.month(), "priceFen");
                    }
                }))
                .thenMany(Flux.range(0, distinct.size()).concatMap(i -> this.households.require(county.value(), distinct.get(i), "households[" + i + "]")))
                .then(orders.insert(order, distinct))
                .then(audit.write("purchase-order.agreed", "purchase-order", order.id().toString()))
                .then(view(county, order)));
    }

    public Mono<OrderView> find(CountyCode county, UUID id) {
        return tenantTransactions.inCounty(county, () -> require(county, id).flatMap(order -> view(county, order)));
    }

    public Mono<List<PurchaseOrder>> list(CountyCode county, UUID organisation, int limit) {
        return tenantTransactions.inCounty(county, () -> orders.list(county, organisation, limit).collectList());
    }

    public Mono<Delivery> recordDelivery(CountyCode county, UUID orderId, UUID household, LocalDate deliveredOn, long quantityMilli, String grade,
                                         String recordedBy) {
        return tenantTransactions.inCounty(county, () -> require(county, orderId).flatMap(order -> orders.hasHousehold(county, orderId, household)
                .flatMap(listed -> listed ? Mono.<Void>empty() : Mono.error(RuleRefusedException.violated("household-not-in-order",
                        "Household " + household + " is not one of the order's households", "household")))
                .then(Mono.fromRunnable(() -> order.requireInSeason(deliveredOn)))
                .then(products.requireReferencePrice(county, order.product(), YearMonth.from(deliveredOn), "deliveredOn"))
                .map(reference -> {
                    if (order.priceFen() < reference.priceFen()) {
                        throw belowReference(order.priceFen(), reference.priceFen(), reference.month(), "deliveredOn");
                    }
                    return Delivery.record(county, order, household, deliveredOn, quantityMilli, grade, reference.priceFen(), recordedBy, clock.instant());
                })
                .flatMap(delivery -> orders.insertDelivery(delivery)
                        .then(audit.write("delivery.recorded", "delivery", delivery.id().toString()))
                        .thenReturn(delivery))));
    }

    public Mono<Deliveries> deliveries(CountyCode county, UUID order, int limit) {
        return tenantTransactions.inCounty(county, () -> require(county, order).then(orders.deliveries(county, order, limit).collectList())
                .flatMap(list -> households.fileNumbers(county.value(), list.stream().map(Delivery::household).toList())
                        .map(numbers -> new Deliveries(list, numbers))));
    }

    /** Pays the delivery once; the household's income and the payment commit together. */
    public Mono<Delivery> pay(CountyCode county, UUID orderId, UUID deliveryId, LocalDate paidOn) {
        return tenantTransactions.inCounty(county, () -> require(county, orderId).flatMap(order -> requireDelivery(county, orderId, deliveryId)
                .map(delivery -> delivery.pay(paidOn, LocalDate.now(clock)))
                .flatMap(paid -> orders.updateDelivery(paid)
                        .then(outbox.publish(income(order, paid)))
                        .then(audit.write("delivery.paid", "delivery", deliveryId.toString()))
                        .thenReturn(paid))));
    }

    /** A new quantity or grade; a paid delivery's income is republished with the next revision and replaces the first. */
    public Mono<Delivery> correct(CountyCode county, UUID orderId, UUID deliveryId, long quantityMilli, String grade) {
        return tenantTransactions.inCounty(county, () -> require(county, orderId).flatMap(order -> requireDelivery(county, orderId, deliveryId)
                .map(delivery -> delivery.correct(order, quantityMilli, grade))
                .flatMap(corrected -> orders.updateDelivery(corrected)
                        .then(corrected.status() == DeliveryStatus.PAID ? outbox.publish(income(order, corrected)) : Mono.empty())
                        .then(audit.write("delivery.corrected", "delivery", deliveryId.toString()))
                        .thenReturn(corrected))));
    }

    private static RuleViolatedException belowReference(long priceFen, long referenceFen, YearMonth month, String field) {
        return new RuleViolatedException("below-reference-price", "The order's price of " + priceFen + " fen a unit is below the market "
                + "reference price of " + referenceFen + " fen for " + month, field, Map.of("referencePriceFen", referenceFen,
                "priceFen", priceFen, "month", month.toString()));
    }

    private static HouseholdIncomeEarned income(PurchaseOrder order, Delivery paid) {
        return new HouseholdIncomeEarned(paid.county().value(), paid.household().toString(), HouseholdIncomeEarned.ORDER_PREMIUM,
                "delivery:" + paid.id(), order.organisation().toString(), YearMonth.from(paid.paidOn()).toString(), paid.paidOn().toString(),
                paid.payment().amountFen(), paid.payment().premiumFen(), paid.revision());
    }

    private Mono<Delivery> requireDelivery(CountyCode county, UUID order, UUID id) {
        return orders.findDeliveryForUpdate(county, order, id).switchIfEmpty(Mono.error(new NotFoundException("Delivery", id)));
    }

    private Mono<PurchaseOrder> require(CountyCode county, UUID id) {
        return orders.find(county, id).switchIfEmpty(Mono.error(new NotFoundException("Purchase order", id)));
    }

    private Mono<OrderView> view(CountyCode county, PurchaseOrder order) {
        return orders.households(county, order.id()).collectList()
                .flatMap(listed -> households.fileNumbers(county.value(), listed)
                        .zipWith(orders.totals(county, order.id()), (numbers, totals) -> new OrderView(order, listed, numbers, totals)));
    }
}
