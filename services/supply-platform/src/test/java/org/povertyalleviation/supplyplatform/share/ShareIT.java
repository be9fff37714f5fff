package org.povertyalleviation.supplyplatform.share;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.supplyplatform.SupplyPlatformIT;
import tools.jackson.databind.JsonNode;

/** Shareholdings and dividends, which publish one DIVIDEND income per household and add up to what was declared. */
class ShareIT extends SupplyPlatformIT {

    @Test
    void a_rate_dividend_pays_each_stake_and_a_second_declaration_for_the_year_pays_nothing() {
        UUID cooperative = organisation("621222", CLERK, "COOPERATIVE", legalId("93621222"));
        List<UUID> households = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            UUID household = registeredHousehold("621222", "621222101201");
            households.add(household);
            post("/counties/621222/organisations/" + cooperative + "/shareholdings", CLERK, Map.of("household", household, "kind", "FUND",
                    "amountFen", 5_000_000, "investedOn", "2025-04-01", "terms", "年分红 10%")).expectStatus().isCreated();
        }
        // Invested after the day it is paid: not a shareholder yet.
        UUID late = registeredHousehold("621222", "621222101202");
        post("/counties/621222/organisations/" + cooperative + "/shareholdings", CLERK, Map.of("household", late, "kind", "MONEY",
                "amountFen", 1_000_000, "investedOn", "2026-12-02")).expectStatus().isCreated();

        post("/counties/621222/organisations/" + cooperative + "/dividends", CLERK, Map.of("year", 2026, "paidOn", "2026-12-01",
                "rateBasisPoints", 1_000)).expectStatus().isForbidden();
        String declared = post("/counties/621222/organisations/" + cooperative + "/dividends", ADMIN, Map.of("year", 2026, "paidOn", "2026-12-01",
                "rateBasisPoints", 1_000)).expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody();
        JsonNode dividend = JSON.readTree(declared);
        assertThat(dividend.path("totalFen").asLong()).isEqualTo(2_000_000);
        assertThat(dividend.path("households").asLong()).isEqualTo(4);
        assertThat(dividend.path("parts")).allSatisfy(part -> assertThat(part.path("amountFen").asLong()).isEqualTo(500_000));

        for (UUID household : households) {
            assertThat(incomeOf(household, 1)).singleElement().satisfies(data -> {
                assertThat(data.path("source").asString()).isEqualTo("DIVIDEND");
                assertThat(data.path("amountFen").asLong()).isEqualTo(500_000);
                assertThat(data.path("origin").asString()).isEqualTo("dividend:" + dividend.path("id").asString() + ":" + household);
                assertThat(data.path("month").asString()).isEqualTo("2026-12");
            });
        }
        assertThat(org.povertyalleviation.platform.contracts.TopicReader.readPresent("supply.events", r -> r.value().contains(late.toString()))).isEmpty();

        post("/counties/621222/organisations/" + cooperative + "/dividends", ADMIN, Map.of("year", 2026, "paidOn", "2026-12-01",
                "amountFen", 1_000)).expectStatus().isEqualTo(409).expectBody().jsonPath("$.reason").isEqualTo("dividend-declared");
        get("/counties/621222/organisations/" + cooperative + "/dividends", AUDITOR).expectStatus().isOk().expectBody()
                .jsonPath("$.length()").isEqualTo(1).jsonPath("$[0].totalFen").isEqualTo(2_000_000);
        get("/counties/621222/organisations/" + cooperative + "/dividends/" + dividend.path("id").asString(), CITY_OFFICER).expectStatus().isOk()
                .expectBody().jsonPath("$.parts.length()").isEqualTo(4);
    }

    @Test
    void an_amount_is_shared_pro_rata_to_the_fen() {
        UUID company = organisation("621222", CLERK, "ENTERPRISE", legalId("91621222"));
        UUID[] households = {registeredHousehold("621222", "621222102201"), registeredHousehold("621222", "621222102201"),
                registeredHousehold("621222", "621222102202")};
        for (UUID household : households) {
            post("/counties/621222/organisations/" + company + "/shareholdings", CLERK, Map.of("household", household, "kind", "LAND",
                    "amountFen", 300_000, "investedOn", "2025-01-01")).expectStatus().isCreated();
        }
        JsonNode dividend = JSON.readTree(post("/counties/621222/organisations/" + company + "/dividends", ADMIN, Map.of("year", 2025,
                "paidOn", "2026-01-15", "amountFen", 100_000)).expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody());
        assertThat(dividend.path("totalFen").asLong()).isEqualTo(100_000);
        long sum = 0;
        for (JsonNode part : dividend.path("parts")) {
            assertThat(part.path("amountFen").asLong()).isBetween(33_333L, 33_334L);
            sum += part.path("amountFen").asLong();
        }
        assertThat(sum).isEqualTo(100_000);
    }

    @Test
    void bad_declarations_and_stakes_are_problems_naming_the_field() {
        UUID company = organisation("621222", CLERK, "ENTERPRISE", legalId("91621222"));
        String dividends = "/counties/621222/organisations/" + company + "/dividends";
        post(dividends, ADMIN, Map.of("year", 2026, "paidOn", "2026-12-01", "rateBasisPoints", 500)).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.rule").isEqualTo("no-shareholders");
        post(dividends, ADMIN, Map.of("year", 2026, "paidOn", "2026-12-01")).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.rule").isEqualTo("rate-or-amount");
        post(dividends, ADMIN, Map.of("year", 2026, "paidOn", "2026-12-01", "rateBasisPoints", 500, "amountFen", 1)).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.rule").isEqualTo("rate-or-amount");
        post(dividends, ADMIN, Map.of("year", 2026, "paidOn", "2026-12-01", "rateBasisPoints", 10_001)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$['invalid-params'][0].name").isEqualTo("rateBasisPoints");
        String stakes = "/counties/621222/organisations/" + company + "/shareholdings";
        post(stakes, CLERK, Map.of("household", UUID.randomUUID(), "kind", "MONEY", "amountFen", 100, "investedOn", "2025-01-01"))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.field").isEqualTo("household");
        post(stakes, CLERK, Map.of("household", UUID.randomUUID(), "kind", "MONEY", "amountFen", -100, "investedOn", "2025-01-01"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$['invalid-params'][0].name").isEqualTo("amountFen");
        get(stakes, ADMIN).expectStatus().isOk().expectBody().json("[]");
        get(stakes, "partner-wen").expectStatus().isForbidden();
    }
}
