package org.povertyalleviation.shopmanagement.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.contracts.TopicWriter;
import org.povertyalleviation.platform.infra.SharedInfrastructure;
import org.povertyalleviation.platform.isolation.CountyIsolation;
import org.povertyalleviation.shopmanagement.Events;
import org.povertyalleviation.shopmanagement.ShopManagementIT;

/** Registering shops, their lifecycle and the households linked to them. */
class ShopIT extends ShopManagementIT {

    @Test
    void a_village_cadre_registers_and_keeps_the_shops_of_their_own_villages_only() {
        // cadre-621222-101201 is assigned village 621222101201; before, a cadre's role held for the whole county.
        String cadre = "cadre-621222-101201";
        Map<String, Object> elsewhere = Map.of("village", "621222102202", "name", "S-Not-Theirs", "platform", "TAOBAO",
                "ownerCategory", "COOPERATIVE");
        post("/counties/621222/shops", cadre, elsewhere).expectStatus().isForbidden();
        post("/counties/621222/shops", cadre, Map.of("village", "621222101201", "name", "S-Theirs", "platform", "TAOBAO",
                "ownerCategory", "COOPERATIVE")).expectStatus().isCreated();
        String other = shop("621222", "621222102202", "S-Other-Village", "OPEN");
        post("/counties/621222/shops/" + other + "/status", cadre, Map.of("status", "DORMANT")).expectStatus().isForbidden();
        delete("/counties/621222/shops/" + other, cadre).expectStatus().isForbidden();
        get("/counties/621222/shops/" + other, ADMIN).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("OPEN");
    }

    @Test
    void a_shop_opens_and_is_announced_with_its_owner_household() {
        String owner = knownHousehold("621222", "S-0001", "621222101201");
        String id = shop("621222", Map.of("village", "621222101201", "name", "  上坝村纹党店 ", "platform", "PINDUODUO",
                "url", "https://mobile.yangkeduo.com/shop/123", "ownerCategory", "POOR_HOUSEHOLD", "ownerHousehold", owner,
                "productCategories", List.of("纹党", "花椒", "纹党")));

        get("/counties/621222/shops/" + id, "auditor-621222").expectStatus().isOk().expectBody()
                .jsonPath("$.name").isEqualTo("上坝村纹党店")
                .jsonPath("$.status").isEqualTo("PLANNED")
                .jsonPath("$.ownerHousehold").isEqualTo(owner)
                .jsonPath("$.productCategories.length()").isEqualTo(2)
                .jsonPath("$.openedAt").doesNotExist();
        assertThat(Events.present("shop.opened.v1", id)).as("a planned shop is not announced").isEmpty();

        post("/counties/621222/shops/" + id + "/status", CLERK, Map.of("status", "OPEN")).expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("OPEN").jsonPath("$.openedAt").exists();
        String opened = Events.read("shop.opened.v1", 1, "\"subject\":\"" + id + "\"").get(0);
        assertThat(Events.schemaErrors("shop.opened.v1", opened)).isEmpty();
        assertThat(opened).contains("\"ownerHousehold\":\"" + owner + "\"", "\"county\":\"621222\"");
        String changed = Events.read("shop.status-changed.v1", 1, "\"subject\":\"" + id + "\"").get(0);
        assertThat(Events.schemaErrors("shop.status-changed.v1", changed)).isEmpty();
        assertThat(changed).contains("\"from\":\"PLANNED\"", "\"to\":\"OPEN\"", "\"detectedBy\":\"CLERK\"");

        get("/counties/621222/households/" + owner + "/shops", CLERK).expectStatus().isOk().expectBody()
                .jsonPath("$.fileNumber").isEqualTo("S-0001")
                .jsonPath("$.shops[0].relation").isEqualTo("OWNER");
    }

    @Test
    void bad_fields_are_named_and_nothing_is_written() {
        post("/counties/621222/shops", ADMIN, Map.of("village", "621222101201", "platform", "TAOBAO", "ownerCategory", "COOPERATIVE"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$['invalid-params'][0].name").isEqualTo("name");
        post("/counties/621222/shops", ADMIN, Map.of("village", "621222101201", "name", "x", "platform", "EBAY", "ownerCategory", "COOPERATIVE"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$['invalid-params'][0].name").isEqualTo("platform");
        post("/counties/621222/shops", ADMIN, Map.of("village", "621222101201", "name", "x", "platform", "JD", "ownerCategory", "COOPERATIVE",
                        "url", "ftp://example"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$['invalid-params'][0].name").isEqualTo("url");
        post("/counties/621222/shops", ADMIN, Map.of("village", "621222101201", "name", "x", "platform", "JD", "ownerCategory", "POOR_HOUSEHOLD"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$['invalid-params'][0].name").isEqualTo("ownerHousehold");
        // A village of another county, and a village the county does not have: 422 naming the village.
        post("/counties/621222/shops", ADMIN, Map.of("village", "621224101201", "name", "S-bad-1", "platform", "JD", "ownerCategory", "COOPERATIVE"))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.field").isEqualTo("village");
        post("/counties/621222/shops", ADMIN, Map.of("village", "621222199299", "name", "S-bad-2", "platform", "JD", "ownerCategory", "COOPERATIVE"))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.field").isEqualTo("village");
        // The owner household must be one of the county's registered households.
        String kang = knownHousehold("621224", "S-K-0001", "621224101201");
        post("/counties/621222/shops", ADMIN, Map.of("village", "621222101201", "name", "S-bad-3", "platform", "JD",
                        "ownerCategory", "POOR_HOUSEHOLD", "ownerHousehold", kang))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.field").isEqualTo("ownerHousehold");
        get("/counties/621222/shops?limit=500", ADMIN).expectStatus().isOk().expectBody(String.class)
                .value(body -> assertThat(body).doesNotContain("S-bad-"));
    }

    @Test
    void the_lifecycle_refuses_steps_it_does_not_have() {
        String id = shop("621222", "621222101202", "S-Lifecycle", "OPEN");
        post("/counties/621222/shops/" + id + "/status", CLERK, Map.of("status", "PLANNED")).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.reason").isEqualTo("illegal-transition");
        post("/counties/621222/shops/" + id + "/status", CLERK, Map.of("status", "DORMANT", "reason", "owner away")).expectStatus().isOk();
        post("/counties/621222/shops/" + id + "/status", CLERK, Map.of("status", "OPEN")).expectStatus().isOk();
        post("/counties/621222/shops/" + id + "/status", CLERK, Map.of("status", "CLOSED", "reason", "moved to the city")).expectStatus().isOk()
                .expectBody().jsonPath("$.statusReason").isEqualTo("moved to the city");
        post("/counties/621222/shops/" + id + "/status", CLERK, Map.of("status", "OPEN")).expectStatus().isEqualTo(409);
        // Opened once: reopening from DORMANT is a status change, not a second opening.
        assertThat(Events.present("shop.opened.v1", "\"subject\":\"" + id + "\"")).hasSize(1);
        assertThat(Events.read("shop.status-changed.v1", 3, "\"subject\":\"" + id + "\"")).hasSize(3);
    }

    @Test
    void households_are_linked_with_their_share_within_the_whole_and_only_from_the_county() {
        String id = shop("621222", "621222102201", "S-Links", "OPEN");
        String supplier = knownHousehold("621222", "S-0101", "621222102201");
        String employee = knownHousehold("621222", "S-0102", "621222102201");
        String kang = knownHousehold("621224", "S-K-0101", "621224102201");

        link("621222", id, supplier, "SUPPLIER", Map.of("rule", "SALES_SHARE", "sharePercent", 60));
        put("/counties/621222/shops/" + id + "/households/" + employee, ADMIN, Map.of("role", "EMPLOYEE", "rule", "SALES_SHARE", "sharePercent", 40.01))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.rule").isEqualTo("shares-exceed-sales")
                .jsonPath("$.field").isEqualTo("sharePercent");
        put("/counties/621222/shops/" + id + "/households/" + employee, ADMIN, Map.of("role", "EMPLOYEE", "rule", "SALES_SHARE", "sharePercent", 12.345))
                .expectStatus().isBadRequest().expectBody().jsonPath("$['invalid-params'][0].name").isEqualTo("sharePercent");
        put("/counties/621222/shops/" + id + "/households/" + employee, ADMIN, Map.of("role", "EMPLOYEE", "rule", "FIXED_MONTHLY"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$['invalid-params'][0].name").isEqualTo("fixedAmountFen");
        link("621222", id, employee, "EMPLOYEE", Map.of("rule", "FIXED_MONTHLY", "fixedAmountFen", 80000));
        // Another county's household is not one this county can link, whatever its id.
        put("/counties/621222/shops/" + id + "/households/" + kang, ADMIN, Map.of("role", "SUPPLIER", "rule", "SALES_SHARE", "sharePercent", 10))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.rule").isEqualTo("unknown-household").jsonPath("$.field").isEqualTo("household");
        // Changing a link replaces it; the total is checked without its old share.
        link("621222", id, supplier, "SHAREHOLDER", Map.of("rule", "SALES_SHARE", "sharePercent", 100));

        get("/counties/621222/shops/" + id, CLERK).expectStatus().isOk().expectBody()
                .jsonPath("$.households.length()").isEqualTo(2)
                .jsonPath("$.households[?(@.household=='" + supplier + "')].sharePercent").isEqualTo(100)
                .jsonPath("$.households[?(@.household=='" + supplier + "')].role").isEqualTo("SHAREHOLDER")
                .jsonPath("$.households[?(@.household=='" + employee + "')].fixedAmountFen").isEqualTo(80000);
        get("/counties/621222/shops?household=" + employee, CLERK).expectStatus().isOk().expectBody()
                .jsonPath("$.length()").isEqualTo(1).jsonPath("$[0].id").isEqualTo(id);

        delete("/counties/621222/shops/" + id + "/households/" + employee, ADMIN).expectStatus().isOk()
                .expectBody().jsonPath("$.households.length()").isEqualTo(1);
        delete("/counties/621222/shops/" + id + "/households/" + employee, ADMIN).expectStatus().isNotFound();
    }

    @Test
    void lists_filter_and_page_by_name() {
        // Names unique to the run, so that the order below holds whatever else the village has.
        String run = Long.toString(System.nanoTime(), 36);
        String a = shop("621222", "621222103201", "S-List-" + run + "-A", "OPEN");
        String b = shop("621222", Map.of("village", "621222103201", "name", "S-List-" + run + "-B", "platform", "DOUYIN",
                "ownerCategory", "RETURNING_YOUTH"));
        String c = shop("621222", "621222103201", "S-List-" + run + "-C", "PLANNED");

        List<String> all = ids(get("/counties/621222/shops?village=621222103201&limit=500", CLERK).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(all).containsSubsequence(a, b, c);
        String afterA = all.get(all.indexOf(a) + 1);
        assertThat(ids(get("/counties/621222/shops?village=621222103201&limit=1&after=" + a, CLERK).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody())).containsExactly(afterA);
        get("/counties/621222/shops?village=621222103201&limit=1", CLERK).expectStatus().isOk().expectBody()
                .jsonPath("$.length()").isEqualTo(1).jsonPath("$[0].households").doesNotExist();
        assertThat(ids(get("/counties/621222/shops?village=621222103201&platform=DOUYIN&limit=500", CLERK).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody())).contains(b).doesNotContain(a, c);
        assertThat(ids(get("/counties/621222/shops?village=621222103201&ownerCategory=RETURNING_YOUTH&limit=500", CLERK).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody())).contains(b).doesNotContain(a, c);
        assertThat(ids(get("/counties/621222/shops?village=621222103201&status=PLANNED&limit=500", CLERK).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody())).as("b is registered without a status: PLANNED").contains(b, c).doesNotContain(a);
        get("/counties/621222/shops?status=ASLEEP", CLERK).expectStatus().isBadRequest();
        get("/counties/621222/shops?after=nope", CLERK).expectStatus().isBadRequest().expectBody()
                .jsonPath("$['invalid-params'][0].name").isEqualTo("after");
        get("/counties/621222/shops?limit=501", CLERK).expectStatus().isBadRequest().expectBody()
                .jsonPath("$['invalid-params'][0].name").isEqualTo("limit");
    }

    private static List<String> ids(String listBody) {
        return java.util.regex.Pattern.compile("\\{\"id\":\"([0-9a-f-]{36})\"").matcher(listBody).results().map(m -> m.group(1)).toList();
    }

    @Test
    void a_shop_registered_by_mistake_is_deleted_but_one_with_history_is_kept() {
        String id = shop("621222", "621222103202", "S-Mistake", "PLANNED");
        delete("/counties/621222/shops/" + id, ADMIN).expectStatus().isNoContent();
        get("/counties/621222/shops/" + id, ADMIN).expectStatus().isNotFound();

        String kept = shop("621222", "621222103202", "S-Kept", "OPEN");
        post("/counties/621222/shops/" + kept + "/sales-reports", ADMIN, Map.of("month", monthsAgo(1), "orders", 3, "grossFen", 9000))
                .expectStatus().isCreated();
        delete("/counties/621222/shops/" + kept, ADMIN).expectStatus().isEqualTo(409).expectBody().jsonPath("$.reason").isEqualTo("not-removable");
    }

    @Test
    void roles_decide_the_work_and_officers_only_read() {
        String id = shop("621222", "621222101201", "S-Roles", "OPEN");
        post("/counties/621222/shops", "partner-wen", Map.of("village", "621222101201", "name", "S-Partner", "platform", "JD",
                "ownerCategory", "ENTERPRISE")).expectStatus().isForbidden();
        post("/counties/621222/shops", "auditor-621222", Map.of("village", "621222101201", "name", "S-Auditor", "platform", "JD",
                "ownerCategory", "ENTERPRISE")).expectStatus().isForbidden();
        post("/counties/621222/shops", "cadre-621222", Map.of("village", "621222101201", "name", "S-Cadre", "platform", "WECHAT_MINI_SHOP",
                "ownerCategory", "VILLAGE_CADRE")).expectStatus().isCreated();
        get("/counties/621222/shops/" + id, "officer-621200").expectStatus().isOk();
        post("/counties/621222/shops/" + id + "/status", "officer-621200", Map.of("status", "CLOSED")).expectStatus().isForbidden();

        // A partner reports sales for the county's shops and reads them; it runs nothing and reads no administration.
        String household = knownHousehold("621222", "S-0301", "621222101201");
        get("/counties/621222/shops/" + id, "partner-wen").expectStatus().isOk();
        post("/counties/621222/shops/" + id + "/status", "partner-wen", Map.of("status", "CLOSED")).expectStatus().isForbidden();
        put("/counties/621222/shops/" + id + "/households/" + household, "partner-wen",
                Map.of("role", "SUPPLIER", "rule", "SALES_SHARE", "sharePercent", 10)).expectStatus().isForbidden();
        post("/counties/621222/shops/dormancy-check", "partner-wen", Map.of()).expectStatus().isForbidden();
        get("/counties/621222/households/" + household + "/shops", "partner-wen").expectStatus().isForbidden();
        get("/counties/621222/coverage", "partner-wen").expectStatus().isForbidden();
        get("/counties/621222/coverage", "auditor-621222").expectStatus().isOk();
        get("/counties/621222/shops/" + id, CLERK).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("OPEN")
                .jsonPath("$.households.length()").isEqualTo(0);
    }

    @Test
    void a_household_the_registry_removed_is_linked_to_no_shop_but_may_be_linked_to_several_before() {
        String first = shop("621222", "621222102201", "S-Several-1", "OPEN");
        String second = shop("621222", "621222102201", "S-Several-2", "OPEN");
        String household = knownHousehold("621222", "S-0401", "621222102201");
        link("621222", first, household, "SUPPLIER", Map.of("rule", "SALES_SHARE", "sharePercent", 10));
        link("621222", second, household, "EMPLOYEE", Map.of("rule", "FIXED_MONTHLY", "fixedAmountFen", 60000));
        get("/counties/621222/households/" + household + "/shops", CLERK).expectStatus().isOk().expectBody()
                .jsonPath("$.shops.length()").isEqualTo(2);

        TopicWriter.publish("household.events", "621222", household, "household.removed.v1",
                "{\"county\":\"621222\",\"household\":\"" + household + "\",\"fileNumber\":\"S-0401\"}");
        String third = shop("621222", "621222102201", "S-Several-3", "OPEN");
        awaitStatus("the removal of household S-0401", () -> get("/counties/621222/households/" + household + "/shops", CLERK)
                .returnResult(String.class).getResponseBody().collectList().block().toString().contains("\"removed\":true") ? 200 : 0);
        put("/counties/621222/shops/" + third + "/households/" + household, ADMIN, Map.of("role", "SUPPLIER", "rule", "SALES_SHARE",
                "sharePercent", 10)).expectStatus().isEqualTo(422).expectBody().jsonPath("$.rule").isEqualTo("unknown-household");
    }

    @Test
    void another_county_reaches_none_of_the_shop_endpoints() {
        String kangShop = shop("621224", "621224101201", "S-Kang", "OPEN");
        String kangHousehold = knownHousehold("621224", "S-K-0201", "621224101201");
        link("621224", kangShop, kangHousehold, "SUPPLIER", Map.of("rule", "SALES_SHARE", "sharePercent", 10));
        post("/counties/621224/shops/" + kangShop + "/sales-reports", "admin-621224", Map.of("month", monthsAgo(1), "orders", 1, "grossFen", 100))
                .expectStatus().isCreated();
        CountyIsolation.of("http://127.0.0.1:" + port)
                .actingAs("621222", tokenFor(ADMIN))
                .foreignRecord("621224", kangShop, tokenFor("admin-621224"))
                .endpoint("GET", "/counties/{county}/shops/{id}")
                .endpoint("PUT", "/counties/{county}/shops/{id}", "{\"village\":\"621222101201\",\"name\":\"stolen\",\"platform\":\"JD\","
                        + "\"ownerCategory\":\"ENTERPRISE\"}")
                .endpoint("POST", "/counties/{county}/shops/{id}/status", "{\"status\":\"CLOSED\"}")
                .endpoint("PUT", "/counties/{county}/shops/{id}/households/" + kangHousehold,
                        "{\"role\":\"SUPPLIER\",\"rule\":\"SALES_SHARE\",\"sharePercent\":90}")
                .endpoint("DELETE", "/counties/{county}/shops/{id}/households/" + kangHousehold)
                .endpoint("DELETE", "/counties/{county}/shops/{id}")
                .endpoint("POST", "/counties/{county}/shops/{id}/sales-reports", "{\"month\":\"" + monthsAgo(1) + "\",\"orders\":9,\"grossFen\":99999}")
                .endpoint("GET", "/counties/{county}/shops/{id}/sales-reports")
                .endpoint("GET", "/counties/{county}/shops/{id}/sales-reports/" + monthsAgo(1))
                .endpoint("POST", "/counties/{county}/subsidies", "{\"shop\":\"" + kangShop + "\"}")
                .endpoint("POST", "/counties/{county}/shops/dormancy-check")
                .endpoint("GET", "/counties/{county}/households/" + kangHousehold + "/shops")
                .endpoint("GET", "/counties/{county}/coverage")
                .endpoint("GET", "/counties/{county}/coverage/uncovered")
                .endpoint("GET", "/counties/{county}/subsidy-budgets/2026")
                .endpoint("PUT", "/counties/{county}/subsidy-budgets/2026", "{\"budgetFen\":1}")
                .endpoint("GET", "/counties/{county}/statistics?year=2026")
                .listing("/counties/{county}/shops?limit=500")
                .listing("/counties/{county}/statistics")
                .listing("/counties/{county}/shops?household=" + kangHousehold)
                .assertIsolated();
    }

    @Test
    void raw_sql_as_the_service_role_sees_no_tenant_rows_without_a_county() throws Exception {
        assertEveryTenantTableIsolated();
    }
}
