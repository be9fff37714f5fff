package org.povertyalleviation.portal.logistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.povertyalleviation.portal.logistics.LogisticsMother.COLD_PICKUP;
import static org.povertyalleviation.portal.logistics.LogisticsMother.DAY;
import static org.povertyalleviation.portal.logistics.LogisticsMother.DOWNLINK;
import static org.povertyalleviation.portal.logistics.LogisticsMother.LOGISTICS;
import static org.povertyalleviation.portal.logistics.LogisticsMother.OTHER_VEHICLE;
import static org.povertyalleviation.portal.logistics.LogisticsMother.PLAN;
import static org.povertyalleviation.portal.logistics.LogisticsMother.REPLAN;
import static org.povertyalleviation.portal.logistics.LogisticsMother.STATION;
import static org.povertyalleviation.portal.logistics.LogisticsMother.STOP_LOCKED;
import static org.povertyalleviation.portal.logistics.LogisticsMother.STOP_OTHER;
import static org.povertyalleviation.portal.logistics.LogisticsMother.UPLINK;
import static org.povertyalleviation.portal.logistics.LogisticsMother.VEHICLE;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.povertyalleviation.portal.pages.PagesTest;
import org.povertyalleviation.portal.pages.StubGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.util.HtmlUtils;

/** The logistics pages against a stubbed gateway that answers as logistics booking does ({@link PagesTest}). */
class LogisticsPagesTest extends PagesTest {

    private static final String PAGES = "/counties/621222/logistics";
    private static final String MILK_RUNS = LOGISTICS + "/milk-runs";

    @BeforeEach
    void logisticsBookingAnswers() {
        GATEWAY.json(LOGISTICS + "/nodes", LogisticsMother.network())
                .json(LOGISTICS + "/coverage", LogisticsMother.coverage())
                .json(LOGISTICS + "/slots", LogisticsMother.slots())
                .json(LOGISTICS + "/bookings", LogisticsMother.bookings())
                .json(LOGISTICS + "/bookings/" + UPLINK, LogisticsMother.uplink())
                .json(LOGISTICS + "/bookings/" + DOWNLINK, LogisticsMother.downlink())
                .json(LOGISTICS + "/carriers", LogisticsMother.carriers())
                .json(LOGISTICS + "/backhaul", LogisticsMother.backhaul())
                .json("GET " + MILK_RUNS, LogisticsMother.milkRuns())
                .json("GET " + MILK_RUNS + "/" + PLAN, LogisticsMother.milkRun(PLAN, "PLANNED", null))
                .json("/api/county-registry/counties/621222/townships", LogisticsMother.townships())
                .json("/api/county-registry/counties/621222/villages", LogisticsMother.villages());
    }

    @Test
    void the_network_page_draws_the_nodes_roads_and_villages_on_a_map_with_the_same_in_its_tables() {
        String page = page(signedIn("county-clerk"), PAGES);

        String map = HtmlUtils.htmlUnescape(attribute(element(page, "network-map"), "data-option"));
        assertThat(map).contains("\"文县电商物流园\"", "\"碧口镇快递站\"", "\"范坝镇快递站\"", "\"上坝村服务站\"", "[105.2301,32.7456]",
                "\"symbol\":\"rect\"", "\"symbol\":\"triangle\"", LogisticsMaps.PARK, LogisticsMaps.STATION, LogisticsMaps.POST, LogisticsMaps.COLD);
        // The uncovered villages in their own colours; the one without coordinates is not drawn.
        assertThat(series(map, LogisticsMaps.POOR_UNCOVERED)).contains("高山村").doesNotContain("河坝村", "沟门村");
        assertThat(series(map, LogisticsMaps.VILLAGE_UNCOVERED)).contains("沟门村").doesNotContain("高山村");
        assertThat(map).doesNotContain("河坝村");
        assertThat(element(page, "network-legend")).contains("县级物流园", "乡镇快递站", "村级服务站", "有冷库的网点", "未覆盖的贫困村");

        assertThat(element(page, "nodes")).containsSubsequence("县级物流园", "文县电商物流园", "有", "乡镇快递站", "碧口镇快递站", "碧口镇",
                "陇南邮政速递物流", "村级服务站", "上坝村服务站", "上坝村便民超市");
        assertThat(element(page, "nodes")).contains("北纬32.745600，东经105.230100",
                "href=\"/counties/621222/logistics/day?node=" + STATION + "\"");
        assertThat(element(page, "legs")).containsSubsequence("文县电商物流园", "碧口镇快递站", "58公里", "95分钟", "碧口镇快递站", "上坝村服务站", "4.2公里");
        assertThat(element(page, "coverage-summary")).contains("共5个行政村，其中2个在30分钟车程内有物流网点；未覆盖的贫困村2个。");
        assertThat(GATEWAY.received()).extracting(StubGateway.Received::path, StubGateway.Received::query, StubGateway.Received::authorization)
                .contains(tuple(LOGISTICS + "/coverage", "withinMinutes=30", "Bearer " + USER_TOKEN));
    }

    @Test
    void the_coverage_gaps_set_the_poor_villages_apart_with_the_reason_in_words() {
        String page = page(signedIn("county-admin"), PAGES + "?withinMinutes=45");

        String poor = element(page, "poor-gaps");
        assertThat(poor).containsSubsequence("高山村", "范坝镇", "贫困村", "最近的网点太远", "范坝镇快递站", "75分钟",
                "河坝村", "范坝镇", "贫困村", "缺少本村坐标，无法判断", "无坐标");
        assertThat(poor).contains("class=\"gap-poor\"").doesNotContain("沟门村", "TOO_FAR<", "NO_PLACE<");
        assertThat(element(page, "other-gaps")).contains("沟门村", "碧口镇快递站", "44分钟").doesNotContain("高山村");
        assertThat(element(page, "coverage-all")).containsSubsequence("上坝村", "本村有服务站", "下坝村", "车程内有网点", "18分钟");
        assertThat(GATEWAY.received()).extracting(StubGateway.Received::path, StubGateway.Received::query)
                .contains(tuple(LOGISTICS + "/coverage", "withinMinutes=45"));
    }

    @Test
    void the_days_windows_show_their_room_as_bars_and_its_bookings_with_yuan_and_masked_recipients() {
        String page = page(signedIn("village-cadre"), PAGES + "/day?day=" + DAY + "&node=" + STATION);

        String slots = element(page, "slots-" + STATION);
        assertThat(slots).containsSubsequence("09:00至11:00", "揽收（上行）", "<progress value=\"325.500\" max=\"800.000\"", "40.7%",
                "800公斤，60件", "325.5公斤，14件", "474.5公斤，46件", "14:00至16:00", "派送（下行）", "84%");
        String bookings = element(page, "bookings-" + STATION);
        assertThat(bookings).containsSubsequence("09:00至11:00", "到达乡镇快递站", "上行（农产品进城）", "贫困户", "621222-0001", "上坝村",
                "王**", "25.5公斤", "3", "¥12.90", "¥6.45", "追溯批次", "K7Q2M9",
                "href=\"/counties/621222/logistics/bookings/" + UPLINK + "\"");
        assertThat(bookings).contains("李**", "冷链", "¥150.00", "订单交货", "张**", "已签收", "¥42.00");
        // The service masks recipients for cadres; the portal shows them as given and has no name of its own to add.
        assertThat(page).doesNotContain("王建国");
        assertThat(element(page, "day-filter")).contains("<optgroup label=\"乡镇快递站\">", "value=\"" + STATION + "\" selected=\"selected\"");
        assertThat(element(page, "previous-day")).contains("day=2026-12-07", "node=" + STATION);
        assertThat(GATEWAY.received()).extracting(StubGateway.Received::path, StubGateway.Received::query)
                .contains(tuple(LOGISTICS + "/slots", "day=" + DAY + "&node=" + STATION),
                        tuple(LOGISTICS + "/bookings", "day=" + DAY + "&node=" + STATION + "&limit=1000"));
    }

    @Test
    void a_shipments_timeline_draws_its_directions_steps_and_tells_late_reports_apart() {
        String page = page(signedIn("county-clerk"), PAGES + "/bookings/" + UPLINK);

        String steps = element(page, "booking-steps");
        assertThat(steps).containsSubsequence("class=\"reached\"", "已预约", "class=\"reached\"", "已揽收", "class=\"reached current\"",
                "aria-current=\"step\"", "到达乡镇快递站", "class=\"ahead\"", "到达县级物流园", "class=\"ahead\"", "已交快递企业", "class=\"ahead\"", "已签收");
        assertThat(steps).doesNotContain("到达村级服务站");
        assertThat(element(page, "booking-facts")).contains("王**", "¥12.90", "¥6.45", "陇南邮政速递物流", "追溯批次",
                "href=\"/counties/621222/households/" + LogisticsMother.HOUSEHOLD + "\"");
        List<String> advanced = rows(element(page, "timeline"), "advanced");
        List<String> late = rows(element(page, "timeline"), "late");
        assertThat(advanced).hasSize(2);
        assertThat(advanced.get(0)).contains("已揽收", "上坝村服务站", "partner-wen", "推进了运输状态");
        assertThat(late).singleElement().asString().contains("已揽收", "扫描枪离线，补录", "cadre-621222101201", "迟到的报告，未改变状态");
    }

    @Test
    void a_delivered_shipment_shows_its_proof_of_delivery_with_the_recipient_masked() {
        String page = page(signedIn("village-cadre"), PAGES + "/bookings/" + DOWNLINK);

        assertThat(element(page, "booking-steps")).containsSubsequence("已预约", "到达县级物流园", "到达乡镇快递站", "到达村级服务站",
                "class=\"reached current\"", "已签收");
        assertThat(element(page, "timeline")).contains("签收人：张**", "照片：pod/2026/12/08/8d2f0c63.jpg", "跳过村站，直接送达");
        assertThat(element(page, "booking-recipient")).contains("张**");
    }

    @Test
    void a_booking_the_service_does_not_know_is_a_404_page_and_a_refused_read_a_403_page() {
        String missing = signedIn("county-clerk").get().uri(PAGES + "/bookings/" + COLD_PICKUP).exchange()
                .expectStatus().isNotFound()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(missing).contains("无法显示此页面", "找不到该记录，可能已被删除。", "stub-correlation");

        GATEWAY.answer(LOGISTICS + "/backhaul", 403, "application/problem+json",
                LogisticsMother.problem(403, "forbidden", null).getBytes(StandardCharsets.UTF_8));
        String refused = signedIn("county-clerk").get().uri(PAGES + "/backhaul?day=" + DAY).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(refused).contains("无法显示此页面", "您的账号无权进行此操作。", "stub-correlation").doesNotContain("refused by the stub");
    }

    @Test
    void the_backhaul_page_shows_each_townships_runs_what_rides_back_and_the_empty_road_saved() {
        String page = page(signedIn("county-admin"), PAGES + "/backhaul?day=" + DAY);

        assertThat(element(page, "backhaul-summary")).contains("1单上行揽收搭乘下行车辆的回程，1单未能配载；共减少空驶58公里。");
        String township = element(page, "township-621222101");
        assertThat(township).containsSubsequence("碧口镇", "碧口镇快递站", "单程58公里", "甘K·12345", "420公斤，30件，1单", "25.5公斤，3件，1单",
                "甘K·67890", "空车返回");
        assertThat(element(page, "up-unmatched-621222101")).contains("合作社 文县核桃专业合作社", "下坝村", "300公斤，11件",
                "href=\"/counties/621222/logistics/bookings/" + COLD_PICKUP + "\"");
        assertThat(element(page, "up-matched-621222101")).contains("href=\"/counties/621222/logistics/bookings/" + UPLINK + "\"");
        assertThat(GATEWAY.received()).extracting(StubGateway.Received::path, StubGateway.Received::query)
                .contains(tuple(LOGISTICS + "/backhaul", "day=" + DAY));
    }

    @Test
    void the_milk_run_shows_each_vehicles_stops_in_a_list_and_on_the_map_with_lock_and_replan_forms() {
        String page = page(signedIn("county-clerk"), PAGES + "/milk-runs/" + PLAN);

        String map = HtmlUtils.htmlUnescape(attribute(element(page, "milk-run-map"), "data-option"));
        // One polyline per vehicle from the station through its stops and back.
        assertThat(map).contains("\"name\":\"甘K·12345\"", "\"name\":\"甘K·67890\"", LogisticsMaps.ROUTES.get(0), LogisticsMaps.ROUTES.get(1),
                "{\"name\":\"碧口镇快递站\",\"value\":[105.2301,32.7456],\"label\":{\"show\":false}},{\"name\":\"1\",\"value\":[105.25,32.76]},"
                        + "{\"name\":\"碧口镇快递站\",\"value\":[105.2301,32.7456],\"label\":{\"show\":false}}",
                "[105.262,32.731]", LogisticsMaps.UNASSIGNED);
        assertThat(element(page, "milk-run-legend")).contains("甘K·12345", "swatch route-0", "甘K·67890", "swatch route-1", "未安排的揽收");
        assertThat(element(page, "milk-run-facts")).contains("碧口镇快递站", "2单（共3单）", "94分钟", "131分钟", "71.8%");

        String locked = element(page, "pickup-" + STOP_LOCKED);
        assertThat(locked).contains("上坝村服务站", "上坝村", "09:05", "已锁定在甘K·12345",
                "action=\"/counties/621222/logistics/milk-runs/" + PLAN + "/locks/" + STOP_LOCKED + "/release\"", "解除锁定")
                .doesNotContain("name=\"vehicle\"");
        String free = element(page, "pickup-" + STOP_OTHER);
        assertThat(free).contains("下坝村服务站", "action=\"/counties/621222/logistics/milk-runs/" + PLAN + "/locks/" + STOP_OTHER + "\"",
                "value=\"" + OTHER_VEHICLE + "\" selected=\"selected\"", "name=\"_csrf\"").doesNotContain("解除锁定");
        assertThat(element(page, "unassigned")).contains("需要冷链，当天没有冷藏车出车", "300公斤，11件", "冷链",
                "action=\"/counties/621222/logistics/milk-runs/" + PLAN + "/locks/" + COLD_PICKUP + "\"");
        assertThat(element(page, "replan-form")).contains("action=\"/counties/621222/logistics/milk-runs/" + PLAN + "/replan\"", "重新规划（保留锁定）");
    }

    @Test
    void the_lock_unlock_and_replan_forms_call_the_services_paths_and_show_the_plan_again() {
        GATEWAY.json("PUT " + MILK_RUNS + "/" + PLAN + "/locks/" + STOP_OTHER, LogisticsMother.milkRun(PLAN, "PLANNED", null))
                .json("DELETE " + MILK_RUNS + "/" + PLAN + "/locks/" + STOP_LOCKED, LogisticsMother.milkRun(PLAN, "PLANNED", null))
                .json("POST " + MILK_RUNS + "/" + PLAN + "/replan", LogisticsMother.milkRun(REPLAN, "PLANNED", PLAN));

        posting("county-clerk").post().uri(PAGES + "/milk-runs/" + PLAN + "/locks/" + STOP_OTHER)
                .body(BodyInserters.fromFormData("vehicle", VEHICLE)).exchange()
                .expectStatus().isSeeOther()
                .expectHeader().location("/counties/621222/logistics/milk-runs/" + PLAN + "#pickup-" + STOP_OTHER);
        posting("county-clerk").post().uri(PAGES + "/milk-runs/" + PLAN + "/locks/" + STOP_LOCKED + "/release").exchange()
                .expectStatus().isSeeOther();
        posting("county-admin").post().uri(PAGES + "/milk-runs/" + PLAN + "/replan")
                .body(BodyInserters.fromFormData("budgetSeconds", "15")).exchange()
                .expectStatus().isSeeOther()
                .expectHeader().location("/counties/621222/logistics/milk-runs/" + REPLAN);

        assertThat(GATEWAY.received()).filteredOn(request -> !"GET".equals(request.method()))
                .extracting(StubGateway.Received::method, StubGateway.Received::path, StubGateway.Received::body, StubGateway.Received::authorization)
                .containsExactly(
                        tuple("PUT", MILK_RUNS + "/" + PLAN + "/locks/" + STOP_OTHER, "{\"vehicle\":\"" + VEHICLE + "\"}", "Bearer " + USER_TOKEN),
                        tuple("DELETE", MILK_RUNS + "/" + PLAN + "/locks/" + STOP_LOCKED, "", "Bearer " + USER_TOKEN),
                        tuple("POST", MILK_RUNS + "/" + PLAN + "/replan", "{\"budgetSeconds\":15}", "Bearer " + USER_TOKEN));
    }

    @Test
    void planning_a_township_day_posts_it_to_the_service_and_opens_the_plan() {
        GATEWAY.json("POST " + MILK_RUNS, LogisticsMother.milkRun(PLAN, "PLANNED", null));

        String form = element(page(signedIn("county-admin"), PAGES + "/milk-runs"), "plan-form");
        assertThat(form).contains("action=\"/counties/621222/logistics/milk-runs\"", "value=\"621222101\"", "碧口镇（站点：碧口镇快递站）",
                "范坝镇（站点：范坝镇快递站）", "name=\"budgetSeconds\"");
        posting("county-admin").post().uri(PAGES + "/milk-runs")
                .body(BodyInserters.fromFormData("township", "621222101").with("day", DAY).with("budgetSeconds", "99")).exchange()
                .expectStatus().isSeeOther()
                .expectHeader().location("/counties/621222/logistics/milk-runs/" + PLAN);

        assertThat(GATEWAY.received()).filteredOn(request -> "POST".equals(request.method())).extracting(StubGateway.Received::path,
                        StubGateway.Received::body)
                .containsExactly(tuple(MILK_RUNS, "{\"township\":\"621222101\",\"day\":\"" + DAY + "\",\"budgetSeconds\":" + MilkRunController.MAX_BUDGET + "}"));
    }

    @Test
    void a_refused_lock_is_shown_beside_its_pickup_in_words() {
        GATEWAY.answer("PUT " + MILK_RUNS + "/" + PLAN + "/locks/" + COLD_PICKUP, 422, "application/problem+json",
                LogisticsMother.problem(422, "rule-violated", "cold-chain").getBytes(StandardCharsets.UTF_8));

        String page = posting("county-clerk").post().uri(PAGES + "/milk-runs/" + PLAN + "/locks/" + COLD_PICKUP)
                .body(BodyInserters.fromFormData("vehicle", VEHICLE)).exchange()
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(element(page, "unassigned")).contains("冷链揽收只能锁定到冷藏车。", "stub-correlation");
        assertThat(page).doesNotContain("refused by the stub");
    }

    @Test
    void readers_who_do_not_plan_get_no_forms_and_a_superseded_plan_takes_no_changes() {
        String cadre = page(signedIn("village-cadre"), PAGES + "/milk-runs/" + PLAN);
        assertThat(cadre).contains("已锁定在甘K·12345").doesNotContain("/locks/", "/replan", "id=\"replan-form\"");
        assertThat(page(signedIn("village-cadre"), PAGES + "/milk-runs")).doesNotContain("id=\"plan-form\"");

        GATEWAY.json("GET " + MILK_RUNS + "/" + PLAN, LogisticsMother.milkRun(PLAN, "SUPERSEDED", null));
        String superseded = page(signedIn("county-admin"), PAGES + "/milk-runs/" + PLAN);
        assertThat(element(superseded, "superseded")).contains("已被重新规划取代", "href=\"/counties/621222/logistics/milk-runs/" + REPLAN + "\"");
        assertThat(superseded).doesNotContain("/locks/", "id=\"replan-form\"");
    }

    @Test
    void the_logistics_menu_item_is_there_for_those_who_read_logistics_only() {
        GATEWAY.json("/api/shop-management/counties/621222/coverage", "{\"county\":\"621222\",\"poorVillages\":0,\"coveredPoorVillages\":0,"
                + "\"uncoveredPoorVillages\":0,\"townships\":[]}");

        assertThat(page(signedIn("auditor"), "/counties/621222/coverage")).contains("id=\"nav-logistics\" href=\"/counties/621222/logistics\"");
        assertThat(page(signedIn("partner"), "/counties/621222/coverage")).doesNotContain("nav-logistics");
    }

    @Test
    void the_pages_read_in_english_too() {
        WebTestClient english = signedIn("county-admin").mutate().defaultCookie("portal-lang", "en").build();

        assertThat(element(page(english, PAGES), "poor-gaps")).contains("Nearest node too far", "No coordinates: cannot be judged");
        assertThat(element(page(english, PAGES + "/bookings/" + UPLINK), "booking-facts")).contains("CN¥12.90", "Traceability lot");
        assertThat(element(page(english, PAGES + "/milk-runs/" + PLAN), "unassigned")).contains("Needs the cold chain");
    }
}
