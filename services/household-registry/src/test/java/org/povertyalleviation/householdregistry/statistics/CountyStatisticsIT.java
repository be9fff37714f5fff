package org.povertyalleviation.householdregistry.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.povertyalleviation.householdregistry.household.HouseholdMother.member;
import static org.povertyalleviation.householdregistry.household.HouseholdMother.registration;
import static org.povertyalleviation.householdregistry.household.HouseholdMother.residentId;

import java.time.Duration;
import java.time.Year;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.povertyalleviation.householdregistry.HouseholdRegistryIT;
import org.povertyalleviation.platform.infra.Eventually;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The county dashboard's figures, counted over a county of its own (西和县, 621225) that no other test writes to, so
 * that every number is exact whatever ran before.
 */
class CountyStatisticsIT extends HouseholdRegistryIT {

    private static final String COUNTY = "621225";
    private static final String ADMIN = "admin-621225";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @BeforeEach
    void county() {
        joinOnce(COUNTY, "西和县");
    }

    @Test
    void counts_the_countys_households_members_exits_and_e_commerce_income_of_the_year() {
        // REGISTERED, two members: e-commerce income, a subsidy, a refund, a corrected shop report and last year's share.
        String registered = register(COUNTY, registration(COUNTY, "S-1", residentId(COUNTY), member("李四", "SPOUSE", residentId(COUNTY))));
        income(registered, "2024-03", "SHOP_SHARE", 100_003);
        income(registered, "2024-05", "SUBSIDY", 500_000);
        income(registered, "2024-09", "ORDER_PREMIUM", -10_000);
        income(registered, "2023-12", "SHOP_SHARE", 999_999);
        String shop = UUID.randomUUID().toString();
        shopIncome(shop, registered, "2024-08", 50_000, 1);
        shopIncome(shop, registered, "2024-08", 30_000, 2);
        // LIFTED for 2024.
        String lifted = register(COUNTY, registration(COUNTY, "S-2", residentId(COUNTY)));
        income(lifted, "2024-02", "WORKSHOP_WAGE", 800_000);
        changeStatus(lifted, Map.of("status", "LIFTED", "year", 2024));
        // Lifted for 2024, then at risk: its exit still counts in 2024.
        String monitored = register(COUNTY, registration(COUNTY, "S-3", residentId(COUNTY)));
        income(monitored, "2024-06", "DIVIDEND", 720_000);
        changeStatus(monitored, Map.of("status", "LIFTED", "year", 2024));
        changeStatus(monitored, Map.of("status", "MONITORED", "reason", "冰雹"));
        // Three members, lifted for 2024 and back in poverty since.
        String returned = register(COUNTY, registration(COUNTY, "S-4", residentId(COUNTY),
                member("王五", "SPOUSE", residentId(COUNTY)), member("王小五", "CHILD", residentId(COUNTY, "20100101"))));
        income(returned, "2024-07", "ORDER_PREMIUM", 2_200_000);
        changeStatus(returned, Map.of("status", "LIFTED", "year", 2024));
        changeStatus(returned, Map.of("status", "MONITORED", "reason", "病"));
        changeStatus(returned, Map.of("status", "RETURNED", "reason", "病, 收入不足"));
        // Lifted for 2023 on 2023's income.
        String liftedEarlier = register(COUNTY, registration(COUNTY, "S-5", residentId(COUNTY)));
        income(liftedEarlier, "2023-04", "CROWDFUNDING", 700_000);
        changeStatus(liftedEarlier, Map.of("status", "LIFTED", "year", 2023));
        // Registered by mistake: counted until it is removed.
        String mistaken = register(COUNTY, registration(COUNTY, "S-6", residentId(COUNTY), member("赵六", "SPOUSE", residentId(COUNTY))));
        // Another county's income of the year is not this county's.
        String wen = register("621222", registration("621222", "STAT-W1", residentId("621222")));
        post("/counties/621222/households/" + wen + "/income", CLERK, Map.of("month", "2024-03", "source", "SHOP_SHARE", "amountFen", 5_000_000))
                .expectStatus().isCreated();

        JsonNode beforeRemoval = statistics("?year=2024", ADMIN);
        assertThat(beforeRemoval.at("/households/total").asLong()).isEqualTo(6);
        assertThat(beforeRemoval.at("/households/byStatus/REGISTERED").asLong()).isEqualTo(2);
        assertThat(beforeRemoval.at("/members").asLong()).isEqualTo(10);
        delete("/counties/" + COUNTY + "/households/" + mistaken, ADMIN).expectStatus().isNoContent();

        JsonNode of2024 = statistics("?year=2024", ADMIN);
        assertThat(of2024).isEqualTo(tree("""
                {"county":"621225","year":2024,
                 "households":{"total":5,"byStatus":{"REGISTERED":1,"LIFTED":2,"MONITORED":1,"RETURNED":1}},
                 "members":8,
                 "liftedInYear":3,
                 "ecommerceIncome":{"totalFen":3840003,"perMemberFen":480000,"bySource":{
                   "SHOP_SHARE":{"totalFen":130003,"perMemberFen":16250},
                   "ORDER_PREMIUM":{"totalFen":2190000,"perMemberFen":273750},
                   "WORKSHOP_WAGE":{"totalFen":800000,"perMemberFen":100000},
                   "DIVIDEND":{"totalFen":720000,"perMemberFen":90000},
                   "CROWDFUNDING":{"totalFen":0,"perMemberFen":0}}}}"""));
        assertThat(of2024.at("/households/byStatus").propertyNames()).containsExactly("REGISTERED", "LIFTED", "MONITORED", "RETURNED");
        assertThat(of2024.at("/ecommerceIncome/bySource").propertyNames())
                .containsExactly("SHOP_SHARE", "ORDER_PREMIUM", "WORKSHOP_WAGE", "DIVIDEND", "CROWDFUNDING");

        JsonNode of2023 = statistics("?year=2023", ADMIN);
        assertThat(of2023.at("/liftedInYear").asLong()).isEqualTo(1);
        assertThat(of2023.at("/households")).isEqualTo(of2024.at("/households"));
        assertThat(of2023.at("/ecommerceIncome")).isEqualTo(tree("""
                {"totalFen":1699999,"perMemberFen":212499,"bySource":{
                  "SHOP_SHARE":{"totalFen":999999,"perMemberFen":124999},
                  "ORDER_PREMIUM":{"totalFen":0,"perMemberFen":0},
                  "WORKSHOP_WAGE":{"totalFen":0,"perMemberFen":0},
                  "DIVIDEND":{"totalFen":0,"perMemberFen":0},
                  "CROWDFUNDING":{"totalFen":700000,"perMemberFen":87500}}}"""));

        // Without a year, the current one in China; nothing was lifted for it and no income recorded in it.
        JsonNode current = statistics("", ADMIN);
        assertThat(current.at("/year").asInt()).isEqualTo(Year.now(ZoneId.of("Asia/Shanghai")).getValue());
        assertThat(current.at("/households")).isEqualTo(of2024.at("/households"));
        assertThat(current.at("/members").asLong()).isEqualTo(8);
        assertThat(current.at("/liftedInYear").asLong()).isZero();
        assertThat(current.at("/ecommerceIncome/totalFen").asLong()).isZero();
        // The city officer over the county reads the same figures.
        assertThat(statistics("?year=2024", "officer-621200")).isEqualTo(of2024);
    }

    @Test
    void a_county_without_households_shows_every_status_and_source_at_zero() {
        joinOnce("621223", "宕昌县");
        JsonNode empty = statistics("?year=2024", "officer-621200", "621223");
        assertThat(empty).isEqualTo(tree("""
                {"county":"621223","year":2024,
                 "households":{"total":0,"byStatus":{"REGISTERED":0,"LIFTED":0,"MONITORED":0,"RETURNED":0}},
                 "members":0,
                 "liftedInYear":0,
                 "ecommerceIncome":{"totalFen":0,"perMemberFen":0,"bySource":{
                   "SHOP_SHARE":{"totalFen":0,"perMemberFen":0},
                   "ORDER_PREMIUM":{"totalFen":0,"perMemberFen":0},
                   "WORKSHOP_WAGE":{"totalFen":0,"perMemberFen":0},
                   "DIVIDEND":{"totalFen":0,"perMemberFen":0},
                   "CROWDFUNDING":{"totalFen":0,"perMemberFen":0}}}}"""));
    }

    @Test
    void a_year_that_is_not_a_number_or_outside_the_ledgers_years_is_a_400_naming_year() {
        int next = Year.now(ZoneId.of("Asia/Shanghai")).getValue() + 1;
        for (String year : List.of("abc", "2024.5", "2012", Integer.toString(next))) {
            get("/counties/" + COUNTY + "/statistics?year=" + year, ADMIN).expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("urn:poverty-platform:problem:invalid-request")
                    .jsonPath("$['invalid-params'].length()").isEqualTo(1)
                    .jsonPath("$['invalid-params'][0].name").isEqualTo("year");
        }
    }

    @Test
    void the_countys_readers_see_the_figures_but_a_partner_granted_the_county_does_not() {
        for (String reader : List.of("admin-621222", CLERK, "cadre-621222", "auditor-621222", "officer-621200", "operator")) {
            get("/counties/621222/statistics", reader).expectStatus().isOk();
        }
        get("/counties/621224/statistics", "partner-jd").expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).value(body -> assertThat(body).doesNotContain("byStatus").doesNotContain("ecommerceIncome"));
        get("/counties/621222/statistics", "partner-jd").expectStatus().isForbidden();
    }

    @Test
    void an_unknown_or_not_joined_county_is_answered_as_by_the_other_county_endpoints() {
        // 621226 (礼县) never joined: 404 to whoever may read it, 403 to another county's admin; 62122 is no county code.
        assertAnsweredLikeTheHouseholdList("621226", "operator", 404);
        assertAnsweredLikeTheHouseholdList("621226", "admin-621222", 403);
        assertAnsweredLikeTheHouseholdList("62122", "operator", 400);
        get("/counties/62122/statistics", "operator").expectBody().jsonPath("$['invalid-params'][0].name").isEqualTo("county");
    }

    private void assertAnsweredLikeTheHouseholdList(String county, String user, int status) {
        JsonNode statistics = tree(get("/counties/" + county + "/statistics", user).expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody());
        JsonNode list = tree(get("/counties/" + county + "/households", user).expectStatus().isEqualTo(status)
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(statistics.get("type")).isEqualTo(list.get("type"));
        assertThat(statistics.get("invalid-params")).isEqualTo(list.get("invalid-params"));
    }

    private JsonNode statistics(String query, String user) {
        return statistics(query, user, COUNTY);
    }

    private JsonNode statistics(String query, String user, String county) {
        return tree(get("/counties/" + county + "/statistics" + query, user).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
    }

    private void income(String household, String month, String source, long amountFen) {
        post("/counties/" + COUNTY + "/households/" + household + "/income", ADMIN,
                Map.of("month", month, "source", source, "amountFen", amountFen)).expectStatus().isCreated();
    }

    private void changeStatus(String household, Map<String, Object> change) {
        post("/counties/" + COUNTY + "/households/" + household + "/status", ADMIN, change).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo(change.get("status"));
    }

    /** Shop management's report of a household's share, and waits until the ledger holds that revision. */
    private void shopIncome(String shop, String household, String month, long amountFen, int revision) {
        publish("shop.events", COUNTY, shop, "shop.household-income-earned.v1", "{\"county\":\"" + COUNTY + "\",\"shop\":\"" + shop
                + "\",\"household\":\"" + household + "\",\"month\":\"" + month + "\",\"amountFen\":" + amountFen
                + ",\"revision\":" + revision + ",\"rule\":\"SALES_SHARE\",\"role\":\"SUPPLIER\"}");
        Eventually.await("revision " + revision + " of the shop's report in the ledger", Duration.ofSeconds(30),
                () -> get("/counties/" + COUNTY + "/households/" + household + "/income", ADMIN).expectStatus().isOk()
                        .expectBody(String.class).returnResult().getResponseBody(),
                entries -> entries.contains("\"amountFen\":" + amountFen + ",\"origin\":\"shop:" + shop));
    }

    private static JsonNode tree(String json) {
        return JSON.readTree(json);
    }
}
