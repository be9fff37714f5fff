package org.povertyalleviation.supplyplatform.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.supplyplatform.SupplyPlatformIT;

/** Organisations and their member households through the API, against the real infrastructure. */
class OrganisationIT extends SupplyPlatformIT {

    private static final Map<String, Object> JOINED = Map.of("joinedOn", "2026-03-01");

    @Test
    void a_clerk_registers_a_cooperative_and_its_member_households() {
        String legalId = legalId("93621222");
        String created = post("/counties/621222/organisations", CLERK, Map.of("kind", "COOPERATIVE", "name", "碧口镇花椒专业合作社",
                "legalId", legalId, "contactName", "理事长", "village", "621222101201")).expectStatus().isCreated()
                .expectHeader().valueMatches("Location", "/counties/621222/organisations/[0-9a-f-]{36}")
                .expectBody(String.class).returnResult().getResponseBody();
        String id = idOf(created);
        assertThat(created).contains("\"kind\":\"COOPERATIVE\"", "\"legalId\":\"" + legalId + "\"", "\"members\":0", "\"registeredBy\":\"" + CLERK + "\"");

        UUID household = registeredHousehold("621222", "621222101201");
        put("/counties/621222/organisations/" + id + "/members/" + household, CLERK, Map.of("joinedOn", "2026-03-01")).expectStatus().isCreated();
        // Again: nothing changes.
        put("/counties/621222/organisations/" + id + "/members/" + household, CLERK, Map.of("joinedOn", "2026-03-01")).expectStatus().isNoContent();
        get("/counties/621222/organisations/" + id, AUDITOR).expectStatus().isOk().expectBody().jsonPath("$.members").isEqualTo(1);
        get("/counties/621222/organisations/" + id + "/members", CADRE).expectStatus().isOk().expectBody()
                .jsonPath("$[0].household").isEqualTo(household.toString())
                .jsonPath("$[0].joinedOn").isEqualTo("2026-03-01")
                .jsonPath("$[0].village").isEqualTo("621222101201");
        assertThat(get("/counties/621222/organisations?kind=COOPERATIVE", "partner-wen").expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody()).contains(id);

        delete("/counties/621222/organisations/" + id + "/members/" + household, ADMIN).expectStatus().isNoContent();
        delete("/counties/621222/organisations/" + id + "/members/" + household, ADMIN).expectStatus().isNotFound();
        get("/counties/621222/organisations/" + id, ADMIN).expectBody().jsonPath("$.members").isEqualTo(0);
    }

    @Test
    void bad_input_is_a_problem_naming_the_field_and_writes_nothing() {
        String legalId = legalId("91621222");
        Map<String, Object> good = Map.of("kind", "ENTERPRISE", "name", "陇南某农业公司", "legalId", legalId, "contactName", "销售部");
        String mistyped = legalId.substring(0, 17) + (legalId.charAt(17) == '0' ? '1' : '0');
        post("/counties/621222/organisations", CLERK, with(good, "legalId", mistyped)).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.rule").isEqualTo("invalid-social-credit-code").jsonPath("$.field").isEqualTo("legalId");
        post("/counties/621222/organisations", CLERK, with(good, "legalId", "91621222MA7I3RTW8O")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$['invalid-params'][0].name").isEqualTo("legalId");
        post("/counties/621222/organisations", CLERK, with(good, "kind", "CHARITY")).expectStatus().isBadRequest();
        post("/counties/621222/organisations", CLERK, with(good, "contactName", "张经理 13800138000")).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.rule").isEqualTo("contact-is-personal-data").jsonPath("$.field").isEqualTo("contactName");
        post("/counties/621222/organisations", CLERK, with(good, "village", "621222909909")).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.rule").isEqualTo("unknown-village").jsonPath("$.field").isEqualTo("village");
        assertThat(get("/counties/621222/organisations?limit=500", ADMIN).expectBody(String.class).returnResult().getResponseBody())
                .doesNotContain(legalId);

        String id = idOf(post("/counties/621222/organisations", CLERK, good).expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody());
        post("/counties/621222/organisations", CLERK, good).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.reason").isEqualTo("legal-id-registered");
        // An enterprise has no members; an unknown household or one of another county is refused naming the household.
        UUID household = registeredHousehold("621222", "621222101202");
        put("/counties/621222/organisations/" + id + "/members/" + household, CLERK, JOINED).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.rule").isEqualTo("enterprise-has-no-members");
        String cooperative = idOf(post("/counties/621222/organisations", CLERK, Map.of("kind", "ASSOCIATION", "name", "文县电子商务协会",
                "legalId", legalId("51621222"), "contactName", "秘书长")).expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody());
        put("/counties/621222/organisations/" + cooperative + "/members/" + UUID.randomUUID(), CLERK, JOINED).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.rule").isEqualTo("unknown-household").jsonPath("$.field").isEqualTo("household");
        UUID kang = registeredHousehold("621224", "621224101201");
        put("/counties/621222/organisations/" + cooperative + "/members/" + kang, CLERK, JOINED).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.rule").isEqualTo("unknown-household");
        put("/counties/621222/organisations/" + cooperative + "/members/not-an-id", CLERK, JOINED).expectStatus().isBadRequest()
                .expectBody().jsonPath("$['invalid-params'][0].name").isEqualTo("household");
        put("/counties/621222/organisations/" + cooperative + "/members/" + household, CLERK, Map.of()).expectStatus().isBadRequest()
                .expectBody().jsonPath("$['invalid-params'][0].name").isEqualTo("joinedOn");
        put("/counties/621222/organisations/" + cooperative + "/members/" + household, CLERK, Map.of("joinedOn", "2099-01-01"))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.rule").isEqualTo("joined-in-future");
        get("/counties/621222/organisations/" + UUID.randomUUID(), ADMIN).expectStatus().isNotFound();
    }

    @Test
    void one_county_never_reaches_anothers_organisations() {
        String kang = idOf(post("/counties/621224/organisations", "admin-621224", Map.of("kind", "COOPERATIVE", "name", "康县木耳合作社",
                "legalId", legalId("93621224"), "contactName", "理事长")).expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody());
        get("/counties/621224/organisations/" + kang, ADMIN).expectStatus().isForbidden();
        get("/counties/621222/organisations/" + kang, ADMIN).expectStatus().isNotFound();
        get("/counties/621224/organisations/" + kang, "partner-wen").expectStatus().isForbidden();
        put("/counties/621222/organisations/" + kang + "/members/" + UUID.randomUUID(), CLERK, JOINED).expectStatus().isNotFound();
        assertThat(get("/counties/621222/organisations?limit=500", ADMIN).expectBody(String.class).returnResult().getResponseBody()).doesNotContain(kang);
    }

    @Test
    void every_tenant_table_is_isolated_by_row_level_security() throws Exception {
        assertEveryTenantTableIsolated();
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> changed = new java.util.HashMap<>(body);
        changed.put(field, value);
        return changed;
    }
}
