package org.povertyalleviation.shopmanagement.household;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.povertyalleviation.platform.counties.CountyGate;
import org.povertyalleviation.platform.households.KnownHouseholds;
import org.povertyalleviation.platform.security.CountyAccess;
import org.povertyalleviation.shopmanagement.web.Roles;
import org.povertyalleviation.platform.problem.NotFoundException;
import org.povertyalleviation.platform.problem.RequestIds;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The shops a household of the registry owns or is linked to, with how it shares in each: what a clerk looks at on
 * the household's page. A household the registry has not told this service of is a 404.
 */
@RestController
class HouseholdShops {

    record Share(UUID shop, String name, String status, String relation, String role, String rule, BigDecimal sharePercent,
                 Long fixedAmountFen) {
    }

    record Answer(UUID household, String fileNumber, String village, String status, boolean removed, List<Share> shops) {
    }

    private final CountyGate gate;
    private final CountyAccess access;
    private final TenantTransactions tenantTransactions;
    private final KnownHouseholds households;
    private final DatabaseClient database;

    HouseholdShops(CountyGate gate, CountyAccess access, TenantTransactions tenantTransactions, KnownHouseholds households, DatabaseClient database) {
        this.gate = gate;
        this.access = access;
        this.tenantTransactions = tenantTransactions;
        this.households = households;
        this.database = database;
    }

    @GetMapping("/counties/{county}/households/{id}/shops")
    Mono<Answer> shops(@PathVariable String county, @PathVariable String id) {
        UUID householdId = RequestIds.uuid("id", id);
        return gate.read(county).flatMap(code -> access.requireAnyRole(Roles.COUNTY_READERS).thenReturn(code)).flatMap(code -> tenantTransactions.inCounty(code, () -> households.find(code.value(), householdId)
                .switchIfEmpty(Mono.error(new NotFoundException("Household", householdId)))
                .flatMap(household -> database.sql("""
                                select s.id, s.name, s.status, 'OWNER' as relation, null as role, null as rule, null::integer as share_bp,
                                       null::bigint as fixed_fen
                                  from shop s where s.county_code = :county and s.owner_household_id = :household
                                union all
                                select s.id, s.name, s.status, 'LINKED', l.role, l.rule, l.share_bp, l.fixed_fen
                                  from shop_household l join shop s on s.county_code = l.county_code and s.id = l.shop_id
                                 where l.county_code = :county and l.household_id = :household
                                 order by 2, 4 desc""")
                        .bind("county", code.value()).bind("household", householdId)
                        .map(row -> {
                            Integer share = row.get("share_bp", Integer.class);
                            return new Share(row.get("id", UUID.class), row.get("name", String.class), row.get("status", String.class),
                                    row.get("relation", String.class), row.get("role", String.class), row.get("rule", String.class),
                                    share == null ? null : org.povertyalleviation.shopmanagement.shop.domain.IncomeLink.percent(share), row.get("fixed_fen", Long.class));
                        })
                        .all().collectList()
                        .map(shops -> new Answer(household.id(), household.fileNumber(), household.villageCode(), household.status(),
                                household.removed(), shops)))));
    }
}
