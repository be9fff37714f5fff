package org.povertyalleviation.householdregistry.income;

import static org.assertj.core.api.Assertions.assertThat;
import static org.povertyalleviation.householdregistry.household.HouseholdMother.registration;
import static org.povertyalleviation.householdregistry.household.HouseholdMother.residentId;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.householdregistry.Events;
import org.povertyalleviation.householdregistry.HouseholdRegistryIT;

/** The income ledger: entries from clerks and from shop, supply and crowdfunding events, counted once per origin, and the yearly summaries. */
class IncomeIT extends HouseholdRegistryIT {

    @Test
    void a_shop_income_event_redelivered_twice_is_counted_once_and_a_correction_replaces_it() {
        String household = register("INC-1");
        String shop = UUID.randomUUID().toString();
        String data = "{\"county\":\"621222\",\"shop\":\"" + shop + "\",\"household\":\"" + household
                + "\",\"month\":\"2025-09\",\"amountFen\":123400,\"revision\":1,\"rule\":\"SALES_SHARE\",\"role\":\"SUPPLIER\"}";
        String eventId = UUID.randomUUID().toString();
        publishWithId("shop.events", "621222", shop, "shop.household-income-earned.v1", eventId, data);
        publishWithId("shop.events", "621222", shop, "shop.household-income-earned.v1", eventId, data);
        // The same origin under another event id (a producer that re-sent its report) is still one entry.
        publish("shop.events", "621222", shop, "shop.household-income-earned.v1", data);

        awaitEntries(household, 1, "123400");
        String entries = entries(household);
        assertThat(Pattern.compile("\"source\":\"SHOP_SHARE\"").matcher(entries).results().count()).isEqualTo(1);
        assertThat(entries).contains("\"origin\":\"shop:" + shop + ":" + household + ":2025-09\"").contains("\"recordedBy\":\"shop-management\"");

        publish("shop.events", "621222", shop, "shop.household-income-earned.v1", data.replace("123400", "100000").replace("\"revision\":1", "\"revision\":2"));
        awaitEntries(household, 1, "100000");
        assertThat(entries(household)).contains("\"revision\":2").doesNotContain("123400");

        var recorded = Events.about("household.events", "household.income-recorded.v1", household, 2);
        assertThat(recorded).hasSize(2);
        assertThat(Events.schemaErrors("household.income-recorded.v1", recorded.get(0))).isEmpty();
    }

    @Test
    void the_supply_platforms_payments_each_reach_the_ledger_under_their_source_once_and_a_correction_replaces_one() {
        String household = register("INC-SUP");
        String organisation = UUID.randomUUID().toString();
        String delivery = UUID.randomUUID().toString();
        String payday = UUID.randomUUID().toString();
        String dividend = UUID.randomUUID().toString();
        String order = supplyIncome(household, "ORDER_PREMIUM", "delivery:" + delivery, organisation, 1_316_100, 32_100L, 1);
        String wages = supplyIncome(household, "WORKSHOP_WAGE", "payday:" + payday + ":" + household, organisation, 16_800, null, 1);
        String shares = supplyIncome(household, "DIVIDEND", "dividend:" + dividend + ":" + household, organisation, 500_000, null, 1);
        String orderId = UUID.randomUUID().toString();
        publishWithId("supply.events", "621222", household, "supply.household-income-earned.v1", orderId, order);
        publishWithId("supply.events", "621222", household, "supply.household-income-earned.v1", orderId, order);
        // The same origin under another event id (a payday resent by its producer) is still one entry.
        publish("supply.events", "621222", household, "supply.household-income-earned.v1", wages);
        publish("supply.events", "621222", household, "supply.household-income-earned.v1", wages);
        publish("supply.events", "621222", household, "supply.household-income-earned.v1", shares);

        awaitEntries(household, 3, "500000");
        String entries = entries(household);
        assertThat(entries).contains("\"origin\":\"supply:delivery:" + delivery + "\"", "\"origin\":\"supply:payday:" + payday + ":" + household + "\"",
                "\"origin\":\"supply:dividend:" + dividend + ":" + household + "\"", "\"recordedBy\":\"supply-platform\"",
                "\"amountFen\":1316100", "\"amountFen\":16800");
        for (String source : new String[] {"ORDER_PREMIUM", "WORKSHOP_WAGE", "DIVIDEND"}) {
            assertThat(Pattern.compile("\"source\":\"" + source + "\"").matcher(entries).results().count()).as(source).isEqualTo(1);
        }

        publish("supply.events", "621222", household, "supply.household-income-earned.v1",
                supplyIncome(household, "ORDER_PREMIUM", "delivery:" + delivery, organisation, 1_230_000, 30_000L, 2));
        awaitEntries(household, 3, "1230000");
        assertThat(entries(household)).doesNotContain("1316100");
    }

    @Test
    void a_supply_payment_to_an_unknown_household_or_of_a_source_it_does_not_pay_goes_to_the_dead_letter_topic() {
        String stranger = UUID.randomUUID().toString();
        publish("supply.events", "621222", stranger, "supply.household-income-earned.v1",
                supplyIncome(stranger, "DIVIDEND", "dividend:" + UUID.randomUUID() + ":" + stranger, UUID.randomUUID().toString(), 100, null, 1));
        String household = register("INC-SUP-2");
        publish("supply.events", "621222", household, "supply.household-income-earned.v1",
                supplyIncome(household, "SUBSIDY", "delivery:" + UUID.randomUUID(), UUID.randomUUID().toString(), 100, null, 1));

        assertThat(Events.read("error.supply.events.household-registry.supply-income", value -> value.contains(stranger), 1)).hasSize(1);
        assertThat(Events.read("error.supply.events.household-registry.supply-income", value -> value.contains(household), 1)).hasSize(1);
        assertThat(entries(household)).doesNotContain("\"origin\"");
    }

    private static String supplyIncome(String household, String source, String origin, String organisation, long amountFen, Long premiumFen,
                                       int revision) {
        return "{\"county\":\"621222\",\"household\":\"" + household + "\",\"source\":\"" + source + "\",\"origin\":\"" + origin
                + "\",\"organisation\":\"" + organisation + "\",\"month\":\"2026-08\",\"paidOn\":\"2026-08-25\",\"amountFen\":" + amountFen
                + ",\"premiumFen\":" + premiumFen + ",\"revision\":" + revision + "}";
    }

    @Test
    void a_crowdfunding_share_is_counted_once_and_a_refund_replaces_it_down_to_nothing() {
        String household = register("INC-CF");
        String project = UUID.randomUUID().toString();
        String origin = "project:" + project + ":" + household;
        String share = crowdfundingIncome(household, origin, project, 1_845_000, 1);
        String eventId = UUID.randomUUID().toString();
        publishWithId("crowdfunding.events", "621222", household, "crowdfunding.household-income-earned.v1", eventId, share);
        publishWithId("crowdfunding.events", "621222", household, "crowdfunding.household-income-earned.v1", eventId, share);
        // The same origin under another event id (a payout republished by its producer) is still one entry.
        publish("crowdfunding.events", "621222", household, "crowdfunding.household-income-earned.v1", share);

        awaitEntries(household, 1, "1845000");
        String entries = entries(household);
        assertThat(Pattern.compile("\"source\":\"CROWDFUNDING\"").matcher(entries).results().count()).isEqualTo(1);
        assertThat(entries).contains("\"origin\":\"crowdfunding:" + origin + "\"", "\"recordedBy\":\"crowdfunding\"", "\"month\":\"2026-12\"");

        // A refund after delivery: the same origin, a higher revision, the lower amount.
        publish("crowdfunding.events", "621222", household, "crowdfunding.household-income-earned.v1",
                crowdfundingIncome(household, origin, project, 1_200_000, 2));
        awaitEntries(household, 1, "1200000");
        assertThat(entries(household)).contains("\"revision\":2").doesNotContain("1845000");

        // Everything refunded: the entry stays, at 0, and the lower revision arriving late changes nothing.
        publish("crowdfunding.events", "621222", household, "crowdfunding.household-income-earned.v1",
                crowdfundingIncome(household, origin, project, 0, 3));
        publish("crowdfunding.events", "621222", household, "crowdfunding.household-income-earned.v1",
                crowdfundingIncome(household, origin, project, 1_200_000, 2));
        awaitEntries(household, 1, "0");
        assertThat(entries(household)).contains("\"revision\":3").doesNotContain("1200000");
    }

    @Test
    void a_crowdfunding_share_for_an_unknown_household_or_with_a_malformed_origin_goes_to_the_dead_letter_topic() {
        String stranger = UUID.randomUUID().toString();
        String project = UUID.randomUUID().toString();
        publish("crowdfunding.events", "621222", stranger, "crowdfunding.household-income-earned.v1",
                crowdfundingIncome(stranger, "project:" + project + ":" + stranger, project, 100, 1));
        String household = register("INC-CF-2");
        publish("crowdfunding.events", "621222", household, "crowdfunding.household-income-earned.v1",
                crowdfundingIncome(household, "delivery:" + UUID.randomUUID(), project, 100, 1));

        assertThat(Events.read("error.crowdfunding.events.household-registry.crowdfunding-income", value -> value.contains(stranger), 1)).hasSize(1);
        assertThat(Events.read("error.crowdfunding.events.household-registry.crowdfunding-income", value -> value.contains(household), 1)).hasSize(1);
        assertThat(entries(household)).doesNotContain("\"origin\"");
    }

    private static String crowdfundingIncome(String household, String origin, String project, long amountFen, int revision) {
        return "{\"county\":\"621222\",\"household\":\"" + household + "\",\"source\":\"CROWDFUNDING\",\"origin\":\"" + origin
                + "\",\"project\":\"" + project + "\",\"month\":\"2026-12\",\"paidOn\":\"2026-12-20\",\"amountFen\":" + amountFen
                + ",\"revision\":" + revision + "}";
    }

    @Test
    void a_shop_event_naming_an_unknown_household_goes_to_the_dead_letter_topic() {
        String shop = UUID.randomUUID().toString();
        String stranger = UUID.randomUUID().toString();
        publish("shop.events", "621222", shop, "shop.household-income-earned.v1", "{\"county\":\"621222\",\"shop\":\"" + shop
                + "\",\"household\":\"" + stranger + "\",\"month\":\"2025-09\",\"amountFen\":100,\"revision\":1}");

        assertThat(Events.read("error.shop.events.household-registry.shop-income", value -> value.contains(stranger), 1)).hasSize(1);
    }

    @Test
    void a_clerks_entry_with_a_reference_counts_once_and_a_reused_reference_is_a_409() {
        String household = register("INC-2");
        Map<String, Object> wage = Map.of("month", "2025-03", "source", "WORKSHOP_WAGE", "amountFen", 250_000, "reference", "PAY-2025-03-17");

        post("/counties/621222/households/" + household + "/income", wage).expectStatus().isCreated()
                .expectBody().jsonPath("$.origin").isEqualTo("clerk:PAY-2025-03-17").jsonPath("$.recordedBy").isEqualTo("clerk-621222");
        post("/counties/621222/households/" + household + "/income", wage).expectStatus().isOk();
        post("/counties/621222/households/" + household + "/income",
                Map.of("month", "2025-03", "source", "WORKSHOP_WAGE", "amountFen", 999, "reference", "PAY-2025-03-17"))
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.field").isEqualTo("reference");
        assertThat(Pattern.compile("\"origin\"").matcher(entries(household)).results().count()).isEqualTo(1);

        post("/counties/621222/households/" + household + "/income", Map.of("month", "2099-01", "source", "BRIBE", "amountFen", 0))
                .expectStatus().isBadRequest();
        post("/counties/621222/households/" + household + "/income", Map.of("month", "March", "source", "OTHER", "amountFen", 0))
                .expectStatus().isBadRequest().expectBody(String.class)
                .value(problem -> assertThat(problem).contains("\"name\":\"month\"").contains("\"name\":\"amountFen\""));
        post("/counties/621222/households/" + UUID.randomUUID() + "/income", wage).expectStatus().isNotFound();
    }

    @Test
    void yearly_summaries_per_household_and_village_derive_per_capita_income_from_the_ledger() {
        // The only households of village 621222103201.
        String first = register("INC-3", "621222103201");
        String second = register("INC-4", "621222103201");
        post("/counties/621222/households/" + first + "/income", Map.of("month", "2024-02", "source", "SHOP_SHARE", "amountFen", 300_000)).expectStatus().isCreated();
        post("/counties/621222/households/" + first + "/income", Map.of("month", "2024-07", "source", "SUBSIDY", "amountFen", 1_000_000)).expectStatus().isCreated();
        post("/counties/621222/households/" + second + "/income", Map.of("month", "2024-07", "source", "DIVIDEND", "amountFen", 50_000)).expectStatus().isCreated();
        post("/counties/621222/households/" + second + "/income", Map.of("month", "2023-07", "source", "DIVIDEND", "amountFen", 77_700)).expectStatus().isCreated();

        web.get().uri("/counties/621222/households/" + first + "/income/summary?year=2024").header("Authorization", "Bearer " + tokenFor("cadre-621222"))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.incomeFen").isEqualTo(1_300_000)
                .jsonPath("$.ecommerceIncomeFen").isEqualTo(300_000)
                .jsonPath("$.perCapitaIncomeFen").isEqualTo(1_300_000)
                .jsonPath("$.bySourceFen.SUBSIDY").isEqualTo(1_000_000)
                .jsonPath("$.byMonthFen['2024-02']").isEqualTo(300_000)
                .jsonPath("$.povertyLineFen").isEqualTo(710_000)
                .jsonPath("$.aboveLine").isEqualTo(true);
        String village = web.get().uri("/counties/621222/villages/621222103201/income/summary?year=2024")
                .header("Authorization", "Bearer " + tokenFor("cadre-621222")).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(village).contains("\"households\":2").contains("\"members\":2").contains("\"incomeFen\":1350000")
                .contains("\"ecommerceIncomeFen\":350000").contains("\"perCapitaIncomeFen\":675000").contains("\"householdsAboveLine\":1");
        web.get().uri("/counties/621222/villages/621222999999/income/summary").header("Authorization", "Bearer " + tokenFor(CLERK))
                .exchange().expectStatus().isNotFound();
        // A village cadre reads their villages only: a village that is not theirs is refused, known or not.
        web.get().uri("/counties/621222/villages/621222999999/income/summary").header("Authorization", "Bearer " + tokenFor("cadre-621222"))
                .exchange().expectStatus().isForbidden();
        web.get().uri("/counties/621222/households/" + first + "/income/summary?year=1999").header("Authorization", "Bearer " + tokenFor("cadre-621222"))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$['invalid-params'][0].name").isEqualTo("year");
    }

    private String register(String fileNumber) {
        return register(fileNumber, "621222102202");
    }

    private String register(String fileNumber, String village) {
        Map<String, Object> request = registration("621222", fileNumber, residentId("621222"));
        request.put("village", village);
        return register("621222", request);
    }

    private String entries(String household) {
        return get("/counties/621222/households/" + household + "/income", CLERK).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private void awaitEntries(String household, int count, String amount) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = entries(household);
            if (Pattern.compile("\"origin\"").matcher(last).results().count() == count && last.contains("\"amountFen\":" + amount)) {
                // A little longer: a duplicate that would be counted twice has had its chance to arrive.
                sleep(1500);
                last = entries(household);
                assertThat(Pattern.compile("\"origin\"").matcher(last).results().count()).isEqualTo(count);
                return;
            }
            sleep(200);
        }
        throw new AssertionError("The ledger never showed " + count + " entries of " + amount + ": " + last);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec post(String path, Object body) {
        return post(path, CLERK, body);
    }
}
