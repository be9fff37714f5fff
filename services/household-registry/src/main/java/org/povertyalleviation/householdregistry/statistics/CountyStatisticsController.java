package org.povertyalleviation.householdregistry.statistics;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.povertyalleviation.householdregistry.household.domain.HouseholdStatus;
import org.povertyalleviation.householdregistry.household.persistence.HouseholdRepository;
import org.povertyalleviation.householdregistry.household.persistence.HouseholdRepository.StatusCount;
import org.povertyalleviation.householdregistry.income.LedgerYears;
import org.povertyalleviation.platform.domain.Fen;
import org.povertyalleviation.householdregistry.income.domain.IncomeSource;
import org.povertyalleviation.householdregistry.income.persistence.IncomeRepository;
import org.povertyalleviation.householdregistry.income.persistence.IncomeRepository.SourceYear;
import org.povertyalleviation.platform.counties.CountyGate;
import org.povertyalleviation.platform.security.CountyAccess;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** A county's figures for the county administrators' dashboard: its households, their members and e-commerce income. */
@RestController
class CountyStatisticsController {

    /**
     * Everyone the county gate lets read the county except partners: the dashboard is the county administration's
     * view of all its poor households, and a partner granted the county is not part of that administration.
     */
    private static final String[] COUNTY_READERS = {"county-admin", "county-clerk", "village-cadre", "auditor", "city-officer",
            "province-officer", "platform-operator"};

    record CountyStatistics(String county, int year, Households households, long members, long liftedInYear,
                            EcommerceIncome ecommerceIncome) {
    }

    /** @param byStatus every status, in HouseholdStatus's order, zero counts included */
    record Households(long total, Map<String, Long> byStatus) {
    }

    /** @param bySource every e-commerce source, zero amounts included */
    record EcommerceIncome(long totalFen, long perMemberFen, Map<String, SourceIncome> bySource) {
    }

    record SourceIncome(long totalFen, long perMemberFen) {
    }

    private final CountyGate gate;
    private final CountyAccess access;
    private final TenantTransactions tenantTransactions;
    private final HouseholdRepository households;
    private final IncomeRepository income;
    private final Clock clock;

    CountyStatisticsController(CountyGate gate, CountyAccess access, TenantTransactions tenantTransactions,
                               HouseholdRepository households, IncomeRepository income, Clock clock) {
        this.gate = gate;
        this.access = access;
        this.tenantTransactions = tenantTransactions;
        this.households = households;
        this.income = income;
        this.clock = clock;
    }

    @GetMapping("/counties/{county}/statistics")
    Mono<CountyStatistics> statistics(@PathVariable String county, @RequestParam(required = false) Integer year) {
        int statisticsYear = LedgerYears.requested(year, clock);
        List<IncomeSource> ecommerce = IncomeSource.ecommerceSources();
        return gate.read(county).flatMap(code -> access.requireAnyRole(COUNTY_READERS).thenReturn(code))
                .flatMap(code -> tenantTransactions.inCounty(code, () -> households.countByStatus(code.value(), statisticsYear).collectList()
                        .zipWhen(statuses -> income.countyYear(code.value(), statisticsYear, ecommerce.stream().map(Enum::name).toList())
                                .collectList())
                        .map(counted -> statistics(code.value(), statisticsYear, counted.getT1(), counted.getT2(), ecommerce))));
    }

    private static CountyStatistics statistics(String county, int year, List<StatusCount> statuses, List<SourceYear> sources,
                                               List<IncomeSource> ecommerce) {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (HouseholdStatus status : HouseholdStatus.values()) {
            byStatus.put(status.name(), 0L);
        }
        long households = 0;
        long members = 0;
        long lifted = 0;
        for (StatusCount counted : statuses) {
            byStatus.put(counted.status().name(), counted.households());
            households += counted.households();
            members += counted.members();
            lifted += counted.liftedInYear();
        }
        Map<String, Long> amounts = new LinkedHashMap<>();
        ecommerce.forEach(source -> amounts.put(source.name(), 0L));
        sources.forEach(source -> amounts.put(source.source(), source.amountFen()));
        Map<String, SourceIncome> bySource = new LinkedHashMap<>();
        long ecommerceTotal = 0;
        for (Map.Entry<String, Long> amount : amounts.entrySet()) {
            bySource.put(amount.getKey(), new SourceIncome(amount.getValue(), perMember(amount.getValue(), members)));
            ecommerceTotal += amount.getValue();
        }
        return new CountyStatistics(county, year, new Households(households, byStatus), members, lifted,
                new EcommerceIncome(ecommerceTotal, perMember(ecommerceTotal, members), bySource));
    }

    /** Rounded down and 0 without members, as in the village income summary. */
    private static long perMember(long fen, long members) {
        return new Fen(fen).perCapitaOrZero(members).value();
    }
}
