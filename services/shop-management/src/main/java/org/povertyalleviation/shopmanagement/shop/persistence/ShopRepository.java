package org.povertyalleviation.shopmanagement.shop.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.R2dbcType;
import io.r2dbc.spi.Readable;
import org.povertyalleviation.platform.persistence.OptionalFilters;
import org.povertyalleviation.shopmanagement.shop.domain.HouseholdRole;
import org.povertyalleviation.shopmanagement.shop.domain.IncomeLink;
import org.povertyalleviation.shopmanagement.shop.domain.OwnerCategory;
import org.povertyalleviation.shopmanagement.shop.domain.SalesPlatform;
import org.povertyalleviation.shopmanagement.shop.domain.SharingRule;
import org.povertyalleviation.shopmanagement.shop.domain.Shop;
import org.povertyalleviation.shopmanagement.shop.domain.ShopStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Shops and their household links; every call runs inside a county transaction (row-level security). */
@Repository
public class ShopRepository {

    /** A shop row as stored. */
    public record ShopRow(String countyCode, UUID id, String villageCode, String name, SalesPlatform platform, String url,
                          OwnerCategory ownerCategory, UUID ownerHousehold, List<String> productCategories, ShopStatus status,
                          String statusReason, Instant statusChangedAt, Instant openedAt, int version, Instant createdAt,
                          Instant updatedAt) {
    }

    /** A link as stored, with the household's file number for people to read. */
    public record LinkRow(UUID shopId, IncomeLink link, String fileNumber, Instant linkedAt) {
    }

    private static final String SHOP_COLUMNS = """
            county_code, id, village_code, name, platform, url, owner_category, owner_household_id, product_categories, status,
            status_reason, status_changed_at, opened_at, version, created_at, updated_at""";

    private final DatabaseClient database;

    public ShopRepository(DatabaseClient database) {
        this.database = database;
    }

    public Mono<Boolean> villageExists(String county, String village) {
        return database.sql("select exists (select 1 from village where county_code = :county and code = :village) as known")
                .bind("county", county).bind("village", village).map(row -> row.get("known", Boolean.class)).one();
    }

    public Mono<ShopRow> insert(String county, Shop shop, ShopStatus status) {
        return database.sql("""
                        insert into shop (county_code, id, village_code, name, platform, url, owner_category, owner_household_id,
                                          product_categories, status, opened_at)
                        values (:county, :id, :village, :name, :platform, :url, :ownerCategory, :ownerHousehold, :categories,
                                :status, case when :status = 'OPEN' then now() end)
                        returning\s""" + SHOP_COLUMNS)
                .bind("county", county).bind("id", shop.id()).bind("village", shop.village()).bind("name", shop.name())
                .bind("platform", shop.platform().name()).bind("url", Parameters.in(R2dbcType.VARCHAR, shop.url()))
                .bind("ownerCategory", shop.ownerCategory().name())
                .bind("ownerHousehold", Parameters.in(io.r2dbc.postgresql.codec.PostgresqlObjectId.UUID, shop.ownerHousehold()))
                .bind("categories", shop.productCategories().toArray(String[]::new)).bind("status", status.name())
                .map(ShopRepository::shop).one();
    }

    /** @return the updated row, or empty when nothing changed */
    public Mono<ShopRow> update(String county, Shop shop) {
        return database.sql("""
                        update shop set village_code = :village, name = :name, platform = :platform, url = :url,
                               owner_category = :ownerCategory, owner_household_id = :ownerHousehold, product_categories = :categories,
                               version = version + 1, updated_at = now()
                         where county_code = :county and id = :id
                           and (village_code, name, platform, url, owner_category, owner_household_id, product_categories)
                               is distinct from (:village, :name, :platform, :url, :ownerCategory, :ownerHousehold, :categories)
                        returning\s""" + SHOP_COLUMNS)
                .bind("county", county).bind("id", shop.id()).bind("village", shop.village()).bind("name", shop.name())
                .bind("platform", shop.platform().name()).bind("url", Parameters.in(R2dbcType.VARCHAR, shop.url()))
                .bind("ownerCategory", shop.ownerCategory().name())
                .bind("ownerHousehold", Parameters.in(io.r2dbc.postgresql.codec.PostgresqlObjectId.UUID, shop.ownerHousehold()))
                .bind("categories", shop.productCategories().toArray(String[]::new))
                .map(ShopRepository::shop).one();
    }

    /** Sets the status if it is still {@code expected}; the first opening is remembered. */
    public Mono<ShopRow> changeStatus(String county, UUID id, ShopStatus expected, ShopStatus target, String reason) {
        return database.sql("""
                        update shop set status = :target, status_reason = :reason, status_changed_at = now(),
                               opened_at = coalesce(opened_at, case when :target = 'OPEN' then now() end),
                               version = version + 1, updated_at = now()
                         where county_code = :county and id = :id and status = :expected
                        returning\s""" + SHOP_COLUMNS)
                .bind("county", county).bind("id", id).bind("expected", expected.name()).bind("target", target.name())
                .bind("reason", Parameters.in(R2dbcType.VARCHAR, reason))
                .map(ShopRepository::shop).one();
    }

    public Mono<ShopRow> find(String county, UUID id) {
        return database.sql("select " + SHOP_COLUMNS + " from shop where county_code = :county and id = :id")
                .bind("county", county).bind("id", id).map(ShopRepository::shop).one();
    }

    public Mono<ShopRow> findForUpdate(String county, UUID id) {
        return database.sql("select " + SHOP_COLUMNS + " from shop where county_code = :county and id = :id for update")
                .bind("county", county).bind("id", id).map(ShopRepository::shop).one();
    }

    /** Ordered by name; {@code after} is the last shop id of the previous page (keyset). */
    public Flux<ShopRow> list(String county, String village, SalesPlatform platform, OwnerCategory ownerCategory, ShopStatus status,
                              UUID household, UUID after, int limit) {
        OptionalFilters filters = new OptionalFilters()
                .and("village_code = :village", "village", village)
                .and("platform = :platform", "platform", platform)
                .and("owner_category = :ownerCategory", "ownerCategory", ownerCategory)
                .and("status = :status", "status", status)
                .and("(owner_household_id = :household or exists (select 1 from shop_household l where l.county_code = s.county_code"
                        + " and l.shop_id = s.id and l.household_id = :household))", "household", household)
                .and("(name, id) > (select name, id from shop where county_code = :county and id = :after)", "after", after);
        return filters.bindTo(database.sql("select " + SHOP_COLUMNS + " from shop s where county_code = :county" + filters.sql()
                        + " order by name, id limit :limit")
                        .bind("county", county).bind("limit", limit))
                .map(ShopRepository::shop).all();
    }

    /** The number of shops in each status the county's shops have (a status none has is left out). */
    public Mono<Map<ShopStatus, Long>> countByStatus(String county) {
        return database.sql("select status, count(*) as shops from shop where county_code = :county group by status")
                .bind("county", county)
                .map(row -> Map.entry(ShopStatus.valueOf(row.get("status", String.class)), row.get("shops", Long.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** Whether anything refers to the shop (reports, subsidies): such a shop is closed, never deleted. */
    public Mono<Boolean> hasHistory(String county, UUID id) {
        return database.sql("""
                        select exists (select 1 from sales_report where county_code = :county and shop_id = :id)
                            or exists (select 1 from subsidy where county_code = :county and shop_id = :id) as referenced""")
                .bind("county", county).bind("id", id).map(row -> row.get("referenced", Boolean.class)).one();
    }

    /** Whether a subsidy that counts (submitted, approved or paid) names the shop. */
    public Mono<Boolean> hasSubsidy(String county, UUID id) {
        return database.sql("select exists (select 1 from subsidy where county_code = :county and shop_id = :id and status <> 'REJECTED') as subsidised")
                .bind("county", county).bind("id", id).map(row -> row.get("subsidised", Boolean.class)).one();
    }

    public Mono<Void> delete(String county, UUID id) {
        return database.sql("delete from shop_household where county_code = :county and shop_id = :id")
                .bind("county", county).bind("id", id).fetch().rowsUpdated()
                .then(database.sql("delete from shop where county_code = :county and id = :id")
                        .bind("county", county).bind("id", id).fetch().rowsUpdated())
                .then();
    }

    public Flux<LinkRow> links(String county, UUID shopId) {
        return database.sql("""
                        select l.shop_id, l.household_id, l.role, l.rule, l.share_bp, l.fixed_fen, l.linked_at, h.file_number
                          from shop_household l join household h on h.county_code = l.county_code and h.id = l.household_id
                         where l.county_code = :county and l.shop_id = :shop
                         order by h.file_number""")
                .bind("county", county).bind("shop", shopId)
                .map(row -> new LinkRow(row.get("shop_id", UUID.class),
                        new IncomeLink(row.get("household_id", UUID.class), HouseholdRole.valueOf(row.get("role", String.class)),
                                SharingRule.valueOf(row.get("rule", String.class)), row.get("share_bp", Integer.class),
                                row.get("fixed_fen", Long.class)),
                        row.get("file_number", String.class), instant(row, "linked_at")))
                .all();
    }

    /** Inserts or replaces the household's link to the shop; true when the link is new. */
    public Mono<Boolean> link(String county, UUID shopId, IncomeLink link) {
        return database.sql("""
                        insert into shop_household (county_code, shop_id, household_id, role, rule, share_bp, fixed_fen)
                        values (:county, :shop, :household, :role, :rule, :share, :fixed)
                        on conflict (county_code, shop_id, household_id) do update
                           set role = excluded.role, rule = excluded.rule, share_bp = excluded.share_bp, fixed_fen = excluded.fixed_fen
                        returning (xmax = 0) as inserted""")
                .bind("county", county).bind("shop", shopId).bind("household", link.household()).bind("role", link.role().name())
                .bind("rule", link.rule().name()).bind("share", Parameters.in(R2dbcType.INTEGER, link.shareBasisPoints()))
                .bind("fixed", Parameters.in(R2dbcType.BIGINT, link.fixedAmountFen()))
                .map(row -> row.get("inserted", Boolean.class)).one();
    }

    public Mono<Long> unlink(String county, UUID shopId, UUID household) {
        return database.sql("delete from shop_household where county_code = :county and shop_id = :shop and household_id = :household")
                .bind("county", county).bind("shop", shopId).bind("household", household).fetch().rowsUpdated();
    }

    private static ShopRow shop(Readable row) {
        String[] categories = row.get("product_categories", String[].class);
        return new ShopRow(row.get("county_code", String.class), row.get("id", UUID.class), row.get("village_code", String.class),
                row.get("name", String.class), SalesPlatform.valueOf(row.get("platform", String.class)), row.get("url", String.class),
                OwnerCategory.valueOf(row.get("owner_category", String.class)), row.get("owner_household_id", UUID.class),
                categories == null ? List.of() : Arrays.asList(categories), ShopStatus.valueOf(row.get("status", String.class)),
                row.get("status_reason", String.class), instant(row, "status_changed_at"), instant(row, "opened_at"),
                row.get("version", Integer.class), instant(row, "created_at"), instant(row, "updated_at"));
    }

    static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
