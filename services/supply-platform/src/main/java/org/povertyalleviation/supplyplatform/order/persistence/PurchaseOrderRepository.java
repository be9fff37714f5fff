package org.povertyalleviation.supplyplatform.order.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.supplyplatform.order.domain.Delivery;
import org.povertyalleviation.supplyplatform.order.domain.DeliveryPayment;
import org.povertyalleviation.supplyplatform.order.domain.DeliveryStatus;
import org.povertyalleviation.supplyplatform.order.domain.PurchaseOrder;
import org.povertyalleviation.supplyplatform.order.domain.OrderTotals;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Purchase orders, their households and deliveries. */
@Repository
public class PurchaseOrderRepository {


    private final DatabaseClient database;

    public PurchaseOrderRepository(DatabaseClient database) {
        this.database = database;
    }

    public Mono<Void> insert(PurchaseOrder order, List<UUID> households) {
        return database.sql("""
                        insert into purchase_order (county_code, id, organisation_id, product_id, season, price_fen, agreed_by, agreed_at)
                        values (:county, :id, :organisation, :product, :season, :price, :by, :at)""")
                .bind("county", order.county().value()).bind("id", order.id()).bind("organisation", order.organisation())
                .bind("product", order.product()).bind("season", order.season()).bind("price", order.priceFen())
                .bind("by", order.agreedBy()).bind("at", order.agreedAt())
                .fetch().rowsUpdated()
                .thenMany(Flux.fromIterable(households).concatMap(household -> database.sql(
                                "insert into purchase_order_household (county_code, order_id, household_id) values (:county, :order, :household)")
                        .bind("county", order.county().value()).bind("order", order.id()).bind("household", household).fetch().rowsUpdated()))
                .then();
    }

    public Mono<PurchaseOrder> find(CountyCode county, UUID id) {
        return database.sql("select * from purchase_order where county_code = :county and id = :id")
                .bind("county", county.value()).bind("id", id).map(PurchaseOrderRepository::order).one();
    }

    public Flux<PurchaseOrder> list(CountyCode county, UUID organisation, int limit) {
        DatabaseClient.GenericExecuteSpec select = database.sql("""
                        select * from purchase_order where county_code = :county and (cast(:organisation as uuid) is null or organisation_id = :organisation)
                         order by season desc, agreed_at desc, id limit :limit""")
                .bind("county", county.value()).bind("limit", limit);
        select = organisation == null ? select.bindNull("organisation", UUID.class) : select.bind("organisation", organisation);
        return select.map(PurchaseOrderRepository::order).all();
    }

    public Flux<UUID> households(CountyCode county, UUID order) {
        return database.sql("select household_id from purchase_order_household where county_code = :county and order_id = :order order by household_id")
                .bind("county", county.value()).bind("order", order).map(row -> row.get("household_id", UUID.class)).all();
    }

    public Mono<Boolean> hasHousehold(CountyCode county, UUID order, UUID household) {
        return database.sql("""
                        select exists (select 1 from purchase_order_household where county_code = :county and order_id = :order
                                          and household_id = :household) as listed""")
                .bind("county", county.value()).bind("order", order).bind("household", household)
                .map(row -> row.get("listed", Boolean.class)).one();
    }

    public Mono<OrderTotals> totals(CountyCode county, UUID order) {
        return database.sql("""
                        select count(*) as deliveries, coalesce(sum(quantity_milli), 0) as quantity, coalesce(sum(amount_fen), 0) as amount,
                               coalesce(sum(premium_fen), 0) as premium, coalesce(sum(amount_fen) filter (where status = 'PAID'), 0) as paid
                          from delivery where county_code = :county and order_id = :order""")
                .bind("county", county.value()).bind("order", order)
                .map(row -> new OrderTotals(row.get("deliveries", Long.class), number(row, "quantity"), number(row, "amount"),
                        number(row, "premium"), number(row, "paid")))
                .one();
    }

    public Mono<Void> insertDelivery(Delivery delivery) {
        return database.sql("""
                        insert into delivery (county_code, id, order_id, household_id, delivered_on, quantity_milli, grade, reference_price_fen,
                                              amount_fen, premium_fen, status, revision, recorded_by, recorded_at)
                        values (:county, :id, :order, :household, :deliveredOn, :quantity, :grade, :reference, :amount, :premium, :status,
                                :revision, :by, :at)""")
                .bind("county", delivery.county().value()).bind("id", delivery.id()).bind("order", delivery.order())
                .bind("household", delivery.household()).bind("deliveredOn", delivery.deliveredOn()).bind("quantity", delivery.quantityMilli())
                .bind("grade", delivery.grade()).bind("reference", delivery.referencePriceFen()).bind("amount", delivery.payment().amountFen())
                .bind("premium", delivery.payment().premiumFen()).bind("status", delivery.status().name()).bind("revision", delivery.revision())
                .bind("by", delivery.recordedBy()).bind("at", delivery.recordedAt())
                .fetch().rowsUpdated().then();
    }

    /** The delivery, locked until the transaction ends: a concurrent payment or correction waits and sees this one's result. */
    public Mono<Delivery> findDeliveryForUpdate(CountyCode county, UUID order, UUID id) {
        return database.sql("select * from delivery where county_code = :county and order_id = :order and id = :id for update")
                .bind("county", county.value()).bind("order", order).bind("id", id).map(PurchaseOrderRepository::delivery).one();
    }

    public Mono<Void> updateDelivery(Delivery delivery) {
        DatabaseClient.GenericExecuteSpec update = database.sql("""
                        update delivery set quantity_milli = :quantity, grade = :grade, amount_fen = :amount, premium_fen = :premium,
                                            status = :status, paid_on = :paidOn, revision = :revision
                         where county_code = :county and id = :id""")
                .bind("quantity", delivery.quantityMilli()).bind("grade", delivery.grade()).bind("amount", delivery.payment().amountFen())
                .bind("premium", delivery.payment().premiumFen()).bind("status", delivery.status().name()).bind("revision", delivery.revision())
                .bind("county", delivery.county().value()).bind("id", delivery.id());
        update = delivery.paidOn() == null ? update.bindNull("paidOn", LocalDate.class) : update.bind("paidOn", delivery.paidOn());
        return update.fetch().rowsUpdated().then();
    }

    public Flux<Delivery> deliveries(CountyCode county, UUID order, int limit) {
        return database.sql("select * from delivery where county_code = :county and order_id = :order order by delivered_on, recorded_at, id limit :limit")
                .bind("county", county.value()).bind("order", order).bind("limit", limit).map(PurchaseOrderRepository::delivery).all();
    }

    private static long number(Readable row, String column) {
        Number value = row.get(column, Number.class);
        return value == null ? 0 : value.longValue();
    }

    private static PurchaseOrder order(Readable row) {
        return new PurchaseOrder(row.get("id", UUID.class), CountyCode.of(row.get("county_code", String.class)), row.get("organisation_id", UUID.class),
                row.get("product_id", UUID.class), row.get("season", Integer.class), row.get("price_fen", Long.class),
                row.get("agreed_by", String.class), row.get("agreed_at", Instant.class));
    }

    private static Delivery delivery(Readable row) {
        long amount = row.get("amount_fen", Long.class);
        long premium = row.get("premium_fen", Long.class);
        return new Delivery(row.get("id", UUID.class), CountyCode.of(row.get("county_code", String.class)), row.get("order_id", UUID.class),
                row.get("household_id", UUID.class), row.get("delivered_on", LocalDate.class), row.get("quantity_milli", Long.class),
                row.get("grade", String.class), row.get("reference_price_fen", Long.class), new DeliveryPayment(amount, amount - premium, premium),
                DeliveryStatus.valueOf(row.get("status", String.class)), row.get("paid_on", LocalDate.class), row.get("revision", Integer.class),
                row.get("recorded_by", String.class), row.get("recorded_at", Instant.class));
    }
}
