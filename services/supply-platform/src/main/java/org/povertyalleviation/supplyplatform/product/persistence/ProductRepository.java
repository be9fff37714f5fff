package org.povertyalleviation.supplyplatform.product.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.supplyplatform.product.domain.Product;
import org.povertyalleviation.supplyplatform.product.domain.ProductCategory;
import org.povertyalleviation.supplyplatform.product.domain.ProductUnit;
import org.povertyalleviation.supplyplatform.product.domain.ReferencePrice;
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
        return database.sql("""
                        insert into product (county_code, id, organisation_id, name, category, unit, registered_at)
                        values (:county, :id, :organisation, :name, :category, :unit, :at)""")
                .bind("county", product.county().value()).bind("id", product.id()).bind("organisation", product.organisation())
                .bind("name", product.name()).bind("category", product.category().name()).bind("unit", product.unit().name())
                .bind("at", product.registeredAt()).fetch().rowsUpdated().then();
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
        return new Product(row.get("id", UUID.class), CountyCode.of(row.get("county_code", String.class)), row.get("organisation_id", UUID.class),
                row.get("name", String.class), ProductCategory.valueOf(row.get("category", String.class)),
                ProductUnit.valueOf(row.get("unit", String.class)), row.get("registered_at", Instant.class));
    }
}
