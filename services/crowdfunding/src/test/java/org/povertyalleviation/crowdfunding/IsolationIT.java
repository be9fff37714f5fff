package org.povertyalleviation.crowdfunding;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.isolation.CountyIsolation;

/**
 * The isolation kit over every endpoint that names a record: Wen's admin, aimed at Kang with Kang's record and at Wen
 * with Kang's record id, is refused everywhere (403 or 404), lists none of Kang's records, and changes nothing.
 */
class IsolationIT extends CrowdfundingIT {

    private static final String KANG = "621224";
    private static final String KANG_ADMIN = "admin-621224";

    private CountyIsolation kit(String foreignId) {
        return CountyIsolation.of("http://127.0.0.1:" + port).actingAs("621222", tokenFor(ADMIN)).foreignRecord(KANG, foreignId, tokenFor(KANG_ADMIN));
    }

    @Test
    void wen_never_reaches_kangs_projects_or_pledges() {
        String village = villages(KANG).get(0);
        UUID household = registeredHousehold(KANG, village);
        UUID project = publish(KANG, householdProject(household, village, 1_000_000, Instant.now().plus(5, ChronoUnit.DAYS), List.of(tier("一份", 100, 10))));
        UUID tier = tierOf(KANG, project, 0);
        String pledge = idOf(post("/counties/" + KANG + "/projects/" + project + "/pledges", "partner-jd", pledge("iso-" + project, tier, 1, 100,
                "pay-iso-" + project)).expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody());

        kit(project.toString())
                .endpoint("GET", "/counties/{county}/projects/{id}")
                .endpoint("PUT", "/counties/{county}/projects/{id}", "{\"ownerKind\":\"HOUSEHOLD\"}")
                .endpoint("POST", "/counties/{county}/projects/{id}/submission", "{}")
                .endpoint("POST", "/counties/{county}/projects/{id}/review", "{\"approve\":true}")
                .endpoint("POST", "/counties/{county}/projects/{id}/approval", "{\"approve\":true}")
                .endpoint("POST", "/counties/{county}/projects/{id}/cancellation", "{\"reason\":\"越界\"}")
                .endpoint("POST", "/counties/{county}/projects/{id}/delivery-confirmation", "{}")
                .endpoint("GET", "/counties/{county}/projects/{id}/settlement")
                .endpoint("GET", "/counties/{county}/projects/{id}/refunds")
                .endpoint("GET", "/counties/{county}/projects/{id}/pledges")
                .endpoint("GET", "/counties/{county}/catalogue/projects/{id}")
                .listing("/counties/{county}/projects")
                .listing("/counties/{county}/catalogue/projects")
                .assertIsolated();
        kit(pledge)
                .endpoint("GET", "/counties/{county}/pledges/{id}")
                .endpoint("POST", "/counties/{county}/pledges/{id}/refund", "{\"note\":\"越界\"}")
                .assertIsolated();
    }

    @Test
    void every_tenant_table_is_isolated() throws Exception {
        assertEveryTenantTableIsolated();
    }
}
