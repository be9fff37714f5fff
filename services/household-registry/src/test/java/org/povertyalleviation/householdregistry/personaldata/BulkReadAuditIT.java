package org.povertyalleviation.householdregistry.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.povertyalleviation.householdregistry.household.HouseholdMother.registration;
import static org.povertyalleviation.householdregistry.household.HouseholdMother.residentId;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.householdregistry.HouseholdRegistryIT;

/** Lists with names and exports are reads of personal data: audited with who, what and how many rows. Before, neither was. */
class BulkReadAuditIT extends HouseholdRegistryIT {

    static final String VILLAGE = "621224102202";
    static final String KANG_ADMIN = "admin-621224";

    @Test
    void a_list_page_and_an_export_leave_who_what_and_how_many_rows_in_the_audit_trail() {
        for (int i = 0; i < 3; i++) {
            Map<String, Object> household = registration("621224", "BULK-" + i, residentId("621224"));
            household.put("village", VILLAGE);
            register("621224", household);
        }

        int listed = get("/counties/621224/households?village=" + VILLAGE + "&limit=500", KANG_ADMIN).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody().split("\"fileNumber\"").length - 1;
        get("/counties/621224/exports/households.csv?village=" + VILLAGE, KANG_ADMIN).expectStatus().isOk().expectBody(String.class)
                .returnResult();

        // Kang's auditor: a clerk of Wen who audits Kang.
        String entries = get("/audit/counties/621224/entries?limit=20", "clerk-621222-auditor-621224").expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
        assertThat(entries).contains("\"action\":\"households.listed\"", "\"resourceType\":\"village\"", "\"resourceId\":\"" + VILLAGE + "\"",
                "\"rows\":" + listed, "\"action\":\"households.exported\"", "\"actor\":\"" + KANG_ADMIN + "\"");
        assertThat(listed).isGreaterThanOrEqualTo(3);
    }
}
