package org.povertyalleviation.supplyplatform.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.povertyalleviation.supplyplatform.SupplyPlatformIT;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Lots and their traceability against the running service: what may become a lot, splits and merges that keep the
 * quantities, idempotent trace events, the public page (only published lots, only public steps, no household), QR
 * codes that scan back to it, label sheets, and the scans that count and raise a copy suspicion.
 */
class TraceIT extends SupplyPlatformIT {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    private UUID organisation;
    private String base;

    /** A product of a new cooperative with one base; certified (GREEN_FOOD) from a year ago to a month ago when asked. */
    private String product(boolean requiresCertificate) {
        organisation = organisation("621222", CLERK, "COOPERATIVE", legalId("93621222"));
        base = idOf(post("/counties/621222/organisations/" + organisation + "/bases", CLERK, Map.of("village", "621222102201",
                "areaMu", 80, "crop", "花椒")).expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody());
        Map<String, Object> product = new HashMap<>(Map.of("organisation", organisation, "name", "文县大红袍花椒", "category", "SICHUAN_PEPPER",
                "unit", "KG", "bases", List.of(base)));
        if (requiresCertificate) {
            product.put("requiredCertification", "GREEN_FOOD");
        }
        String id = idOf(post("/counties/621222/products", CLERK, product).expectStatus().isCreated().expectBody(String.class).returnResult()
                .getResponseBody());
        if (requiresCertificate) {
            post("/counties/621222/products/" + id + "/certifications", CLERK, Map.of("kind", "GREEN_FOOD", "issuer", "中国绿色食品发展中心",
                    "number", "LB-" + id.substring(0, 8), "document", "docs/lb.pdf", "validFrom", TODAY.minusYears(1).toString(),
                    "validTo", TODAY.minusMonths(1).toString())).expectStatus().isCreated();
        }
        return id;
    }

    private WebTestClient.ResponseSpec lot(String product, LocalDate harvest, Object quantity, List<UUID> households) {
        return post("/counties/621222/lots", CLERK, Map.of("product", product, "base", base, "lotNumber", "WD-" + harvest, "quantity", quantity,
                "harvestDate", harvest.toString(), "grade", "特级", "households", households));
    }

    private JsonNode body(WebTestClient.ResponseSpec response) {
        return JSON.readTree(response.expectBody(String.class).returnResult().getResponseBody());
    }

    @Test
    void no_lot_of_a_suspended_product_or_one_not_certified_on_its_harvest_date() {
        String product = product(true);
        // The certificate ended a month ago: a harvest of last week is not covered, one of two months ago is.
        lot(product, TODAY.minusWeeks(1), 100, List.of()).expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.rule").isEqualTo("certification-not-valid-on-harvest-date").jsonPath("$.field").isEqualTo("harvestDate");
        lot(product, TODAY.minusMonths(2), 100, List.of()).expectStatus().isCreated();
        lot(product, TODAY.plusDays(1), 100, List.of()).expectStatus().isEqualTo(422).expectBody().jsonPath("$.field").isEqualTo("harvestDate");
        post("/counties/621222/lots", CLERK, Map.of("product", product, "base", UUID.randomUUID(), "lotNumber", "X", "quantity", 1,
                "harvestDate", TODAY.minusMonths(2).toString(), "grade", "一级")).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.rule").isEqualTo("unknown-base").jsonPath("$.field").isEqualTo("base");
        lot(product, TODAY.minusMonths(2), -5, List.of()).expectStatus().isBadRequest().expectBody(String.class)
                .value(problem -> assertThat(problem).contains("quantity"));
        lot(product, TODAY.minusMonths(2), 5, List.of(UUID.randomUUID())).expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.field").isEqualTo("households[0]");

        post("/counties/621222/products/" + product + "/inspections", CLERK, Map.of("sample", "花椒 1 千克", "sampledOn", TODAY.toString(),
                "result", "FAIL", "lab", "陇南市农产品质量安全检测中心", "report", "LN-" + product.substring(0, 6))).expectStatus().isCreated();
        lot(product, TODAY.minusMonths(2), 100, List.of()).expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.rule").isEqualTo("product-suspended").jsonPath("$.field").isEqualTo("product");
        get("/counties/621222/products/" + product + "/lots", AUDITOR).expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(1);
    }

    @Test
    void splits_and_merges_never_take_more_than_a_lot_holds() {
        String product = product(false);
        String parent = body(lot(product, TODAY.minusDays(3), 1000, List.of()).expectStatus().isCreated()).path("id").asString();
        String split = "/counties/621222/lots/" + parent + "/split";

        post(split, CLERK, Map.of("children", List.of(Map.of("lotNumber", "A", "quantity", 600), Map.of("lotNumber", "B", "quantity", 400.001))))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.rule").isEqualTo("quantity-exceeds-lot").jsonPath("$.field").isEqualTo("children");
        get("/counties/621222/lots/" + parent, CLERK).expectBody().jsonPath("$.children.length()").isEqualTo(0).jsonPath("$.remaining").isEqualTo(1000.0);

        JsonNode children = body(post(split, CLERK, Map.of("children", List.of(Map.of("lotNumber", "A", "quantity", 600),
                Map.of("lotNumber", "B", "quantity", 250.5, "grade", "一级")))).expectStatus().isCreated());
        assertThat(children).hasSize(2);
        assertThat(children.get(1).path("grade").asString()).isEqualTo("一级");
        get("/counties/621222/lots/" + parent, CLERK).expectBody().jsonPath("$.remaining").isEqualTo(149.5).jsonPath("$.children.length()").isEqualTo(2);
        post(split, CLERK, Map.of("children", List.of(Map.of("lotNumber", "C", "quantity", 150)))).expectStatus().isEqualTo(422);

        String other = body(lot(product, TODAY.minusDays(9), 300, List.of()).expectStatus().isCreated()).path("id").asString();
        String a = children.get(0).path("id").asString();
        post("/counties/621222/lots/merge", CLERK, Map.of("lotNumber", "MIX", "grade", "一级", "parts", List.of(Map.of("lot", a, "quantity", 601),
                Map.of("lot", other, "quantity", 100)))).expectStatus().isEqualTo(422).expectBody().jsonPath("$.field").isEqualTo("parts[0].quantity");
        JsonNode merged = body(post("/counties/621222/lots/merge", CLERK, Map.of("lotNumber", "MIX", "grade", "一级", "parts",
                List.of(Map.of("lot", a, "quantity", 600), Map.of("lot", other, "quantity", 100)))).expectStatus().isCreated());
        assertThat(merged.path("quantity").decimalValue()).isEqualByComparingTo("700");
        assertThat(merged.path("harvestDate").asString()).isEqualTo(TODAY.minusDays(9).toString());
        assertThat(merged.path("parents")).hasSize(2);
        get("/counties/621222/lots/" + a, CLERK).expectBody().jsonPath("$.remaining").isEqualTo(0.0);

        String otherProduct = product(false);
        String foreign = body(lot(otherProduct, TODAY.minusDays(2), 50, List.of()).expectStatus().isCreated()).path("id").asString();
        post("/counties/621222/lots/merge", CLERK, Map.of("lotNumber", "BAD", "grade", "一级", "parts", List.of(Map.of("lot", other, "quantity", 1),
                Map.of("lot", foreign, "quantity", 1)))).expectStatus().isEqualTo(422).expectBody().jsonPath("$.rule").isEqualTo("mixed-products");
        post("/counties/621222/lots/merge", CLERK, Map.of("lotNumber", "ONE", "grade", "一级", "parts", List.of(Map.of("lot", other, "quantity", 1))))
                .expectStatus().isBadRequest().expectBody(String.class).value(problem -> assertThat(problem).contains("parts"));
    }

    @Test
    void a_trace_event_is_recorded_once_under_its_id_and_another_event_under_the_same_id_is_refused() {
        String product = product(false);
        String lot = body(lot(product, TODAY.minusDays(3), 100, List.of()).expectStatus().isCreated()).path("id").asString();
        Map<String, Object> event = Map.of("eventId", "urn:uuid:" + UUID.randomUUID(), "businessStep", "SHIPPING",
                "eventTime", TODAY.minusDays(1) + "T08:30:00+08:00", "readPoint", "碧口镇快递站", "latitude", 32.7456, "longitude", 105.2301);
        String first = body(post("/counties/621222/lots/" + lot + "/events", "partner-wen", event).expectStatus().isCreated()).path("id").asString();
        post("/counties/621222/lots/" + lot + "/events", "partner-wen", event).expectStatus().isOk().expectBody().jsonPath("$.id").isEqualTo(first);
        Map<String, Object> changed = new HashMap<>(event);
        changed.put("readPoint", "别处");
        post("/counties/621222/lots/" + lot + "/events", CLERK, changed).expectStatus().isEqualTo(409).expectBody().jsonPath("$.field").isEqualTo("eventId");
        Map<String, Object> half = new HashMap<>(event);
        half.remove("longitude");
        half.put("eventId", "another");
        post("/counties/621222/lots/" + lot + "/events", CLERK, half).expectStatus().isBadRequest().expectBody(String.class)
                .value(problem -> assertThat(problem).contains("longitude"));
        get("/counties/621222/lots/" + lot + "/events", AUDITOR).expectBody().jsonPath("$.length()").isEqualTo(1);
    }

    @Test
    void the_public_page_shows_a_published_lots_public_steps_and_no_household() throws Exception {
        String product = product(false);
        UUID household = registeredHousehold("621222", "621222102201");
        JsonNode created = body(lot(product, TODAY.minusDays(5), 500, List.of(household)).expectStatus().isCreated());
        String lot = created.path("id").asString();
        String code = created.path("code").asString();
        String events = "/counties/621222/lots/" + lot + "/events";
        post(events, CLERK, Map.of("eventId", "h-" + lot, "businessStep", "HARVESTING", "eventTime", TODAY.minusDays(5) + "T07:00:00+08:00",
                "readPoint", "碧口镇李子坝村", "latitude", 32.75, "longitude", 105.23)).expectStatus().isCreated();
        post(events, CLERK, Map.of("eventId", "p-" + lot, "businessStep", "PROCESSING", "eventTime", TODAY.minusDays(4) + "T09:00:00+08:00",
                "readPoint", "秘密加工厂甲号", "note", "私人备注")).expectStatus().isCreated();
        post(events, CLERK, Map.of("eventId", "s-" + lot, "businessStep", "SHIPPING", "eventTime", TODAY.minusDays(3) + "T10:00:00+08:00",
                "readPoint", "文县物流园", "latitude", 32.94, "longitude", 104.68)).expectStatus().isCreated();

        // Not yet published: the same answer as a code that never existed.
        String unpublished = anonymous("/trace/" + code, MediaType.TEXT_HTML, 404);
        String unknown = anonymous("/trace/ZZZZZZZZZZ", MediaType.TEXT_HTML, 404);
        // The page links to its English twin by the code it was asked for; otherwise every byte is the same.
        assertThat(unpublished.replace(code, "ZZZZZZZZZZ")).isEqualTo(unknown).contains("未找到该产品");
        assertThat(anonymous("/trace/not-a-code", MediaType.APPLICATION_JSON, 404)).contains("No product is known by this code");

        put("/counties/621222/lots/" + lot + "/publication", CLERK, Map.of("published", true, "publicSteps", List.of("HARVESTING", "SHIPPING")))
                .expectStatus().isOk();
        String page = anonymous("/trace/" + code, MediaType.TEXT_HTML, 200);
        assertThat(page).contains("文县大红袍花椒", "碧口镇李子坝村", "文县物流园", "<polyline", "1 户脱贫户供货", "特级")
                .doesNotContain("秘密加工厂甲号", "私人备注", household.toString(), "F-" + household.toString().substring(0, 8), "<script");
        assertThat(page.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThan(30 * 1024);
        assertThat(anonymous("/trace/" + code.toLowerCase() + "?lang=en", MediaType.TEXT_HTML, 200)).contains("Harvested", "Shipped");
        JsonNode json = JSON.readTree(anonymous("/trace/" + code, MediaType.APPLICATION_JSON, 200));
        assertThat(json.path("steps")).hasSize(2);
        // The county's code, by which another service checks that a lot is of a county; its name is for people.
        assertThat(json.path("county").asString()).isEqualTo("621222");
        assertThat(json.path("countyName").asString()).isNotBlank().isNotEqualTo("621222");
        assertThat(json.toString()).doesNotContain("秘密加工厂甲号", household.toString(), "PROCESSING");
        web.get().uri("/trace/" + code).accept(MediaType.TEXT_HTML).exchange().expectHeader().valueEquals("Cache-Control", "public, max-age=300");

        // The page is kept in memory a while; an event recorded on the lot shows at once all the same.
        post(events, CLERK, Map.of("eventId", "s2-" + lot, "businessStep", "SHIPPING", "eventTime", TODAY.minusDays(2) + "T10:00:00+08:00",
                "readPoint", "兰州分拨中心")).expectStatus().isCreated();
        assertThat(anonymous("/trace/" + code, MediaType.TEXT_HTML, 200)).contains("兰州分拨中心");

        // Its QR code scans back to the page's address.
        byte[] png = get("/counties/621222/lots/" + lot + "/qr.png", AUDITOR).expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
        String scanned = decode(png);
        assertThat(scanned).isEqualTo(created.path("codeUri").asString()).endsWith("/trace/" + code);
        get("/counties/621222/lots/" + lot + "/qr.svg", AUDITOR).expectStatus().isOk().expectBody(String.class)
                .value(svg -> assertThat(svg).startsWith("<svg").contains("<path"));

        // A withdrawn lot has no page again.
        put("/counties/621222/lots/" + lot + "/publication", CLERK, Map.of("published", false, "publicSteps", List.of())).expectStatus().isOk();
        assertThat(anonymous("/trace/" + code, MediaType.TEXT_HTML, 404).replace(code, "ZZZZZZZZZZ")).isEqualTo(unknown);
    }

    @Test
    void each_pack_has_its_serial_its_scans_count_and_a_serial_scanned_from_two_places_is_suspected() throws Exception {
        String product = product(false);
        put("/counties/621222/products/" + product + "/gtin", CLERK, Map.of("gtin", "06901234567891")).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.field").isEqualTo("gtin");
        put("/counties/621222/products/" + product + "/gtin", CLERK, Map.of("gtin", "6901234567892")).expectStatus().isOk()
                .expectBody().jsonPath("$.gtin").isEqualTo("06901234567892");
        JsonNode created = body(lot(product, TODAY.minusDays(2), 60, List.of()).expectStatus().isCreated());
        String lot = created.path("id").asString();
        String code = created.path("code").asString();
        assertThat(created.path("codeUri").asString()).endsWith("/trace/01/06901234567892/10/" + code);
        put("/counties/621222/lots/" + lot + "/publication", CLERK, Map.of("published", true, "publicSteps", List.of())).expectStatus().isOk();

        post("/counties/621222/lots/" + lot + "/print-runs", CLERK, Map.of("labels", 5001)).expectStatus().isBadRequest();
        String run = body(post("/counties/621222/lots/" + lot + "/print-runs", CLERK, Map.of("labels", 30)).expectStatus().isCreated()).path("id").asString();
        byte[] pdf = get("/counties/621222/lots/" + lot + "/print-runs/" + run + "/labels.pdf", CLERK).expectStatus().isOk()
                .expectBody(byte[].class).returnResult().getResponseBody();
        get("/counties/621222/lots/" + lot + "/print-runs/" + run + "/labels.pdf", AUDITOR).expectStatus().isForbidden();
        List<String> serials;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(2);
            String text = new PDFTextStripper().getText(document);
            serials = java.util.regex.Pattern.compile("\\b[0-9A-HJKMNP-TV-Z]{12}\\b").matcher(text).results().map(m -> m.group()).distinct().toList();
        }
        assertThat(serials).hasSize(30);
        String serial = serials.get(0);

        String path = "/trace/01/06901234567892/10/" + code + "/21/" + serial;
        assertThat(scan(path, "223.104.1.7")).contains("您是第一位查询此码的人");
        assertThat(scan(path, "223.104.200.9")).contains("已被查询 2 次");
        get("/counties/621222/copy-suspicions", AUDITOR).expectBody().jsonPath("$.length()").isEqualTo(0);
        // Another city's network: the second place.
        String third = scan(path, "36.110.5.5");
        assertThat(third).contains("已被查询 3 次", "可能是仿冒");
        get("/counties/621222/copy-suspicions", AUDITOR).expectBody().jsonPath("$[?(@.serial == '" + serial + "')].reason").isEqualTo("MANY_PLACES");
        // Another pack of the lot is not suspected; a serial under another GTIN or lot is unknown.
        assertThat(scan("/trace/01/06901234567892/10/" + code + "/21/" + serials.get(1), "36.110.5.5")).doesNotContain("可能是仿冒");
        assertThat(anonymous("/trace/01/06901234567885/10/" + code + "/21/" + serial, MediaType.TEXT_HTML, 404)).contains("未找到该产品");
        assertThat(anonymous("/trace/" + code + "/ZZZZZZZZZZZZ", MediaType.TEXT_HTML, 404)).contains("未找到该产品");
        web.get().uri(path).accept(MediaType.TEXT_HTML).header("X-Client-Address", "36.110.5.5").exchange().expectHeader()
                .valueEquals("Cache-Control", "no-store");
        // A pack's JSON is the lot's (from the replica's cache) with its scans.
        web.get().uri(path).accept(MediaType.APPLICATION_JSON).header("X-Client-Address", "36.110.5.5").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.county").isEqualTo("621222").jsonPath("$.scan.serial").isEqualTo(serial).jsonPath("$.scan.suspected").isEqualTo(true);
    }

    private String scan(String path, String address) {
        return web.get().uri(path).accept(MediaType.TEXT_HTML).header("X-Client-Address", address).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private String anonymous(String path, MediaType accept, int status) {
        return web.get().uri(path).accept(accept).exchange().expectStatus().isEqualTo(status).expectBody(String.class).returnResult().getResponseBody();
    }

    private static String decode(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        return new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)))).getText();
    }
}
