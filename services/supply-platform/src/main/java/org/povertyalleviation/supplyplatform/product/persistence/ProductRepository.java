package org.povertyalleviation.supplyplatform.product.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.supplyplatform.product.domain.Certification;
import org.povertyalleviation.supplyplatform.product.domain.CertificationKind;
import org.povertyalleviation.supplyplatform.product.domain.Inspection;
import org.povertyalleviation.supplyplatform.product.domain.InspectionResult;
import org.povertyalleviation.supplyplatform.product.domain.Listing;
import org.povertyalleviation.supplyplatform.product.domain.Product;
import org.povertyalleviation.supplyplatform.product.domain.ProductCategory;
import org.povertyalleviation.supplyplatform.product.domain.ProductUnit;
import org.povertyalleviation.supplyplatform.product.domain.ReferencePrice;
import org.povertyalleviation.supplyplatform.product.domain.SupplyBase;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Products and their monthly reference prices. */
@Repository
public class ProductRepository {

    private final DatabaseClient database;

    public ProductRepository(DatabaseClient database) {
        this.database = database;
    }

    public Mono<Void> insert(Product product) {
        DatabaseClient.GenericExecuteSpec insert = database.sql("""
                        insert into product (county_code, id, organisation_id, name, category, unit, required_certification, certified,
                                             inspection_failed, listed, listing_changed_on, registered_at)
                        values (:county, :id, :organisation, :name, :category, :unit, :required, :certified, false, :listed, :on, :at)""")
                .bind("county", product.county().value()).bind("id", product.id()).bind("organisation", product.organisation())
                .bind("name", product.name()).bind("category", product.category().name()).bind("unit", product.unit().name())
                .bind("certified", product.listing().certified()).bind("listed", product.listing().listed())
                .bind("on", product.listingChangedOn()).bind("at", product.registeredAt());
        insert = product.requiredCertification() == null ? insert.bindNull("required", String.class)
                : insert.bind("required", product.requiredCertification().name());
        return insert.fetch().rowsUpdated().then();
    }

    /** The product, locked until the transaction ends: listing changes of one product happen one after the other. */
    public Mono<Product> findForUpdate(CountyCode county, UUID id) {
        return database.sql("select * from product where county_code = :county and id = :id for update")
                .bind("county", county.value()).bind("id", id).map(ProductRepository::product).one();
    }

    public Mono<Void> updateListing(Product product) {
        return database.sql("""
                        update product set certified = :certified, inspection_failed = :failed, listed = :listed, listing_changed_on = :on
                         where county_code = :county and id = :id""")
                .bind("certified", product.listing().certified()).bind("failed", product.listing().inspectionFailed())
                .bind("listed", product.listing().listed()).bind("on", product.listingChangedOn())
                .bind("county", product.county().value()).bind("id", product.id())
                .fetch().rowsUpdated().then();
    }

    /** Products that require a certification, for the daily sweep. */
    public Flux<UUID> requiringCertification(CountyCode county) {
        return database.sql("select id from product where county_code = :county and required_certification is not null order by id")
                .bind("county", county.value()).map(row -> row.get("id", UUID.class)).all();
    }

    public Mono<Void> linkBase(CountyCode county, UUID product, UUID base) {
        return database.sql("insert into product_base (county_code, product_id, base_id) values (:county, :product, :base) on conflict do nothing")
                .bind("county", county.value()).bind("product", product).bind("base", base).fetch().rowsUpdated().then();
    }

    public Flux<UUID> bases(CountyCode county, UUID product) {
        return database.sql("select base_id from product_base where county_code = :county and product_id = :product order by base_id")
                .bind("county", county.value()).bind("product", product).map(row -> row.get("base_id", UUID.class)).all();
    }

    public Mono<Void> insertBase(SupplyBase base) {
        return database.sql("""
                        insert into supply_base (county_code, id, organisation_id, village_code, area_centimu, crop, registered_at)
                        values (:county, :id, :organisation, :village, :area, :crop, :at)""")
                .bind("county", base.county().value()).bind("id", base.id()).bind("organisation", base.organisation())
                .bind("village", base.village()).bind("area", base.areaCentimu()).bind("crop", base.crop()).bind("at", base.registeredAt())
                .fetch().rowsUpdated().then();
    }

    public Mono<SupplyBase> findBase(CountyCode county, UUID id) {
        return database.sql("select * from supply_base where county_code = :county and id = :id")
                .bind("county", county.value()).bind("id", id).map(ProductRepository::base).one();
    }

    public Flux<SupplyBase> basesOf(CountyCode county, UUID organisation) {
        return database.sql("select * from supply_base where county_code = :county and organisation_id = :organisation order by village_code, crop, id")
                .bind("county", county.value()).bind("organisation", organisation).map(ProductRepository::base).all();
    }

    public Mono<Void> insertCertification(Certification certification) {
        return database.sql("""
                        insert into certification (county_code, id, product_id, kind, issuer, number, document, valid_from, valid_to, recorded_by, recorded_at)
                        values (:county, :id, :product, :kind, :issuer, :number, :document, :from, :to, :by, :at)""")
                .bind("county", certification.county().value()).bind("id", certification.id()).bind("product", certification.product())
                .bind("kind", certification.kind().name()).bind("issuer", certification.issuer()).bind("number", certification.number())
                .bind("document", certification.document()).bind("from", certification.validFrom()).bind("to", certification.validTo())
                .bind("by", certification.recordedBy()).bind("at", certification.recordedAt())
                .fetch().rowsUpdated().then();
    }

    public Mono<Boolean> certificationNumberTaken(CountyCode county, CertificationKind kind, String number) {
        return database.sql("select exists (select 1 from certification where county_code = :county and kind = :kind and number = :number) as taken")
                .bind("county", county.value()).bind("kind", kind.name()).bind("number", number)
                .map(row -> row.get("taken", Boolean.class)).one();
    }

    public Flux<Certification> certifications(CountyCode county, UUID product) {
        return database.sql("select * from certification where county_code = :county and product_id = :product order by valid_to desc, id")
                .bind("county", county.value()).bind("product", product).map(ProductRepository::certification).all();
    }

    /**
     * Certificates of listed products that expire within the lead time's window and have had no reminder for it yet (a
     * day the sweep missed is caught up the next).
     */
    public Flux<Certification> expiringWithoutReminder(CountyCode county, LocalDate today, int daysAhead) {
        return database.sql("""
                        select c.* from certification c join product p on p.county_code = c.county_code and p.id = c.product_id
                         where c.county_code = :county and p.listed and p.required_certification = c.kind
                           and c.valid_to between :from and :until
                           and not exists (select 1 from certification_reminder r where r.county_code = c.county_code
                                              and r.certification_id = c.id and r.days_ahead = :days)
                         order by c.valid_to, c.id""")
                .bind("county", county.value()).bind("from", today.plusDays(windowStart(daysAhead))).bind("until", today.plusDays(daysAhead))
                .bind("days", daysAhead).map(ProductRepository::certification).all();
    }

    /** The 30-day reminder covers 8 to 30 days ahead, the 7-day one 0 to 7: a certificate recorded late gets only the nearer. */
    private static int windowStart(int daysAhead) {
        return daysAhead > 7 ? 8 : 0;
    }

    /** Records the reminder; false when it was sent already (another replica's sweep). */
    public Mono<Boolean> remind(CountyCode county, UUID certification, int daysAhead, LocalDate on) {
        return database.sql("""
                        insert into certification_reminder (county_code, certification_id, days_ahead, sent_on) values (:county, :id, :days, :on)
                        on conflict do nothing""")
                .bind("county", county.value()).bind("id", certification).bind("days", daysAhead).bind("on", on)
                .fetch().rowsUpdated().map(rows -> rows > 0);
    }

    /** Certificates that expire within the days, with their product, for the county's warning list. */
    public Flux<Certification> expiring(CountyCode county, LocalDate today, int days) {
        return database.sql("select * from certification where county_code = :county and valid_to between :today and :until order by valid_to, id")
                .bind("county", county.value()).bind("today", today).bind("until", today.plusDays(days))
                .map(ProductRepository::certification).all();
    }

    public Mono<Void> insertInspection(Inspection inspection) {
        DatabaseClient.GenericExecuteSpec insert = database.sql("""
                        insert into inspection (county_code, id, product_id, base_id, sample, sampled_on, result, lab, report, recorded_by, recorded_at)
                        values (:county, :id, :product, :base, :sample, :sampledOn, :result, :lab, :report, :by, :at)""")
                .bind("county", inspection.county().value()).bind("id", inspection.id()).bind("product", inspection.product())
                .bind("sample", inspection.sample()).bind("sampledOn", inspection.sampledOn()).bind("result", inspection.result().name())
                .bind("lab", inspection.lab()).bind("report", inspection.report()).bind("by", inspection.recordedBy())
                .bind("at", inspection.recordedAt());
        insert = inspection.base() == null ? insert.bindNull("base", UUID.class) : insert.bind("base", inspection.base());
        return insert.fetch().rowsUpdated().then();
    }

    /** The product's inspections, the latest sample first. */
    public Flux<Inspection> inspections(CountyCode county, UUID product, int limit) {
        return database.sql("select * from inspection where county_code = :county and product_id = :product order by sampled_on desc, recorded_at desc limit :limit")
                .bind("county", county.value()).bind("product", product).bind("limit", limit).map(ProductRepository::inspection).all();
    }

    public Mono<Product> find(CountyCode county, UUID id) {
        return database.sql("select * from product where county_code = :county and id = :id")
                .bind("county", county.value()).bind("id", id).map(ProductRepository::product).one();
    }

    public Flux<Product> list(CountyCode county, UUID organisation, int limit) {
        DatabaseClient.GenericExecuteSpec select = database.sql("""
                        select * from product where county_code = :county and (cast(:organisation as uuid) is null or organisation_id = :organisation)
                         order by name, id limit :limit""")
                .bind("county", county.value()).bind("limit", limit);
        select = organisation == null ? select.bindNull("organisation", UUID.class) : select.bind("organisation", organisation);
        return select.map(ProductRepository::product).all();
    }

    public Mono<Void> setReferencePrice(CountyCode county, UUID product, ReferencePrice price, Instant at) {
        return database.sql("""
                        insert into reference_price (county_code, product_id, month, price_fen, source, set_by, set_at)
                        values (:county, :product, :month, :price, :source, :by, :at)
                        on conflict (county_code, product_id, month) do update
                           set price_fen = excluded.price_fen, source = excluded.source, set_by = excluded.set_by, set_at = excluded.set_at""")
                .bind("county", county.value()).bind("product", product).bind("month", price.month().atDay(1))
                .bind("price", price.priceFen()).bind("source", price.source()).bind("by", price.setBy()).bind("at", at)
                .fetch().rowsUpdated().then();
    }

    public Mono<ReferencePrice> referencePrice(CountyCode county, UUID product, YearMonth month) {
        return database.sql("select * from reference_price where county_code = :county and product_id = :product and month = :month")
                .bind("county", county.value()).bind("product", product).bind("month", month.atDay(1))
                .map(ProductRepository::referencePrice).one();
    }

    public Flux<ReferencePrice> referencePrices(CountyCode county, UUID product) {
        return database.sql("select * from reference_price where county_code = :county and product_id = :product order by month desc limit 120")
                .bind("county", county.value()).bind("product", product)
                .map(ProductRepository::referencePrice).all();
    }

    private static ReferencePrice referencePrice(Readable row) {
        return new ReferencePrice(YearMonth.from(row.get("month", LocalDate.class)), row.get("price_fen", Long.class),
                row.get("source", String.class), row.get("set_by", String.class));
    }

    private static Product product(Readable row) {
        String required = row.get("required_certification", String.class);
        return new Product(row.get("id", UUID.class), CountyCode.of(row.get("county_code", String.class)), row.get("organisation_id", UUID.class),
                row.get("name", String.class), ProductCategory.valueOf(row.get("category", String.class)),
                ProductUnit.valueOf(row.get("unit", String.class)), required == null ? null : CertificationKind.valueOf(required),
                new Listing(Boolean.TRUE.equals(row.get("certified", Boolean.class)), Boolean.TRUE.equals(row.get("inspection_failed", Boolean.class))),
                row.get("listing_changed_on", LocalDate.class), row.get("registered_at", Instant.class));
    }

    private static SupplyBase base(Readable row) {
        return new SupplyBase(row.get("id", UUID.class), CountyCode.of(row.get("county_code", String.class)), row.get("organisation_id", UUID.class),
                row.get("village_code", String.class), row.get("area_centimu", Long.class), row.get("crop", String.class),
                row.get("registered_at", Instant.class));
    }

    private static Certification certification(Readable row) {
        return new Certification(row.get("id", UUID.class), CountyCode.of(row.get("county_code", String.class)), row.get("product_id", UUID.class),
                CertificationKind.valueOf(row.get("kind", String.class)), row.get("issuer", String.class), row.get("number", String.class),
                row.get("document", String.class), row.get("valid_from", LocalDate.class), row.get("valid_to", LocalDate.class),
                row.get("recorded_by", String.class), row.get("recorded_at", Instant.class));
    }

    private static Inspection inspection(Readable row) {
        return new Inspection(row.get("id", UUID.class), CountyCode.of(row.get("county_code", String.class)), row.get("product_id", UUID.class),
                row.get("base_id", UUID.class), row.get("sample", String.class), row.get("sampled_on", LocalDate.class),
                InspectionResult.valueOf(row.get("result", String.class)), row.get("lab", String.class), row.get("report", String.class),
                row.get("recorded_by", String.class), row.get("recorded_at", Instant.class));
    }
}
