package org.povertyalleviation.shopmanagement.statistics;

import java.time.Clock;
import java.time.Year;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.povertyalleviation.platform.counties.CountyGate;
import org.povertyalleviation.platform.problem.InvalidRequestException;
import org.povertyalleviation.platform.security.CountyAccess;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.povertyalleviation.shopmanagement.coverage.PoorVillages;
import org.povertyalleviation.shopmanagement.shop.domain.ShopStatus;
import org.povertyalleviation.shopmanagement.shop.persistence.ShopRepository;
import org.povertyalleviation.shopmanagement.subsidy.domain.SubsidyStatus;
import org.povertyalleviation.shopmanagement.subsidy.persistence.SubsidyRepository;
import org.povertyalleviation.shopmanagement.subsidy.persistence.SubsidyRepository.BudgetRow;
import org.povertyalleviation.shopmanagement.web.Roles;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The county administrators' dashboard in one answer: shops by status, subsidy applications by status with the
 * year's budget, and "one village, one shop" as the coverage counts it. The database counts, inside the county's
 * transaction like every other read, so row-level security applies and no row leaves it.
 */
@RestController
class CountyStatistics {

    record Shops(long total, Map<ShopStatus, Long> byStatus) {
    }

    /** The budget's figures are null for a year without a budget: 0 would read as a budget of nothing. */
    record Subsidies(Map<SubsidyStatus, Long> byStatus, Long budgetFen, Long committedFen) {
    }

    record Coverage(int poorVillages, int coveredPoorVillages, int uncoveredPoorVillages) {
    }

    record Statistics(String county, int year, Shops shops, Subsidies subsidies, Coverage coverage) {
    }

    private static final Pattern YEAR = Pattern.compile("\\d{4}");

    private final CountyGate gate;
    private final CountyAccess access;
    private final TenantTransactions tenantTransactions;
    private final ShopRepository shops;
    private final SubsidyRepository subsidies;
    private final PoorVillages poorVillages;
    private final Clock clock;

    CountyStatistics(CountyGate gate, CountyAccess access, TenantTransactions tenantTransactions, ShopRepository shops,
                     SubsidyRepository subsidies, PoorVillages poorVillages, Clock clock) {
        this.gate = gate;
        this.access = access;
        this.tenantTransactions = tenantTransactions;
        this.shops = shops;
        this.subsidies = subsidies;
        this.poorVillages = poorVillages;
        this.clock = clock;
    }

    /** The shop and subsidy counts are of all time; only the budget is the year's. */
    @GetMapping("/counties/{county}/statistics")
    Mono<Statistics> statistics(@PathVariable String county, @RequestParam(required = false) String year) {
        int budgetYear = year == null ? Year.now(clock).getValue() : year(year);
        return gate.read(county).flatMap(code -> access.requireAnyRole(Roles.COUNTY_READERS).thenReturn(code))
                .flatMap(code -> statistics(code, budgetYear));
    }

    private Mono<Statistics> statistics(CountyCode county, int year) {
        String code = county.value();
        // zipWhen, not zip: the queries run one after the other on the transaction's one connection.
        return tenantTransactions.inCounty(county, () -> shops.countByStatus(code)
                .map(counts -> new Shops(counts.values().stream().mapToLong(Long::longValue).sum(), everyStatus(ShopStatus.class, counts)))
                .zipWhen(shopFigures -> subsidies(code, year))
                .zipWhen(figures -> poorVillages.totals(code),
                        (figures, villages) -> new Statistics(code, year, figures.getT1(), figures.getT2(),
                                new Coverage(villages.poorVillages(), villages.coveredPoorVillages(), villages.uncoveredPoorVillages()))));
    }

    private Mono<Subsidies> subsidies(String county, int year) {
        return subsidies.countByStatus(county)
                .zipWhen(counts -> subsidies.budget(county, year).map(Optional::of).defaultIfEmpty(Optional.empty()),
                        (counts, budget) -> new Subsidies(everyStatus(SubsidyStatus.class, counts),
                                budget.map(BudgetRow::budgetFen).orElse(null), budget.map(BudgetRow::committedFen).orElse(null)));
    }

    /** A dashboard shows every status, in lifecycle order, with 0 where nothing is in it yet. */
    private static <S extends Enum<S>> Map<S, Long> everyStatus(Class<S> statuses, Map<S, Long> counts) {
        Map<S, Long> all = new EnumMap<>(statuses);
        for (S status : statuses.getEnumConstants()) {
            all.put(status, counts.getOrDefault(status, 0L));
        }
        return all;
    }

    /** As the budgets take it: a four-digit year the budget table can hold. */
    private static int year(String value) {
        if (!YEAR.matcher(value).matches()) {
            throw InvalidRequestException.field("year", "must be a year as YYYY, not " + value);
        }
        int year = Integer.parseInt(value);
        if (year < 2000 || year > 2100) {
            throw InvalidRequestException.field("year", "must be between 2000 and 2100");
        }
        return year;
    }
}
