package org.povertyalleviation.portal.supply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.povertyalleviation.portal.supply.TraceMother.HARVEST_LOT;
import static org.povertyalleviation.portal.supply.TraceMother.HOUSEHOLD_A;
import static org.povertyalleviation.portal.supply.TraceMother.HOUSEHOLD_B;
import static org.povertyalleviation.portal.supply.TraceMother.ORGANISATION;
import static org.povertyalleviation.portal.supply.TraceMother.PACKED_LOT;
import static org.povertyalleviation.portal.supply.TraceMother.PRINT_RUN;
import static org.povertyalleviation.portal.supply.TraceMother.PRODUCT;
import static org.povertyalleviation.portal.supply.TraceMother.SUPPLY;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.povertyalleviation.portal.pages.PagesTest;
import org.povertyalleviation.portal.pages.StubGateway;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The traceability pages against a stubbed gateway that answers as the supply platform does ({@link PagesTest}).
 */
class TracePagesTest extends PagesTest {

    @BeforeEach
    void supplyPlatformAnswers() {
        GATEWAY.json(SUPPLY + "/products/" + PRODUCT, TraceMother.product())
                .json(SUPPLY + "/products/" + PRODUCT + "/reference-prices", "[]")
                .json(SUPPLY + "/products/" + PRODUCT + "/certifications", "[]")
                .json(SUPPLY + "/products/" + PRODUCT + "/inspections", "[]")
                .json(SUPPLY + "/products/" + PRODUCT + "/lots", TraceMother.lotsOfProduct())
                .json(SUPPLY + "/organisations/" + ORGANISATION, TraceMother.organisation())
                .json(SUPPLY + "/lots/" + PACKED_LOT, TraceMother.packedLot())
                .json(SUPPLY + "/lots/" + HARVEST_LOT, TraceMother.harvestLot())
                .json(SUPPLY + "/lots/" + PACKED_LOT + "/events", TraceMother.events())
                .json(SUPPLY + "/lots/" + PACKED_LOT + "/print-runs", TraceMother.printRuns())
                .json(SUPPLY + "/copy-suspicions", TraceMother.suspicions());
    }

    @Test
    void the_product_page_lists_its_lots_newest_first_each_linking_to_its_page() {
        String page = page(signedIn("county-admin"), "/counties/" + COUNTY + "/products/" + PRODUCT);

        String lots = element(page, "lots");
        assertThat(lots).containsSubsequence("WD-2026-09-03-A", "500", "一级", "已公开", "WD-2026-09-03", "1,250.5", "特级", "未公开");
        assertThat(lots).contains("href=\"/counties/621222/lots/" + PACKED_LOT + "\"", "href=\"/counties/621222/lots/" + HARVEST_LOT + "\"");
        assertThat(lots).contains("2026年9月3日");
    }

    @Test
    void the_lot_page_marks_public_steps_apart_from_private_ones_and_counts_households_without_naming_them() {
        String page = page(signedIn("county-admin"), "/counties/" + COUNTY + "/lots/" + PACKED_LOT);

        assertThat(element(page, "lot-facts")).contains("K7Q2M9", "href=\"https://trace.example.org/t/K7Q2M9\"", "共500公斤，剩余320公斤",
                "已公开", "采收", "包装");
        List<String> publicRows = rows(element(page, "trace-events"), "step-public");
        List<String> privateRows = rows(element(page, "trace-events"), "step-private");
        assertThat(publicRows).hasSize(2);
        assertThat(publicRows.get(0)).contains("采收", "公开", "碧口镇核桃基地", "WD-2026-09-03").doesNotContain("不公开");
        assertThat(publicRows.get(1)).contains("包装", "公开");
        assertThat(privateRows).singleElement().asString().contains("发运", "不公开", "冷链车 甘K·12345");
        // The harvest happened to the lot it was split from: linked.
        assertThat(element(page, "lot-parents")).contains("href=\"/counties/621222/lots/" + HARVEST_LOT + "\"", "WD-2026-09-03");
        assertThat(element(page, "lot-households")).contains("2户");
        assertThat(page).doesNotContain(HOUSEHOLD_A).doesNotContain(HOUSEHOLD_B);
        // The QR code comes through the portal, never straight from the gateway.
        assertThat(page).contains("src=\"/counties/621222/lots/" + PACKED_LOT + "/qr.svg\"").doesNotContain("/api/supply-platform");
    }

    @Test
    void only_those_who_print_labels_get_the_label_sheets_link() {
        String labels = "/counties/621222/lots/" + PACKED_LOT + "/print-runs/" + PRINT_RUN + "/labels.pdf";

        assertThat(element(page(signedIn("county-clerk"), "/counties/" + COUNTY + "/lots/" + PACKED_LOT), "print-runs"))
                .contains("180", "href=\"" + labels + "\"");
        assertThat(element(page(signedIn("village-cadre"), "/counties/" + COUNTY + "/lots/" + PACKED_LOT), "print-runs"))
                .contains("180").doesNotContain("labels.pdf");
    }

    @Test
    void a_label_sheet_streams_the_services_pdf_fetched_with_the_users_token() {
        byte[] pdf = "%PDF-1.7\n% a label sheet\n".getBytes(StandardCharsets.ISO_8859_1);
        String path = "/lots/" + PACKED_LOT + "/print-runs/" + PRINT_RUN + "/labels.pdf";
        GATEWAY.answer(SUPPLY + path, 200, "application/pdf", pdf);

        byte[] body = signedIn("county-admin").get().uri("/counties/" + COUNTY + path).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_PDF)
                .expectBody().returnResult().getResponseBody();

        assertThat(body).isEqualTo(pdf);
        assertThat(GATEWAY.received()).extracting(StubGateway.Received::path, StubGateway.Received::authorization)
                .contains(tuple("/api/supply-platform/counties/621222" + path, "Bearer " + USER_TOKEN));
    }

    @Test
    void a_label_sheet_the_service_refuses_shows_the_refusal_page() {
        String path = "/lots/" + PACKED_LOT + "/print-runs/" + PRINT_RUN + "/labels.pdf";
        GATEWAY.answer(SUPPLY + path, 403, "application/problem+json", TraceMother.forbidden().getBytes(StandardCharsets.UTF_8));

        String page = signedIn("village-cadre").get().uri("/counties/" + COUNTY + path).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(page).contains("无法显示此页面", "您的账号无权进行此操作。", "stub-correlation").doesNotContain("role village-cadre");
    }

    @Test
    void the_qr_code_is_the_services_svg_passed_through() {
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 25 25\"><path d=\"M0 0h7v1h-7z\"/></svg>";
        GATEWAY.answer(SUPPLY + "/lots/" + PACKED_LOT + "/qr.svg", 200, "image/svg+xml", svg.getBytes(StandardCharsets.UTF_8));

        String body = signedIn("county-admin").get().uri("/counties/" + COUNTY + "/lots/" + PACKED_LOT + "/qr.svg").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.valueOf("image/svg+xml"))
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(body).isEqualTo(svg);
    }

    @Test
    void the_copy_suspicion_alerts_list_serial_lot_reason_in_words_scans_and_places() {
        String page = page(signedIn("county-clerk"), "/counties/" + COUNTY + "/copy-suspicions");

        String alerts = element(page, "copy-suspicions");
        assertThat(alerts).containsSubsequence("K7Q2M9-000042", "WD-2026-09-03-A", "扫描地点过多", "9", "4",
                "K7Q2M9-000107", "WD-2026-09-03-A", "扫描次数过多", "214", "1");
        assertThat(alerts).contains("href=\"/counties/621222/lots/" + PACKED_LOT + "\"").doesNotContain("MANY_PLACES", "MANY_SCANS");
    }

    @Test
    void the_supply_section_links_the_alerts_beside_its_certificate_warning() {
        GATEWAY.json(SUPPLY + "/organisations", "[" + TraceMother.organisation() + "]")
                .json(SUPPLY + "/products", "[" + TraceMother.product() + "]")
                .json(SUPPLY + "/certifications/expiring", "[]")
                .json("/api/county-registry/counties/621222/villages", "[]");

        String page = page(signedIn("county-admin"), "/counties/" + COUNTY + "/organisations");

        assertThat(page).contains("id=\"copy-suspicions-link\" href=\"/counties/621222/copy-suspicions\"");
    }

    @Test
    void the_pages_read_in_english_too() {
        WebTestClient english = signedIn("county-admin").mutate().defaultCookie("portal-lang", "en").build();

        assertThat(element(page(english, "/counties/" + COUNTY + "/lots/" + PACKED_LOT), "trace-events")).contains("Harvesting", "Public", "Shipping", "Private");
        assertThat(element(page(english, "/counties/" + COUNTY + "/copy-suspicions"), "copy-suspicions")).contains("Scanned from too many places");
    }
}
