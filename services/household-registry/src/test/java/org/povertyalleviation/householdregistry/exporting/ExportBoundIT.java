package org.povertyalleviation.householdregistry.exporting;

import static org.povertyalleviation.householdregistry.household.HouseholdMother.registration;
import static org.povertyalleviation.householdregistry.household.HouseholdMother.residentId;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.householdregistry.HouseholdRegistryIT;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;

/** An export above household-registry.exports.max-households is refused before it starts, with the filter that narrows it. */
@TestPropertySource(properties = "household-registry.exports.max-households=100")
class ExportBoundIT extends HouseholdRegistryIT {

    private static final String KANG = "621224";

    @Autowired
    TenantTransactions tenantTransactions;
    @Autowired
    DatabaseClient database;

    @Test
    void an_export_of_more_households_than_one_may_hold_is_a_problem_naming_the_village_filter() {
        String village = "621224101202";
        String prefix = "EXP-BOUND-";
        Map<String, Object> household = registration(KANG, prefix + "00000", residentId(KANG));
        household.put("village", village);
        UUID template = UUID.fromString(register(KANG, household));
        // Other tests' households of the village count too: the village gets one household more than the bound.
        int copies = (int) (101 - ExportFiles.inVillage(tenantTransactions, database, KANG, village));
        ExportFiles.copies(tenantTransactions, database, KANG, template, prefix, copies);
        try {
            get("/counties/" + KANG + "/exports/households.csv?village=" + village, "admin-" + KANG)
                    .expectStatus().isEqualTo(422)
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("urn:poverty-platform:problem:rule-violated")
                    .jsonPath("$.rule").isEqualTo("export-too-large")
                    .jsonPath("$.field").isEqualTo("village")
                    .jsonPath("$.maxHouseholds").isEqualTo(100);
            get("/counties/" + KANG + "/exports/households.xlsx?village=" + village, "admin-" + KANG)
                    .expectStatus().isEqualTo(422);

            ExportFiles.remove(tenantTransactions, database, KANG, prefix + String.format("%05d", copies));
            get("/counties/" + KANG + "/exports/households.csv?village=" + village, "admin-" + KANG)
                    .expectStatus().isOk();
        } finally {
            ExportFiles.remove(tenantTransactions, database, KANG, prefix);
        }
    }
}
