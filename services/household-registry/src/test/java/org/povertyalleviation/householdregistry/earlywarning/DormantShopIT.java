package org.povertyalleviation.householdregistry.earlywarning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.povertyalleviation.householdregistry.household.HouseholdMother.registration;
import static org.povertyalleviation.householdregistry.household.HouseholdMother.residentId;

import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.infra.Eventually;
import org.povertyalleviation.householdregistry.Events;
import org.povertyalleviation.householdregistry.HouseholdRegistryIT;

/** A shop going DORMANT (shop.status-changed.v1) has the early warning check its linked households at once. */
class DormantShopIT extends HouseholdRegistryIT {

    private static final YearMonth NOW = YearMonth.now(ZoneId.of("Asia/Shanghai"));

    @Test
    void a_dormant_shop_has_its_lifted_households_at_risk_monitored_and_leaves_the_others_as_they_are() {
        String reopened = incomeStopped("DS-1");
        lift(reopened);
        String stopped = incomeStopped("DS-2");
        lift(stopped);
        String steady = register("DS-3");
        for (int i = 1; i <= 6; i++) {
            income(steady, NOW.minusMonths(i), 800_000);
        }
        lift(steady);
        // At risk by its ledger, but not LIFTED: the early warning watches lifted households only.
        String registered = incomeStopped("DS-4");
        String unknown = UUID.randomUUID().toString();
        String shop = UUID.randomUUID().toString();

        // One shop, one partition: the events are handled in this order.
        statusChanged(shop, "DORMANT", "OPEN", List.of(reopened));
        statusChanged(shop, "OPEN", "DORMANT", List.of(stopped, steady, registered, unknown));

        awaitStatus(stopped, "MONITORED");
        get("/counties/621222/households/" + stopped, CLERK).expectBody()
                .jsonPath("$.statusReason").value(reason -> assertThat((String) reason).startsWith("Early warning: E-commerce income"));
        List<String> atRisk = Events.about("household.events", "household.at-risk.v1", stopped, 1);
        assertThat(atRisk).hasSize(1);
        assertThat(Events.schemaErrors("household.at-risk.v1", atRisk.get(0))).isEmpty();
        assertThat(atRisk.get(0)).contains("\"detectedBy\":\"EARLY_WARNING\"").contains("\"rule\":\"ECOMMERCE_INCOME_FELL\"");
        // Checked in the same transaction as the monitored one (the unknown household did not fail the event).
        assertThat(status(steady)).isEqualTo("LIFTED");
        assertThat(status(registered)).isEqualTo("REGISTERED");
        // Handled before the dormant event: a shop that opens again is no reason to check.
        assertThat(status(reopened)).isEqualTo("LIFTED");

        statusChanged(shop, "OPEN", "DORMANT", List.of(reopened));
        awaitStatus(reopened, "MONITORED");
    }

    /** A household with shop income in the three months before the last three and none since. */
    private String incomeStopped(String fileNumber) {
        String household = register(fileNumber);
        // 8,000 yuan a month: any one month is above the line of its year, so the exit verifies whatever today is.
        for (int i = 4; i <= 6; i++) {
            income(household, NOW.minusMonths(i), 800_000);
        }
        return household;
    }

    private void statusChanged(String shop, String from, String to, List<String> households) {
        publish("shop.events", "621222", shop, "shop.status-changed.v1", "{\"county\":\"621222\",\"shop\":\"" + shop
                + "\",\"village\":\"621222102201\",\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"detectedBy\":\"CLERK\",\"households\":["
                + String.join(",", households.stream().map(id -> "\"" + id + "\"").toList()) + "],\"changedAt\":\"2026-11-23T02:15:30Z\"}");
    }

    private String register(String fileNumber) {
        Map<String, Object> request = registration("621222", fileNumber, residentId("621222"));
        request.put("village", "621222102201");
        return register("621222", request);
    }

    private void income(String household, YearMonth month, long fen) {
        post("/counties/621222/households/" + household + "/income", CLERK,
                Map.of("month", month.toString(), "source", "SHOP_SHARE", "amountFen", fen)).expectStatus().isCreated();
    }

    /** Lifts against the line of the year the income started in, as EarlyWarningIT does. */
    private void lift(String household) {
        post("/counties/621222/households/" + household + "/status", CLERK, Map.of("status", "LIFTED", "year", NOW.minusMonths(4).getYear()))
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("LIFTED");
    }

    private String status(String household) {
        return get("/counties/621222/households/" + household, CLERK).expectBody(String.class).returnResult().getResponseBody()
                .replaceAll("(?s).*\"status\":\"([A-Z]+)\".*", "$1");
    }

    private void awaitStatus(String household, String expected) {
        Eventually.await("household " + household + " becoming " + expected, Duration.ofSeconds(30), () -> status(household),
                expected::equals);
    }
}
