package org.povertyalleviation.shopmanagement.dormancy;

import java.time.Clock;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import org.povertyalleviation.platform.counties.CountyGate;
import org.povertyalleviation.platform.counties.CountyJobs;
import org.povertyalleviation.platform.security.CountyAccess;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.povertyalleviation.shopmanagement.dormancy.domain.Dormancy;
import org.povertyalleviation.shopmanagement.sales.persistence.SalesRepository;
import org.povertyalleviation.shopmanagement.shop.ShopRegister;
import org.povertyalleviation.shopmanagement.shop.domain.ShopStatus;
import org.povertyalleviation.shopmanagement.shop.messaging.ShopEvents.Detector;
import org.povertyalleviation.shopmanagement.shop.persistence.ShopRepository;
import org.povertyalleviation.shopmanagement.web.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Open shops without sales for the configured whole months in a row become DORMANT (shop.status-changed.v1, which
 * the registry's early warning takes up for the shop's households). Runs monthly for every county, and on a
 * county admin's or operator's request; each shop moves in a transaction of its own, re-checked under its lock.
 */
@RestController
public class DormancyCheck {

    private static final Logger log = LoggerFactory.getLogger(DormancyCheck.class);

    /** What a check of one county did. */
    public record Result(String county, String month, int checked, List<UUID> madeDormant) {
    }

    private final TenantTransactions tenantTransactions;
    private final DatabaseClient database;
    private final ShopRepository shops;
    private final SalesRepository sales;
    private final ShopRegister register;
    private final CountyJobs countyJobs;
    private final CountyGate gate;
    private final CountyAccess access;
    private final DormancyProperties properties;
    private final Clock clock;

    public DormancyCheck(TenantTransactions tenantTransactions, DatabaseClient database, ShopRepository shops, SalesRepository sales,
                         ShopRegister register, CountyJobs countyJobs, CountyGate gate, CountyAccess access,
                         DormancyProperties properties, Clock clock) {
        this.tenantTransactions = tenantTransactions;
        this.database = database;
        this.shops = shops;
        this.sales = sales;
        this.register = register;
        this.countyJobs = countyJobs;
        this.gate = gate;
        this.access = access;
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping("/counties/{county}/shops/dormancy-check")
    Mono<Result> checkNow(@PathVariable String county) {
        return gate.act(county).flatMap(code -> access.requireAnyRole(Roles.DORMANCY_CHECKERS).then(check(code)));
    }

    /** Monthly, on one replica (CountyJobs): the month's check runs once however many replicas fire. */
    @Scheduled(cron = "${shop-management.dormancy.check-cron}", zone = "Asia/Shanghai")
    void monthly() {
        countyJobs.forEachCounty("shop-dormancy", YearMonth.now(clock).toString(), county -> check(county)
                        .doOnNext(result -> log.info("Dormancy check of {}: {} open shops checked, {} made dormant", result.county(),
                                result.checked(), result.madeDormant().size())))
                .block();
    }

    public Mono<Result> check(CountyCode county) {
        YearMonth current = YearMonth.now(clock);
        int window = properties.monthsWithoutSales();
        YearMonth first = current.minusMonths(window);
        return candidates(county, first, current).collectList()
                .flatMap(candidates -> Flux.fromIterable(candidates).concatMap(shop -> makeDormant(county, shop, current, window)).collectList()
                        .map(dormant -> new Result(county.value(), current.toString(), candidates.size(), dormant)));
    }

    /** Open shops, open since before the window, without a month with orders in it (the domain decides, under the lock). */
    private Flux<UUID> candidates(CountyCode county, YearMonth first, YearMonth current) {
        return tenantTransactions.manyInCounty(county, () -> database.sql("""
                        select s.id from shop s
                         where s.county_code = :county and s.status = 'OPEN'
                           and (s.status_changed_at at time zone 'Asia/Shanghai') < :first
                           and not exists (select 1 from sales_report r where r.county_code = s.county_code and r.shop_id = s.id
                                              and r.month >= :first and r.month < :current and r.orders > 0)""")
                .bind("county", county.value()).bind("first", first.atDay(1).atStartOfDay()).bind("current", current.atDay(1))
                .map(row -> row.get("id", UUID.class)).all());
    }

    private Mono<UUID> makeDormant(CountyCode county, UUID shopId, YearMonth current, int window) {
        String code = county.value();
        return tenantTransactions.inCounty(county, () -> shops.findForUpdate(code, shopId)
                .filter(shop -> shop.status() == ShopStatus.OPEN)
                .flatMap(shop -> sales.monthsWithSales(code, shopId, current.minusMonths(window)).collect(HashSet<YearMonth>::new, HashSet::add)
                        .filter(withSales -> Dormancy.dormant(current, YearMonth.from(shop.statusChangedAt().atZone(clock.getZone())), withSales, window))
                        .flatMap(withSales -> register.moveStatus(shop, ShopStatus.DORMANT, "No sales in the " + window + " whole months "
                                + current.minusMonths(window) + " to " + current.minusMonths(1), Detector.DORMANCY_CHECK))
                        .map(moved -> moved.id())));
    }
}
