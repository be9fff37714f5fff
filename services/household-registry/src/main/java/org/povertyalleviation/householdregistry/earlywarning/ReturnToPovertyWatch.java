package org.povertyalleviation.householdregistry.earlywarning;

import java.time.Clock;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.povertyalleviation.platform.counties.CountyJobs;
import org.povertyalleviation.householdregistry.earlywarning.domain.EarlyWarning;
import org.povertyalleviation.householdregistry.earlywarning.domain.EarlyWarning.MonthIncome;
import org.povertyalleviation.householdregistry.household.HouseholdRegister;
import org.povertyalleviation.householdregistry.household.domain.HouseholdStatus;
import org.povertyalleviation.householdregistry.household.persistence.HouseholdRepository;
import org.povertyalleviation.householdregistry.household.persistence.HouseholdRepository.HouseholdRow;
import org.povertyalleviation.householdregistry.income.IncomeProperties;
import org.povertyalleviation.platform.domain.Fen;
import org.povertyalleviation.householdregistry.income.domain.IncomeSource;
import org.povertyalleviation.householdregistry.income.persistence.IncomeRepository;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Watches lifted households for a return to poverty (EarlyWarning): after every income entry, and in a monthly
 * sweep for the households whose income simply stopped (no entry arrives to trigger a check). A household at
 * risk becomes MONITORED with the reasons, and household.at-risk.v1 is published.
 */
@Service
public class ReturnToPovertyWatch {

    private static final Logger log = LoggerFactory.getLogger(ReturnToPovertyWatch.class);
    private static final int PAGE = 200;

    /** What a sweep of one county did. */
    public record Sweep(String county, int checked, int atRisk) {
    }

    private final HouseholdRepository households;
    private final IncomeRepository income;
    private final HouseholdRegister register;
    private final TenantTransactions tenantTransactions;
    private final DatabaseClient database;
    private final EarlyWarningProperties properties;
    private final IncomeProperties incomeProperties;
    private final Clock clock;
    private final CountyJobs countyJobs;

    public ReturnToPovertyWatch(HouseholdRepository households, IncomeRepository income, HouseholdRegister register,
                                TenantTransactions tenantTransactions, DatabaseClient database, EarlyWarningProperties properties,
                                IncomeProperties incomeProperties, Clock clock, CountyJobs countyJobs) {
        this.households = households;
        this.income = income;
        this.register = register;
        this.tenantTransactions = tenantTransactions;
        this.database = database;
        this.properties = properties;
        this.incomeProperties = incomeProperties;
        this.clock = clock;
        this.countyJobs = countyJobs;
    }

    /** In the caller's county transaction: a LIFTED household at risk becomes MONITORED. @return true when it did */
    public Mono<Boolean> check(HouseholdRow household) {
        if (household.status() != HouseholdStatus.LIFTED) {
            return Mono.just(false);
        }
        String county = household.countyCode();
        YearMonth current = YearMonth.now(clock);
        int window = properties.windowMonths();
        YearMonth from = current.minusMonths(Math.max(12, 2L * window));
        return households.memberCount(county, household.id())
                .zipWith(income.monthly(county, household.id(), from, current).collectList())
                .flatMap(membersAndMonths -> {
                    Map<YearMonth, MonthIncome> ledger = new HashMap<>();
                    membersAndMonths.getT2().forEach(month -> {
                        Fen amount = new Fen(month.amountFen());
                        boolean ecommerce = IncomeSource.valueOf(month.source()).ecommerce();
                        ledger.merge(month.month(), new MonthIncome(ecommerce ? amount : Fen.ZERO, amount),
                                (a, b) -> new MonthIncome(a.ecommerce().plus(b.ecommerce()), a.total().plus(b.total())));
                    });
                    Fen line = incomeProperties.lines().latestUpTo(current.getYear()).orElse(null);
                    EarlyWarning.Assessment assessment = EarlyWarning.assess(properties.thresholds(), current, ledger,
                            membersAndMonths.getT1(), line);
                    if (!assessment.atRisk()) {
                        return Mono.just(false);
                    }
                    List<Map<String, String>> reasons = assessment.reasons().stream()
                            .map(reason -> Map.of("rule", reason.rule().name(), "detail", reason.detail())).toList();
                    Map<String, Long> figures = new LinkedHashMap<>();
                    figures.put("trailingEcommerceIncomeFen", assessment.trailingEcommerce().value());
                    figures.put("previousEcommerceIncomeFen", assessment.previousEcommerce().value());
                    figures.put("projectedPerCapitaIncomeFen", assessment.projectedPerCapita().value());
                    if (line != null) {
                        figures.put("povertyLineFen", line.value());
                    }
                    String reason = "Early warning: " + String.join("; ", assessment.reasons().stream().map(EarlyWarning.Reason::detail).toList());
                    return register.monitor(household, reason, "EARLY_WARNING", reasons, figures).thenReturn(true);
                });
    }

    /** Checks every LIFTED household of a county, a page per transaction. */
    public Mono<Sweep> sweep(CountyCode county) {
        return sweepFrom(county, null, 0, 0);
    }

    private Mono<Sweep> sweepFrom(CountyCode county, UUID after, int checked, int atRisk) {
        return tenantTransactions.manyInCounty(county, () -> database.sql("""
                                select id from household where county_code = :county and status = 'LIFTED' and id > :after
                                 order by id limit :limit""")
                        .bind("county", county.value()).bind("after", after == null ? new UUID(0, 0) : after).bind("limit", PAGE)
                        .map(row -> row.get("id", UUID.class)).all())
                .collectList()
                .flatMap(page -> {
                    if (page.isEmpty()) {
                        return Mono.just(new Sweep(county.value(), checked, atRisk));
                    }
                    return tenantTransactions.inCounty(county, () -> Flux.fromIterable(page)
                                    .concatMap(id -> households.findForUpdate(county.value(), id).flatMap(this::check))
                                    .filter(Boolean::booleanValue).count())
                            .flatMap(flagged -> sweepFrom(county, page.get(page.size() - 1), checked + page.size(), atRisk + flagged.intValue()));
                });
    }

    /** Monthly, on one replica (CountyJobs): the month's sweep runs once however many replicas fire. */
    @Scheduled(cron = "${household-registry.early-warning.sweep-cron:0 0 3 2 * *}", zone = "Asia/Shanghai")
    void monthlySweep() {
        countyJobs.forEachCounty("return-to-poverty-sweep", YearMonth.now(clock).toString(), code -> sweep(code)
                        .doOnNext(sweep -> log.info("Early warning in county {}: {} lifted households checked, {} now monitored",
                                sweep.county(), sweep.checked(), sweep.atRisk())))
                .block();
    }
}
