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

/** Subsidies shop management paid (subsidy.paid.v1) become SUBSIDY entries, counted once per subsidy. */
class SubsidyIncomeIT extends HouseholdRegistryIT {

    @Test
    void a_paid_subsidy_redelivered_and_republished_is_one_subsidy_entry() {
        String household = register("SUB-1");
        String subsidy = UUID.randomUUID().toString();
        String data = "{\"county\":\"621222\",\"subsidy\":\"" + subsidy + "\",\"household\":\"" + household + "\",\"shop\":\""
                + UUID.randomUUID() + "\",\"amountFen\":1000000,\"paidOn\":\"2026-05-08\",\"month\":\"2026-05\",\"paymentReference\":\"WXCZ-2026-0417\"}";
        String eventId = UUID.randomUUID().toString();
        publishWithId("shop.events", "621222", subsidy, "subsidy.paid.v1", eventId, data);
        publishWithId("shop.events", "621222", subsidy, "subsidy.paid.v1", eventId, data);
        // The same subsidy under another event id (shop management published the payment again) is still one entry.
        publish("shop.events", "621222", subsidy, "subsidy.paid.v1", data);

        String entries = awaitOneEntry(household, "1000000");
        assertThat(Pattern.compile("\"source\":\"SUBSIDY\"").matcher(entries).results().count()).isEqualTo(1);
        assertThat(entries).contains("\"origin\":\"subsidy:" + subsidy + "\"").contains("\"month\":\"2026-05\"")
                .contains("\"revision\":1").contains("\"recordedBy\":\"shop-management\"").contains("WXCZ-2026-0417");

        web.get().uri("/counties/621222/households/" + household + "/income/summary?year=2026").header("Authorization", "Bearer " + tokenFor(CLERK))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.bySourceFen.SUBSIDY").isEqualTo(1_000_000)
                .jsonPath("$.ecommerceIncomeFen").isEqualTo(0);
        var recorded = Events.about("household.events", "household.income-recorded.v1", household, 1);
        assertThat(recorded).hasSize(1);
        assertThat(Events.schemaErrors("household.income-recorded.v1", recorded.get(0))).isEmpty();
    }

    @Test
    void a_subsidy_for_a_household_the_county_does_not_have_goes_to_the_dead_letter_topic() {
        String subsidy = UUID.randomUUID().toString();
        String stranger = UUID.randomUUID().toString();
        publish("shop.events", "621222", subsidy, "subsidy.paid.v1", "{\"county\":\"621222\",\"subsidy\":\"" + subsidy
                + "\",\"household\":\"" + stranger + "\",\"shop\":\"" + UUID.randomUUID()
                + "\",\"amountFen\":500000,\"paidOn\":\"2026-05-08\",\"month\":\"2026-05\"}");

        assertThat(Events.read("error.shop.events.household-registry.subsidy-income", value -> value.contains(stranger), 1)).hasSize(1);
    }

    private String register(String fileNumber) {
        Map<String, Object> request = registration("621222", fileNumber, residentId("621222"));
        request.put("village", "621222102202");
        return register("621222", request);
    }

    private String entries(String household) {
        return get("/counties/621222/households/" + household + "/income", CLERK).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private String awaitOneEntry(String household, String amount) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = entries(household);
            if (last.contains("\"amountFen\":" + amount)) {
                // A little longer: a duplicate that would be counted twice has had its chance to arrive.
                sleep(1500);
                last = entries(household);
                assertThat(Pattern.compile("\"origin\"").matcher(last).results().count()).isEqualTo(1);
                return last;
            }
            sleep(200);
        }
        throw new AssertionError("The ledger never showed the subsidy of " + amount + ": " + last);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
