package org.povertyalleviation.supplyplatform.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.contracts.EventCatalogue;
import org.povertyalleviation.platform.contracts.TopicReader;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.supplyplatform.SupplyPlatformIT;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A product that requires a certificate is listed only while one is valid: delisted on the day after its last day
 * (the sweep, run here for chosen days: the controllable clock), relisted by a new one; reminders 30 and 7 days ahead,
 * once each; a failed inspection suspends until a passing one; a product not listed takes no new order.
 */
class ListingIT extends SupplyPlatformIT {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @Autowired
    private ProductListings listings;

    private UUID cooperative;

    private String product(String requiredCertification) {
        cooperative = organisation("621222", CLERK, "COOPERATIVE", legalId("93621222"));
        String base = idOf(post("/counties/621222/organisations/" + cooperative + "/bases", CLERK, Map.of("village", "621222102201",
                "areaMu", 120.5, "crop", "纹党参")).expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody());
        Map<String, Object> product = new HashMap<>(Map.of("organisation", cooperative, "name", "纹党参 特级", "category", "MEDICINAL_HERB",
                "unit", "KG", "bases", List.of(base)));
        if (requiredCertification != null) {
            product.put("requiredCertification", requiredCertification);
        }
        return idOf(post("/counties/621222/products", CLERK, product).expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody());
    }

    private void certificate(String product, String number, LocalDate from, LocalDate to) {
        post("/counties/621222/products/" + product + "/certifications", CLERK, Map.of("kind", "GREEN_FOOD", "issuer", "中国绿色食品发展中心",
                "number", number, "document", "docs/" + number + ".pdf", "validFrom", from.toString(), "validTo", to.toString()))
                .expectStatus().isCreated();
    }

    private List<JsonNode> listingEvents(String product, int expected) {
        return TopicReader.read("supply.events", expected, r -> r.value().contains("product.listing-changed.v1") && r.value().contains(product))
                .stream().map(r -> {
                    assertThat(EventCatalogue.schemaErrors("product.listing-changed.v1", r.value())).isEmpty();
                    return JSON.readTree(r.value()).path("data");
                }).toList();
    }

    @Test
    void an_expired_certificate_delists_the_product_on_the_day_and_a_new_one_relists_it() {
        String product = product("GREEN_FOOD");
        get("/counties/621222/products/" + product, "partner-wen").expectStatus().isOk().expectBody()
                .jsonPath("$.listed").isEqualTo(false).jsonPath("$.reasons[0]").isEqualTo("CERTIFICATION_MISSING");
        // Not listed: no new order.
        UUID household = registeredHousehold("621222", "621222102201");
        post("/counties/621222/purchase-orders", CLERK, Map.of("organisation", cooperative, "product", product, "season", TODAY.getYear(),
                "priceFen", 5_000, "households", List.of(household))).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.rule").isEqualTo("product-not-listed").jsonPath("$.field").isEqualTo("product")
                .jsonPath("$.reasons[0]").isEqualTo("CERTIFICATION_MISSING");

        LocalDate lastDay = TODAY.plusDays(20);
        certificate(product, "LB-" + product.substring(0, 8), TODAY.minusYears(2), lastDay);
        get("/counties/621222/products/" + product, ADMIN).expectBody().jsonPath("$.listed").isEqualTo(true).jsonPath("$.reasons").isEmpty();
        post("/counties/621222/purchase-orders", CLERK, Map.of("organisation", cooperative, "product", product, "season", TODAY.getYear(),
                "priceFen", 5_000, "households", List.of(household))).expectStatus().isCreated();

        // Its last day is still a listed day; the day after, the sweep delists it, once.
        assertThat(listings.sweep(CountyCode.of("621222"), lastDay).block().delisted()).isZero();
        ProductListings.Sweep after = listings.sweep(CountyCode.of("621222"), lastDay.plusDays(1)).block();
        assertThat(after.delisted()).isEqualTo(1);
        assertThat(listings.sweep(CountyCode.of("621222"), lastDay.plusDays(1)).block().delisted()).isZero();
        get("/counties/621222/products/" + product, ADMIN).expectBody().jsonPath("$.listed").isEqualTo(false)
                .jsonPath("$.listingChangedOn").isEqualTo(lastDay.plusDays(1).toString());

        certificate(product, "LB-" + product.substring(0, 8) + "-2", TODAY.minusDays(1), TODAY.plusYears(3));
        // The sweep of today lists it by the new certificate (recording it relisted it already for today).
        listings.sweep(CountyCode.of("621222"), TODAY).block();
        get("/counties/621222/products/" + product, ADMIN).expectBody().jsonPath("$.listed").isEqualTo(true);

        List<JsonNode> events = listingEvents(product, 4);
        assertThat(events).extracting(data -> data.path("listed").asBoolean()).containsExactly(false, true, false, true);
        assertThat(events.get(0).path("reasons").get(0).asString()).isEqualTo("CERTIFICATION_MISSING");
        assertThat(events.get(2).path("reasons").get(0).asString()).isEqualTo("CERTIFICATION_EXPIRED");
        assertThat(events.get(2).path("on").asString()).isEqualTo(lastDay.plusDays(1).toString());
    }

    @Test
    void reminders_go_out_thirty_and_seven_days_ahead_once_each() {
        String product = product("GREEN_FOOD");
        LocalDate lastDay = TODAY.plusDays(40);
        certificate(product, "LB-R-" + product.substring(0, 8), TODAY.minusYears(1), lastDay);
        CountyCode wen = CountyCode.of("621222");
        listings.sweep(wen, lastDay.minusDays(31)).block();
        listings.sweep(wen, lastDay.minusDays(30)).block();
        listings.sweep(wen, lastDay.minusDays(29)).block();
        listings.sweep(wen, lastDay.minusDays(7)).block();
        listings.sweep(wen, lastDay.minusDays(6)).block();
        List<TopicReader.Received> reminders = TopicReader.read("supply.events", 2,
                r -> r.value().contains("certification.expiring.v1") && r.value().contains(product));
        assertThat(reminders).hasSize(2).allSatisfy(r -> assertThat(EventCatalogue.schemaErrors("certification.expiring.v1", r.value())).isEmpty());
        assertThat(reminders).extracting(r -> JSON.readTree(r.value()).path("data").path("daysAhead").asInt()).containsExactly(30, 7);
        assertThat(get("/counties/621222/certifications/expiring?days=60", AUDITOR).expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody()).contains("LB-R-" + product.substring(0, 8));
    }

    @Test
    void a_failed_inspection_suspends_the_product_until_a_passing_one_and_an_older_sample_does_not_overrule() {
        String product = product(null);
        String inspections = "/counties/621222/products/" + product + "/inspections";
        post(inspections, CLERK, Map.of("sample", "干制党参 2 千克", "sampledOn", TODAY.minusDays(10).toString(), "result", "FAIL",
                "lab", "陇南市农产品质量安全检测中心", "report", "LNJC-1")).expectStatus().isCreated();
        get("/counties/621222/products/" + product, ADMIN).expectBody().jsonPath("$.listed").isEqualTo(false)
                .jsonPath("$.reasons[0]").isEqualTo("INSPECTION_FAILED");
        // A pass of an older sample, recorded late, does not lift the suspension.
        post(inspections, CLERK, Map.of("sample", "干制党参 2 千克", "sampledOn", TODAY.minusDays(20).toString(), "result", "PASS",
                "lab", "陇南市农产品质量安全检测中心", "report", "LNJC-0")).expectStatus().isCreated();
        get("/counties/621222/products/" + product, ADMIN).expectBody().jsonPath("$.listed").isEqualTo(false);
        post(inspections, CLERK, Map.of("sample", "干制党参 2 千克", "sampledOn", TODAY.minusDays(1).toString(), "result", "PASS",
                "lab", "陇南市农产品质量安全检测中心", "report", "LNJC-2")).expectStatus().isCreated();
        get("/counties/621222/products/" + product, ADMIN).expectBody().jsonPath("$.listed").isEqualTo(true);
        assertThat(listingEvents(product, 3)).extracting(data -> data.path("listed").asBoolean()).containsExactly(true, false, true);
        get(inspections, "partner-wen").expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(3)
                .jsonPath("$[0].report").isEqualTo("LNJC-2");
    }

    @Test
    void bad_certificates_inspections_and_bases_are_problems_naming_the_field() {
        String product = product(null);
        String certifications = "/counties/621222/products/" + product + "/certifications";
        post(certifications, CLERK, Map.of("kind", "GREEN_FOOD", "issuer", "x", "number", "N-1", "document", "d",
                "validFrom", "2026-05-01", "validTo", "2026-04-30")).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.rule").isEqualTo("valid-to-before-valid-from").jsonPath("$.field").isEqualTo("validTo");
        post(certifications, CLERK, Map.of("kind", "HALAL", "issuer", "x", "number", "N-1", "document", "d",
                "validFrom", "2026-05-01", "validTo", "2026-06-30")).expectStatus().isBadRequest();
        String number = "N-" + product.substring(0, 8);
        post(certifications, CLERK, Map.of("kind", "ORGANIC", "issuer", "x", "number", number, "document", "d",
                "validFrom", "2026-05-01", "validTo", "2026-06-30")).expectStatus().isCreated();
        post(certifications, CLERK, Map.of("kind", "ORGANIC", "issuer", "x", "number", number, "document", "d",
                "validFrom", "2026-05-01", "validTo", "2026-06-30")).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.reason").isEqualTo("certificate-recorded");
        post("/counties/621222/products/" + product + "/inspections", CLERK, Map.of("base", UUID.randomUUID(), "sample", "s",
                "sampledOn", TODAY.toString(), "result", "PASS", "lab", "l", "report", "r")).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.rule").isEqualTo("base-not-of-product").jsonPath("$.field").isEqualTo("base");
        post("/counties/621222/products/" + product + "/inspections", CLERK, Map.of("sample", "s", "sampledOn", TODAY.plusDays(2).toString(),
                "result", "PASS", "lab", "l", "report", "r")).expectStatus().isEqualTo(422).expectBody().jsonPath("$.rule").isEqualTo("sampled-in-future");
        post("/counties/621222/organisations/" + cooperative + "/bases", CLERK, Map.of("village", "621222909909", "areaMu", 1, "crop", "x"))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.field").isEqualTo("village");
        post("/counties/621222/organisations/" + cooperative + "/bases", CLERK, Map.of("village", "621222101201", "areaMu", 1.234, "crop", "x"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$['invalid-params'][0].name").isEqualTo("areaMu");
        post("/counties/621222/products", CLERK, Map.of("organisation", cooperative, "name", "x", "category", "TEA", "unit", "KG",
                "bases", List.of(UUID.randomUUID()))).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.rule").isEqualTo("unknown-base").jsonPath("$.field").isEqualTo("bases[0]");
        post("/counties/621222/products/listing-check", CLERK, Map.of()).expectStatus().isForbidden();
        post("/counties/621222/products/listing-check", ADMIN, Map.of()).expectStatus().isOk().expectBody().jsonPath("$.county").isEqualTo("621222");
    }
}
