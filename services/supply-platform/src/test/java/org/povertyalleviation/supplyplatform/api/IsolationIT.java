package org.povertyalleviation.supplyplatform.api;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.isolation.CountyIsolation;
import org.povertyalleviation.supplyplatform.SupplyPlatformIT;

/**
 * The isolation kit over every endpoint that names a record (lots and their labels too): Wen's admin, aimed at Kang with Kang's record and at Wen
 * with Kang's record id, is refused everywhere (403 or 404), lists none of Kang's records, and changes nothing of them.
 */
class IsolationIT extends SupplyPlatformIT {

    private static final String KANG_ADMIN = "admin-621224";
    private static final LocalDate YESTERDAY = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1);

    private CountyIsolation kit(String foreignId) {
        return CountyIsolation.of("http://127.0.0.1:" + port).actingAs("621222", tokenFor(ADMIN))
                .foreignRecord("621224", foreignId, tokenFor(KANG_ADMIN));
    }

    @Test
    void wen_never_reaches_kangs_organisations_products_lots_orders_or_workshops() {
        UUID kangHousehold = registeredHousehold("621224", "621224101201");
        UUID organisation = organisation("621224", KANG_ADMIN, "COOPERATIVE", legalId("93621224"));
        String base = idOf(post("/counties/621224/organisations/" + organisation + "/bases", KANG_ADMIN, Map.of("village", "621224101201",
                "areaMu", 20, "crop", "黑木耳")).expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody());
        String product = idOf(post("/counties/621224/products", KANG_ADMIN, Map.of("organisation", organisation, "name", "康县黑木耳",
                "category", "EDIBLE_FUNGUS", "unit", "KG", "bases", List.of(base))).expectStatus().isCreated().expectBody(String.class)
                .returnResult().getResponseBody());
        String lot = idOf(post("/counties/621224/lots", KANG_ADMIN, Map.of("product", product, "base", base, "lotNumber", "KX-1", "quantity", 100,
                "harvestDate", YESTERDAY.toString(), "grade", "一级", "households", List.of(kangHousehold))).expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody());
        String run = idOf(post("/counties/621224/lots/" + lot + "/print-runs", KANG_ADMIN, Map.of("labels", 2)).expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody());
        put("/counties/621224/products/" + product + "/reference-prices/" + YESTERDAY.toString().substring(0, 7), KANG_ADMIN,
                Map.of("priceFen", 6_000)).expectStatus().isOk();
        String order = idOf(post("/counties/621224/purchase-orders", KANG_ADMIN, Map.of("organisation", organisation, "product", product,
                "season", YESTERDAY.getYear(), "priceFen", 6_500, "households", List.of(kangHousehold))).expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody());
        String workshop = idOf(post("/counties/621224/workshops", KANG_ADMIN, Map.of("organisation", organisation, "name", "康县木耳车间",
                "village", "621224101201")).expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody());

        kit(organisation.toString())
                .endpoint("GET", "/counties/{county}/organisations/{id}")
                .endpoint("PUT", "/counties/{county}/organisations/{id}/members/" + kangHousehold, "{\"joinedOn\":\"2026-01-01\"}")
                .endpoint("DELETE", "/counties/{county}/organisations/{id}/members/" + kangHousehold)
                .endpoint("GET", "/counties/{county}/organisations/{id}/members")
                .endpoint("POST", "/counties/{county}/organisations/{id}/bases", "{\"village\":\"621222101201\",\"areaMu\":10,\"crop\":\"x\"}")
                .endpoint("GET", "/counties/{county}/organisations/{id}/bases")
                .endpoint("POST", "/counties/{county}/organisations/{id}/shareholdings", "{\"household\":\"" + kangHousehold
                        + "\",\"kind\":\"MONEY\",\"amountFen\":100,\"investedOn\":\"2026-01-01\"}")
                .endpoint("GET", "/counties/{county}/organisations/{id}/shareholdings")
                .endpoint("POST", "/counties/{county}/organisations/{id}/dividends", "{\"year\":2026,\"paidOn\":\"" + YESTERDAY + "\",\"amountFen\":100}")
                .endpoint("GET", "/counties/{county}/organisations/{id}/dividends")
                .listing("/counties/{county}/organisations?limit=500")
                .assertIsolated();

        kit(product)
                .endpoint("GET", "/counties/{county}/products/{id}")
                .endpoint("PUT", "/counties/{county}/products/{id}/reference-prices/2026-01", "{\"priceFen\":1}")
                .endpoint("GET", "/counties/{county}/products/{id}/reference-prices")
                .endpoint("POST", "/counties/{county}/products/{id}/certifications", "{\"kind\":\"ORGANIC\",\"issuer\":\"x\",\"number\":\"ISO-"
                        + product.substring(0, 8) + "\",\"document\":\"d\",\"validFrom\":\"2026-01-01\",\"validTo\":\"2027-01-01\"}")
                .endpoint("GET", "/counties/{county}/products/{id}/certifications")
                .endpoint("POST", "/counties/{county}/products/{id}/inspections", "{\"sample\":\"s\",\"sampledOn\":\"" + YESTERDAY
                        + "\",\"result\":\"FAIL\",\"lab\":\"l\",\"report\":\"r\"}")
                .endpoint("GET", "/counties/{county}/products/{id}/inspections")
                .endpoint("GET", "/counties/{county}/products/{id}/lots")
                .endpoint("PUT", "/counties/{county}/products/{id}/gtin", "{\"gtin\":\"06901234567892\"}")
                .listing("/counties/{county}/products?limit=2000")
                .assertIsolated();

        kit(lot)
                .endpoint("GET", "/counties/{county}/lots/{id}")
                .endpoint("PUT", "/counties/{county}/lots/{id}/publication", "{\"published\":true,\"publicSteps\":[\"HARVESTING\"]}")
                .endpoint("POST", "/counties/{county}/lots/{id}/split", "{\"children\":[{\"lotNumber\":\"x\",\"quantity\":1}]}")
                .endpoint("POST", "/counties/{county}/lots/{id}/events", "{\"eventId\":\"iso-1\",\"businessStep\":\"SHIPPING\",\"eventTime\":\""
                        + YESTERDAY + "T08:00:00Z\",\"readPoint\":\"x\"}")
                .endpoint("GET", "/counties/{county}/lots/{id}/events")
                .endpoint("POST", "/counties/{county}/lots/{id}/print-runs", "{\"labels\":1}")
                .endpoint("GET", "/counties/{county}/lots/{id}/print-runs")
                .endpoint("GET", "/counties/{county}/lots/{id}/print-runs/" + run + "/labels.pdf")
                .endpoint("GET", "/counties/{county}/lots/{id}/qr.svg")
                .endpoint("GET", "/counties/{county}/lots/{id}/qr.png")
                .assertIsolated();

        kit(order)
                .endpoint("GET", "/counties/{county}/purchase-orders/{id}")
                .endpoint("POST", "/counties/{county}/purchase-orders/{id}/deliveries", "{\"household\":\"" + kangHousehold
                        + "\",\"deliveredOn\":\"" + YESTERDAY + "\",\"quantity\":5,\"grade\":\"一级\"}")
                .endpoint("GET", "/counties/{county}/purchase-orders/{id}/deliveries")
                .listing("/counties/{county}/purchase-orders?limit=1000")
                .assertIsolated();

        kit(workshop)
                .endpoint("GET", "/counties/{county}/workshops/{id}")
                .endpoint("POST", "/counties/{county}/workshops/{id}/wages", "{\"household\":\"" + kangHousehold + "\",\"worker\":\"W-1\","
                        + "\"workedOn\":\"" + YESTERDAY + "\",\"basis\":\"DAY\",\"task\":\"分拣\",\"amountFen\":12000}")
                .endpoint("GET", "/counties/{county}/workshops/{id}/wages?from=" + YESTERDAY.minusDays(30) + "&to=" + YESTERDAY)
                .endpoint("POST", "/counties/{county}/workshops/{id}/paydays", "{\"paidOn\":\"" + YESTERDAY + "\"}")
                .endpoint("GET", "/counties/{county}/workshops/{id}/paydays")
                .listing("/counties/{county}/workshops?limit=1000")
                .assertIsolated();
    }
}
