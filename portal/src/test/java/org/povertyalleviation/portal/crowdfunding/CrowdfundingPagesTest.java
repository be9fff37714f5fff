package org.povertyalleviation.portal.crowdfunding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.povertyalleviation.portal.crowdfunding.CrowdfundingMother.ALTERNATIVE;
import static org.povertyalleviation.portal.crowdfunding.CrowdfundingMother.BOOKING;
import static org.povertyalleviation.portal.crowdfunding.CrowdfundingMother.CONFIRMED_REFUND;
import static org.povertyalleviation.portal.crowdfunding.CrowdfundingMother.CROWDFUNDING;
import static org.povertyalleviation.portal.crowdfunding.CrowdfundingMother.DRAFT;
import static org.povertyalleviation.portal.crowdfunding.CrowdfundingMother.HOUSEHOLD;
import static org.povertyalleviation.portal.crowdfunding.CrowdfundingMother.LATER_WINDOW;
import static org.povertyalleviation.portal.crowdfunding.CrowdfundingMother.LOT_TIER;
import static org.povertyalleviation.portal.crowdfunding.CrowdfundingMother.OTHER_HOUSEHOLD;
import static org.povertyalleviation.portal.crowdfunding.CrowdfundingMother.PAID_PLEDGE;
import static org.povertyalleviation.portal.crowdfunding.CrowdfundingMother.PLEDGE;
import static org.povertyalleviation.portal.crowdfunding.CrowdfundingMother.POST;
import static org.povertyalleviation.portal.crowdfunding.CrowdfundingMother.PROJECT;
import static org.povertyalleviation.portal.crowdfunding.CrowdfundingMother.REFUND;
import static org.povertyalleviation.portal.crowdfunding.CrowdfundingMother.RETURNED_PLEDGE;
import static org.povertyalleviation.portal.crowdfunding.CrowdfundingMother.TIER;
import static org.povertyalleviation.portal.crowdfunding.CrowdfundingMother.TRACE_URL;
import static org.povertyalleviation.portal.crowdfunding.CrowdfundingMother.UNBOOKED_PLEDGE;
import static org.povertyalleviation.portal.crowdfunding.CrowdfundingMother.WINDOW;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.povertyalleviation.portal.pages.PagesTest;
import org.povertyalleviation.portal.pages.StubGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.BodyInserters;

/** The crowdfunding pages against a stubbed gateway that answers as the crowdfunding service does ({@link PagesTest}). */
class CrowdfundingPagesTest extends PagesTest {

    private static final String PAGES = "/counties/621222/crowdfunding";
    private static final String PROJECT_PAGE = PAGES + "/projects/" + PROJECT;
    private static final String SERVICE_PROJECT = CROWDFUNDING + "/projects/" + PROJECT;
    private static final String LOGISTICS = "/api/logistics-booking/counties/621222";

    @BeforeEach
    void crowdfundingAnswers() {
        GATEWAY.json("GET " + CROWDFUNDING + "/projects", CrowdfundingMother.projects())
                .json("GET " + SERVICE_PROJECT + "/pledges", CrowdfundingMother.pledges())
                .json("GET " + SERVICE_PROJECT + "/settlement", CrowdfundingMother.settlement())
                .json("GET " + SERVICE_PROJECT + "/refunds", CrowdfundingMother.refunds())
                .json("/api/county-registry/counties/621222/townships", CrowdfundingMother.townships())
                .json("/api/county-registry/counties/621222/villages", CrowdfundingMother.villages())
                .json("GET " + SERVICE_PROJECT + "/deliveries", CrowdfundingMother.deliveries())
                .json(LOGISTICS + "/nodes", CrowdfundingMother.network())
                .json(LOGISTICS + "/slots/next-free", CrowdfundingMother.windows());
        inStatus("FUNDED");
    }

    private static void inStatus(String status) {
        GATEWAY.json("GET " + SERVICE_PROJECT, CrowdfundingMother.project(status));
    }

    @Test
    void the_list_shows_each_project_with_village_goal_paid_in_yuan_progress_backers_and_status_in_words() {
        String page = page(signedIn("county-clerk"), PAGES + "?status=PUBLISHED");

        String published = element(page, "project-" + PROJECT);
        // 1,234,567 fen are 12,345.67 yuan, and 3,000,000 fen 30,000.00: exact, two decimals.
        assertThat(published).containsSubsequence("href=\"/counties/621222/crowdfunding/projects/" + PROJECT + "\"", "石峡村的大红袍花椒", "上坝村",
                "30,000.00", "<progress max=\"100\" value=\"41\">", "12,345.67", "30,000.00", "41%", ">60<", "众筹中");
        assertThat(element(page, "project-" + DRAFT)).contains("合作社核桃预售", "石峡村", "50,000.00", "0.00", "草稿");
        assertThat(element(page, "project-filter")).contains("value=\"PUBLISHED\" selected=\"selected\"", "待审核", "待批准", "众筹成功", "未达目标",
                "已取消", "已交付");
        assertThat(GATEWAY.received()).filteredOn(request -> request.path().equals(CROWDFUNDING + "/projects")).singleElement()
                .satisfies(request -> {
                    assertThat(request.query()).contains("limit=200", "status=PUBLISHED");
                    assertThat(request.authorization()).isEqualTo("Bearer " + USER_TOKEN);
                });
        assertThat(element(page, "nav-crowdfunding")).contains("众筹");
        assertThat(page).contains("id=\"new-project\"");
    }

    @Test
    void readers_who_do_not_draft_get_no_new_project_and_others_no_menu_item() {
        String cadre = page(signedIn("village-cadre"), PAGES);
        assertThat(cadre).contains("id=\"nav-crowdfunding\"", "id=\"projects\"").doesNotContain("id=\"new-project\"");
        assertThat(page(signedIn("auditor"), PAGES)).doesNotContain("id=\"new-project\"");
        assertThat(page(signedIn("shop-owner"), PAGES)).doesNotContain("id=\"nav-crowdfunding\"");
    }

    @Test
    void a_funded_project_shows_tiers_shares_progress_settlement_money_pledges_and_refunds() {
        String page = page(signedIn("county-admin"), PROJECT_PAGE);

        assertThat(element(page, "status")).contains("众筹成功");
        assertThat(element(page, "project-facts")).contains("href=\"/counties/621222/households/" + HOUSEHOLD + "\"", "上坝村", "30,000.00",
                "clerk-621222", "admin-621222");
        assertThat(element(page, "story")).contains("我家种了三亩花椒", "projects/2026/shixia-1.jpg");
        assertThat(element(page, "tiers")).containsSubsequence("五斤装花椒", "大红袍花椒", "2.5 kg", "2,600克", "198.00", "200", "62", "138", "尚未关联批次");
        assertThat(element(page, "tier-" + LOT_TIER)).contains("49.90", "WX-2099-0042 大红袍花椒（特级）");
        assertThat(element(page, "shares")).contains(HOUSEHOLD, "100%");
        assertThat(element(page, "progress")).contains("value=\"41\"", "12,345.67", "41%", "已支付64笔，支持者60人；待支付1笔，共¥198.00。");
        assertThat(element(page, "settlement")).containsSubsequence("众筹成功", "30,500.00", "30,000.00", "已支付150笔，逾期未付作废3笔，退款2笔");
        assertThat(element(page, "payouts")).containsSubsequence(HOUSEHOLD, "66.66%", "20,331.30", OTHER_HOUSEHOLD, "33.34%", "10,168.70");
        assertThat(element(page, "money-figures")).containsSubsequence("收款", "30,500.00", "已退款", "49.90", "已拨付", "0.00", "余额", "30,450.10",
                "待退款", "198.00（1笔）");
        assertThat(element(page, "ledger")).contains("退款到账", "49.90");
        assertThat(element(page, "pledge-" + PAID_PLEDGE)).containsSubsequence("jd-u-8f2a61c0", "五斤装花椒", "2", "396.00", "partner-jd", "已支付");
        assertThat(element(page, "refund-" + REFUND)).containsSubsequence("198.00", "回报未交付", "快递丢件", "已发送", ">3<", "partner answered 503");
        assertThat(element(page, "refund-" + CONFIRMED_REFUND)).contains("逾期付款", "已到账");
        assertThat(element(page, "delivery-status")).contains("已付款的回报3份：已预约发货1份，尚未预约2份。");
        assertThat(GATEWAY.received()).filteredOn(request -> request.path().equals(SERVICE_PROJECT + "/pledges")).singleElement()
                .satisfies(request -> assertThat(request.query()).isEqualTo("limit=50&offset=0"));
        assertThat(page).doesNotContain("id=\"pledge-paging\"><a");
    }

    @Test
    void pledges_are_filtered_by_status_and_paged_by_offset() {
        String page = page(signedIn("auditor"), PROJECT_PAGE + "?pledges=PAID&offset=50");

        assertThat(element(page, "pledge-filter")).contains("value=\"PAID\" selected=\"selected\"");
        assertThat(element(page, "pledge-paging")).contains("href=\"" + PROJECT_PAGE + "?pledges=PAID&amp;offset=0\"");
        assertThat(GATEWAY.received()).filteredOn(request -> request.path().equals(SERVICE_PROJECT + "/pledges")).singleElement()
                .satisfies(request -> assertThat(request.query()).isEqualTo("limit=50&offset=50&status=PAID"));
    }

    @Test
    void each_status_offers_its_step_to_the_roles_that_take_it() {
        inStatus("DRAFT");
        String draft = page(signedIn("county-clerk"), PROJECT_PAGE);
        assertThat(element(draft, "submission-form")).contains("action=\"" + PROJECT_PAGE + "/submission\"", "提交审核");
        assertThat(draft).doesNotContain("id=\"review-form\"", "id=\"approval-form\"", "id=\"settlement\"", "id=\"pledges\"");
        // Before publication nothing of pledges, money or refunds is read.
        assertThat(GATEWAY.received()).noneMatch(request -> request.path().startsWith(SERVICE_PROJECT + "/"));

        inStatus("SUBMITTED");
        String submitted = page(signedIn("county-clerk"), PROJECT_PAGE);
        assertThat(element(submitted, "review-form")).contains("action=\"" + PROJECT_PAGE + "/review\"", "name=\"note\"",
                "name=\"approve\" value=\"true\"", "name=\"approve\" value=\"false\"", "审核通过，报送批准", "退回修改");

        inStatus("REVIEWED");
        assertThat(page(signedIn("county-clerk"), PROJECT_PAGE)).contains("等待县管理员批准。").doesNotContain("id=\"approval-form\"");
        assertThat(element(page(signedIn("county-admin"), PROJECT_PAGE), "approval-form")).contains("action=\"" + PROJECT_PAGE + "/approval\"",
                "审核人（clerk-621222）不能批准此项目", "批准并发布", "data-confirm=");

        inStatus("PUBLISHED");
        GATEWAY.json("GET " + SERVICE_PROJECT + "/settlement", CrowdfundingMother.unsettled());
        String published = page(signedIn("county-admin"), PROJECT_PAGE);
        assertThat(element(published, "cancellation-form")).contains("action=\"" + PROJECT_PAGE + "/cancellation\"", "name=\"reason\"");
        assertThat(published).doesNotContain("id=\"delivery-form\"");
        assertThat(element(published, "settlement")).contains("后结算");
        assertThat(page(signedIn("county-clerk"), PROJECT_PAGE)).doesNotContain("id=\"cancellation-form\"", "id=\"actions\"");

        inStatus("FUNDED");
        String funded = page(signedIn("platform-operator"), PROJECT_PAGE);
        assertThat(funded).contains("id=\"cancellation-form\"");
        assertThat(element(funded, "delivery-form")).contains("action=\"" + PROJECT_PAGE + "/delivery-confirmation\"", "确认交付并拨款");
        assertThat(page(signedIn("village-cadre"), PROJECT_PAGE)).doesNotContain("id=\"actions\"", "/cancellation\"", "/delivery-confirmation\"");
    }

    @Test
    void the_steps_post_to_the_service_with_their_bodies_and_the_users_token() {
        GATEWAY.json("POST " + SERVICE_PROJECT + "/submission", CrowdfundingMother.project("SUBMITTED"))
                .json("POST " + SERVICE_PROJECT + "/review", CrowdfundingMother.project("DRAFT"))
                .json("POST " + SERVICE_PROJECT + "/approval", CrowdfundingMother.project("PUBLISHED"))
                .json("POST " + SERVICE_PROJECT + "/cancellation", CrowdfundingMother.settlement())
                .json("POST " + SERVICE_PROJECT + "/delivery-confirmation", CrowdfundingMother.settlement());

        posting("county-clerk").post().uri(PROJECT_PAGE + "/submission").exchange()
                .expectStatus().isSeeOther().expectHeader().location(PROJECT_PAGE + "#status");
        posting("county-clerk").post().uri(PROJECT_PAGE + "/review")
                .body(BodyInserters.fromFormData("approve", "false").with("note", " 亩产请与村里核实 ")).exchange().expectStatus().isSeeOther();
        posting("county-admin").post().uri(PROJECT_PAGE + "/approval").body(BodyInserters.fromFormData("approve", "true").with("note", ""))
                .exchange().expectStatus().isSeeOther();
        posting("county-admin").post().uri(PROJECT_PAGE + "/cancellation").body(BodyInserters.fromFormData("reason", "冰雹，今年花椒绝收"))
                .exchange().expectStatus().isSeeOther();
        posting("county-admin").post().uri(PROJECT_PAGE + "/delivery-confirmation").exchange().expectStatus().isSeeOther();

        assertThat(GATEWAY.received()).filteredOn(request -> "POST".equals(request.method()))
                .extracting(StubGateway.Received::path, StubGateway.Received::body, StubGateway.Received::authorization)
                .containsExactly(
                        tuple(SERVICE_PROJECT + "/submission", "{}", "Bearer " + USER_TOKEN),
                        tuple(SERVICE_PROJECT + "/review", "{\"approve\":false,\"note\":\"亩产请与村里核实\"}", "Bearer " + USER_TOKEN),
                        tuple(SERVICE_PROJECT + "/approval", "{\"approve\":true,\"note\":null}", "Bearer " + USER_TOKEN),
                        tuple(SERVICE_PROJECT + "/cancellation", "{\"reason\":\"冰雹，今年花椒绝收\"}", "Bearer " + USER_TOKEN),
                        tuple(SERVICE_PROJECT + "/delivery-confirmation", "{}", "Bearer " + USER_TOKEN));
    }

    @Test
    void the_reviewers_own_approval_is_refused_with_crowdfundings_four_eyes_in_the_approval_form() {
        inStatus("REVIEWED");
        GATEWAY.answer("POST " + SERVICE_PROJECT + "/approval", 422, "application/problem+json",
                StubGateway.problem(422, "rule-violated", "four-eyes").getBytes(StandardCharsets.UTF_8));

        String page = posting("county-admin").post().uri(PROJECT_PAGE + "/approval")
                .body(BodyInserters.fromFormData("approve", "true").with("note", "")).exchange()
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(element(page, "approval-form")).contains("审核此项目的人不能再批准它，请由本县另一位管理员批准。", "stub-correlation");
        // Not the subsidies' words (the applicant's own approval), nor the service's English.
        assertThat(page).doesNotContain("提交申请的人不能审批自己的申请", "refused by the stub");
    }

    @Test
    void a_refused_cancellation_is_shown_in_its_form_by_the_projects_rule() {
        GATEWAY.answer("POST " + SERVICE_PROJECT + "/cancellation", 409, "application/problem+json",
                StubGateway.problem(409, "conflict", "not-cancellable").getBytes(StandardCharsets.UTF_8));

        String page = posting("county-admin").post().uri(PROJECT_PAGE + "/cancellation").body(BodyInserters.fromFormData("reason", "冰雹"))
                .exchange().expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(element(page, "cancellation-form")).contains("只有众筹中或众筹成功的项目可以取消。", "value=\"冰雹\"");
        assertThat(element(page, "delivery-form")).doesNotContain("只有众筹中");
    }

    @Test
    void a_funded_project_shows_each_tiers_lot_and_each_backers_reward_with_its_booking_and_shipment() {
        String page = page(signedIn("county-clerk"), PROJECT_PAGE);

        assertThat(element(page, "tier-lot-" + LOT_TIER)).contains("href=\"" + TRACE_URL + "\"", "WX-2099-0042", "大红袍花椒（特级）",
                "action=\"" + PROJECT_PAGE + "/tiers/" + LOT_TIER + "/lot\"", "name=\"lotCode\"", "value=\"WX-2099-0042\"", "更换批次");
        assertThat(element(page, "tier-lot-" + TIER)).contains("尚未关联批次", "关联批次").doesNotContain("value=\"WX");
        assertThat(element(page, "reward-" + PAID_PLEDGE)).containsSubsequence("jd-u-8f2a61c0", "partner-jd", "一斤尝鲜装", "href=\"" + TRACE_URL + "\"",
                "WX-2099-0042", "href=\"/counties/621222/logistics/bookings/" + BOOKING + "\"", BOOKING.substring(0, 8), "到达乡镇快递站", "2099");
        assertThat(element(page, "reward-" + UNBOOKED_PLEDGE)).containsSubsequence("jd-u-11aa22bb", "五斤装花椒", ">2<", "尚未关联批次", "尚未预约")
                .doesNotContain("/logistics/bookings/");
        assertThat(element(page, "reward-" + RETURNED_PLEDGE)).contains("pdd-7731", "已退回");
        // Two rewards left: 2 × 2,600 g and 1 × 600 g; the windows offered have room for the lightest (0.6 kg, one parcel).
        String dispatch = element(page, "dispatch-form");
        assertThat(dispatch).contains("还有2份回报尚未预约，合计约5.8公斤", "揽收网点：上坝村服务站", "hx-post=\"" + PROJECT_PAGE + "/deliveries\"",
                        "hx-target=\"#delivery-status\"", "name=\"slot\"")
                .containsSubsequence("value=\"" + WINDOW + "\"", "2099年7月20日 09:00至11:00（剩余4.5公斤、2件）", "value=\"" + LATER_WINDOW + "\"",
                        "剩余800公斤、60件");
        assertThat(GATEWAY.received()).filteredOn(request -> request.path().equals(LOGISTICS + "/slots/next-free")).singleElement()
                .satisfies(request -> {
                    assertThat(request.query()).isEqualTo("node=" + POST + "&kind=PICKUP&weightKg=0.6&parcels=1&limit=10");
                    assertThat(request.authorization()).isEqualTo("Bearer " + USER_TOKEN);
                });
        assertThat(element(page(signedIn("county-admin"), PROJECT_PAGE), "delivery-undispatched")).contains("还有2份回报尚未预约发货");
    }

    @Test
    void readers_who_do_not_dispatch_see_the_lots_and_rewards_without_forms_or_windows() {
        String page = page(signedIn("auditor"), PROJECT_PAGE);

        assertThat(element(page, "tier-lots")).contains("WX-2099-0042").doesNotContain("<form");
        assertThat(element(page, "rewards")).contains("jd-u-8f2a61c0");
        assertThat(page).doesNotContain("id=\"dispatch-form\"");
        assertThat(GATEWAY.received()).noneMatch(request -> request.path().startsWith(LOGISTICS));
    }

    @Test
    void a_delivered_project_shows_its_deliveries_read_only() {
        inStatus("DELIVERED");
        GATEWAY.json("GET " + SERVICE_PROJECT + "/deliveries", CrowdfundingMother.delivered());

        String page = page(signedIn("county-admin"), PROJECT_PAGE);

        assertThat(element(page, "delivery-summary")).contains("已付款的回报1份：已预约发货1份，尚未预约0份。");
        assertThat(element(page, "reward-" + PAID_PLEDGE)).contains("已签收", "href=\"" + TRACE_URL + "\"");
        assertThat(element(page, "delivery-status")).doesNotContain("<form", "name=\"lotCode\"", "name=\"slot\"");
        assertThat(page).doesNotContain("id=\"dispatch-form\"", "/delivery-confirmation\"");
        assertThat(GATEWAY.received()).noneMatch(request -> request.path().startsWith(LOGISTICS));
    }

    @Test
    void projects_not_funded_or_delivered_have_no_delivery_section() {
        inStatus("PUBLISHED");
        GATEWAY.json("GET " + SERVICE_PROJECT + "/settlement", CrowdfundingMother.unsettled());

        assertThat(page(signedIn("county-admin"), PROJECT_PAGE)).doesNotContain("id=\"delivery-status\"");
        assertThat(GATEWAY.received()).noneMatch(request -> request.path().endsWith("/deliveries"));
    }

    @Test
    void a_lot_is_tied_to_its_tier_by_its_code() {
        GATEWAY.json("PUT " + CROWDFUNDING + "/tiers/" + TIER + "/lot", """
                {"tier":"%s","project":"%s","name":"五斤装花椒","lotCode":"WX-2099-0043","lotProduct":"大红袍花椒","traceUrl":"%s"}"""
                .formatted(TIER, PROJECT, TRACE_URL));

        posting("county-clerk").post().uri(PROJECT_PAGE + "/tiers/" + TIER + "/lot").body(BodyInserters.fromFormData("lotCode", " WX-2099-0043 "))
                .exchange().expectStatus().isSeeOther().expectHeader().location(PROJECT_PAGE + "#delivery-status");

        assertThat(GATEWAY.received()).filteredOn(request -> "PUT".equals(request.method()))
                .extracting(StubGateway.Received::path, StubGateway.Received::body, StubGateway.Received::authorization)
                .containsExactly(tuple(CROWDFUNDING + "/tiers/" + TIER + "/lot", "{\"lotCode\":\"WX-2099-0043\"}", "Bearer " + USER_TOKEN));
    }

    @Test
    void a_lot_of_another_county_is_refused_in_its_tiers_form_only() {
        GATEWAY.answer("PUT " + CROWDFUNDING + "/tiers/" + TIER + "/lot", 422, "application/problem+json",
                problemNaming("lot-of-another-county", "lotCode").getBytes(StandardCharsets.UTF_8));

        String page = posting("county-clerk").post().uri(PROJECT_PAGE + "/tiers/" + TIER + "/lot")
                .body(BodyInserters.fromFormData("lotCode", "GS-2099-0001")).exchange()
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(element(page, "tier-lot-" + TIER)).contains("这个批次不属于本县，不能关联。", "value=\"GS-2099-0001\"", "stub-correlation");
        assertThat(element(page, "tier-lot-" + LOT_TIER)).doesNotContain("不属于本县", "GS-2099-0001").contains("value=\"WX-2099-0042\"");
    }

    @Test
    void an_unknown_lot_reads_as_crowdfundings_rule_not_the_supply_platforms() {
        GATEWAY.answer("PUT " + CROWDFUNDING + "/tiers/" + TIER + "/lot", 422, "application/problem+json",
                problemNaming("unknown-lot", "lotCode").getBytes(StandardCharsets.UTF_8));

        String page = posting("county-admin").post().uri(PROJECT_PAGE + "/tiers/" + TIER + "/lot")
                .body(BodyInserters.fromFormData("lotCode", "WX-0000")).exchange()
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(element(page, "tier-lot-" + TIER)).contains("供应链平台上没有这个已发布的批次，请核对批次编号。");
    }

    @Test
    void a_dispatch_with_htmx_answers_the_delivery_section_with_what_was_booked_and_the_windows_to_choose_next() {
        GATEWAY.json("POST " + SERVICE_PROJECT + "/deliveries", CrowdfundingMother.dispatchFilledTheWindow());

        String section = posting("county-clerk").post().uri(PROJECT_PAGE + "/deliveries").header("HX-Request", "true")
                .body(BodyInserters.fromFormData("slot", WINDOW)).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(GATEWAY.received()).filteredOn(request -> "POST".equals(request.method())).singleElement().satisfies(sent -> {
            assertThat(sent.path()).isEqualTo(SERVICE_PROJECT + "/deliveries");
            assertThat(sent.body()).isEqualTo("{\"slot\":\"" + WINDOW + "\"}");
            assertThat(sent.authorization()).isEqualTo("Bearer " + USER_TOKEN);
        });
        // The section alone, read again after the dispatch.
        assertThat(section).startsWith("<section id=\"delivery-status\"").doesNotContain("<html", "id=\"pledges\"");
        assertThat(element(section, "dispatch-result")).contains("本次已预约1份，还有1份尚未预约。", "所选时段已满");
        assertThat(element(section, "dispatch-form")).containsSubsequence("value=\"" + LATER_WINDOW + "\"", "2099年7月21日 14:00至16:00",
                "value=\"" + ALTERNATIVE + "\"", "2099年7月22日 09:00至12:00（剩余120.5公斤、9件）").doesNotContain("value=\"" + WINDOW + "\"");
        assertThat(GATEWAY.received()).filteredOn(request -> request.path().equals(SERVICE_PROJECT + "/deliveries") && "GET".equals(request.method()))
                .hasSize(1);
    }

    @Test
    void a_dispatch_refused_for_a_tier_without_its_lot_is_shown_in_the_dispatch_form() {
        GATEWAY.answer("POST " + SERVICE_PROJECT + "/deliveries", 422, "application/problem+json",
                problemNaming("lot-missing", "tier").getBytes(StandardCharsets.UTF_8));

        String page = posting("county-admin").post().uri(PROJECT_PAGE + "/deliveries").body(BodyInserters.fromFormData("slot", WINDOW)).exchange()
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(element(page, "dispatch-form")).contains("有档位已有人付款但还没有关联溯源批次", "value=\"" + WINDOW + "\" selected=\"selected\"");
        assertThat(page).contains("<html");
    }

    @Test
    void a_dispatch_under_way_refused_with_htmx_keeps_the_section_in_place_with_the_reason() {
        GATEWAY.answer("POST " + SERVICE_PROJECT + "/deliveries", 409, "application/problem+json",
                StubGateway.problem(409, "conflict", "dispatch-in-progress").getBytes(StandardCharsets.UTF_8));

        String section = posting("county-clerk").post().uri(PROJECT_PAGE + "/deliveries").header("HX-Request", "true")
                .body(BodyInserters.fromFormData("slot", WINDOW)).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(element(section, "dispatch-form")).contains("此项目正在预约发货，请等这次预约完成后再试。");
    }

    @Test
    void delivery_confirmed_before_every_reward_is_booked_is_refused_in_the_delivery_form() {
        GATEWAY.answer("POST " + SERVICE_PROJECT + "/delivery-confirmation", 422, "application/problem+json",
                problemNaming("rewards-not-dispatched", "status").getBytes(StandardCharsets.UTF_8));

        String page = posting("county-admin").post().uri(PROJECT_PAGE + "/delivery-confirmation").exchange()
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(element(page, "delivery-form")).contains("还有已付款的回报尚未预约发货，全部预约后才能确认交付。");
    }

    /** A 422 naming its rule and field, as crowdfunding writes it. */
    private static String problemNaming(String rule, String field) {
        return """
                {"type":"urn:poverty-platform:problem:rule-violated","title":"Refused","status":422,"rule":"%s","field":"%s","detail":"refused by the stub"}"""
                .formatted(rule, field);
    }

    @Test
    void a_new_project_is_sent_with_yuan_turned_into_fen_exactly_and_china_times_as_instants() {
        GATEWAY.json("POST " + CROWDFUNDING + "/projects", CrowdfundingMother.project("DRAFT"));
        assertThat(element(page(signedIn("county-clerk"), PAGES + "/new"), "project-form")).contains("name=\"goalYuan\"", "name=\"tierPrice2\"",
                "value=\"621222101201\"", "碧口镇 上坝村");

        posting("county-clerk").post().uri(PAGES + "/projects")
                .body(BodyInserters.fromFormData("ownerKind", "COOPERATIVE").with("household", "").with("cooperative", "石峡村花椒专业合作社")
                        .with("shareHousehold0", HOUSEHOLD).with("sharePercent0", "66.66").with("shareHousehold1", OTHER_HOUSEHOLD)
                        .with("sharePercent1", "33.34").with("village", "621222101202").with("title", "核桃预售").with("story", "核桃。")
                        .with("photos", "a.jpg\r\n\r\n b.jpg ").with("goalYuan", "12345.67").with("startsAt", "2099-06-01T08:00")
                        .with("deadline", "2099-07-01T00:00").with("deliveryFrom", "2099-07-15").with("deliveryTo", "2099-08-15")
                        .with("tierName0", "五斤装").with("tierProduct0", "核桃").with("tierQuantity0", "2.5 kg").with("tierWeight0", "2600")
                        .with("tierPrice0", "0.1").with("tierLimit0", "200").with("tierName1", "").with("tierPrice1", "")).exchange()
                .expectStatus().isSeeOther()
                .expectHeader().location(PROJECT_PAGE);

        assertThat(GATEWAY.received()).filteredOn(request -> "POST".equals(request.method())).singleElement().satisfies(sent -> {
            assertThat(sent.path()).isEqualTo(CROWDFUNDING + "/projects");
            assertThat(sent.body()).isEqualTo("{\"ownerKind\":\"COOPERATIVE\",\"household\":null,\"cooperative\":\"石峡村花椒专业合作社\","
                    + "\"village\":\"621222101202\",\"title\":\"核桃预售\",\"story\":\"核桃。\",\"photos\":[\"a.jpg\",\"b.jpg\"],\"goalFen\":1234567,"
                    + "\"startsAt\":\"2099-06-01T00:00:00Z\",\"deadline\":\"2099-06-30T16:00:00Z\",\"deliveryFrom\":\"2099-07-15\","
                    + "\"deliveryTo\":\"2099-08-15\",\"shares\":[{\"household\":\"" + HOUSEHOLD + "\",\"basisPoints\":6666},"
                    + "{\"household\":\"" + OTHER_HOUSEHOLD + "\",\"basisPoints\":3334}],\"tiers\":[{\"name\":\"五斤装\",\"product\":\"核桃\","
                    + "\"quantity\":\"2.5 kg\",\"weightGrams\":2600,\"priceFen\":10,\"limit\":200}]}");
            assertThat(sent.authorization()).isEqualTo("Bearer " + USER_TOKEN);
        });
    }

    @Test
    void a_returned_draft_opens_in_the_form_with_its_values_as_typed_and_the_review_note_above() {
        GATEWAY.json("GET " + SERVICE_PROJECT, CrowdfundingMother.returnedDraft());
        assertThat(element(page(signedIn("county-clerk"), PROJECT_PAGE), "edit-project")).contains("href=\"" + PROJECT_PAGE + "/edit\"", "修改草稿");
        assertThat(page(signedIn("village-cadre"), PROJECT_PAGE)).doesNotContain("id=\"edit-project\"");
        inStatus("SUBMITTED");
        assertThat(page(signedIn("county-clerk"), PROJECT_PAGE)).doesNotContain("id=\"edit-project\"");
        GATEWAY.json("GET " + SERVICE_PROJECT, CrowdfundingMother.returnedDraft());

        String page = page(signedIn("county-clerk"), PROJECT_PAGE + "/edit");

        assertThat(element(page, "review-note")).contains("审核退回意见（clerk-621222）", "故事里的亩产数字请与村里核实");
        String form = element(page, "project-form");
        // Fen as yuan with two decimals, instants as China time (UTC+8): sent back unchanged, they are the same values.
        assertThat(form).contains("action=\"" + PROJECT_PAGE + "/edit\"", "value=\"HOUSEHOLD\" required checked=\"checked\"", "value=\"" + HOUSEHOLD + "\"",
                        "value=\"621222101201\" selected=\"selected\"", "value=\"石峡村的大红袍花椒，预售今秋新椒\"", ">我家种了三亩花椒，今年雨水好。</textarea>",
                        ">projects/2026/shixia-1.jpg</textarea>", "name=\"goalYuan\"", "value=\"30000.00\"", "value=\"2099-06-01T08:00\"",
                        "value=\"2099-07-01T08:00\"", "value=\"2099-07-15\"", "value=\"2099-08-15\"", "保存修改")
                .containsSubsequence("name=\"tierName0\"", "value=\"五斤装花椒\"", "value=\"2600\"", "value=\"198.00\"", "value=\"200\"",
                        "name=\"tierName1\"", "value=\"一斤尝鲜装\"", "value=\"49.90\"", "value=\"500\"", "name=\"tierName2\"");
        // A household's project shows no shares (its single share of 100 % is the service's).
        assertThat(form).contains("name=\"shareHousehold0\" maxlength=\"36\" value=\"\"");
    }

    @Test
    void a_rewritten_draft_is_put_with_the_same_exact_conversions_as_a_new_one() {
        GATEWAY.json("PUT " + SERVICE_PROJECT, CrowdfundingMother.project("DRAFT"));

        posting("county-clerk").post().uri(PROJECT_PAGE + "/edit")
                .body(BodyInserters.fromFormData("ownerKind", "HOUSEHOLD").with("household", HOUSEHOLD).with("cooperative", "")
                        .with("shareHousehold0", "").with("sharePercent0", "").with("village", "621222101201").with("title", "石峡村的大红袍花椒")
                        .with("story", "亩产已与村里核实。").with("photos", "projects/2026/shixia-1.jpg").with("goalYuan", "30000.00")
                        .with("startsAt", "2099-06-01T08:00").with("deadline", "2099-07-01T08:00").with("deliveryFrom", "2099-07-15")
                        .with("deliveryTo", "2099-08-15").with("tierName0", "五斤装花椒").with("tierProduct0", "大红袍花椒").with("tierQuantity0", "2.5 kg")
                        .with("tierWeight0", "2600").with("tierPrice0", "198.00").with("tierLimit0", "200").with("tierName1", "一斤尝鲜装")
                        .with("tierProduct1", "大红袍花椒").with("tierQuantity1", "0.5 kg").with("tierWeight1", "600").with("tierPrice1", "49.90")
                        .with("tierLimit1", "500").with("tierName2", "").with("tierPrice2", "").with("tierName3", "十斤装").with("tierPrice3", "0.3"))
                .exchange()
                .expectStatus().isSeeOther()
                .expectHeader().location(PROJECT_PAGE);

        assertThat(GATEWAY.received()).filteredOn(request -> "PUT".equals(request.method())).singleElement().satisfies(sent -> {
            assertThat(sent.path()).isEqualTo(SERVICE_PROJECT);
            assertThat(sent.body()).isEqualTo("{\"ownerKind\":\"HOUSEHOLD\",\"household\":\"" + HOUSEHOLD + "\",\"cooperative\":null,"
                    + "\"village\":\"621222101201\",\"title\":\"石峡村的大红袍花椒\",\"story\":\"亩产已与村里核实。\","
                    + "\"photos\":[\"projects/2026/shixia-1.jpg\"],\"goalFen\":3000000,\"startsAt\":\"2099-06-01T00:00:00Z\","
                    + "\"deadline\":\"2099-07-01T00:00:00Z\",\"deliveryFrom\":\"2099-07-15\",\"deliveryTo\":\"2099-08-15\",\"shares\":null,"
                    + "\"tiers\":[{\"name\":\"五斤装花椒\",\"product\":\"大红袍花椒\",\"quantity\":\"2.5 kg\",\"weightGrams\":2600,\"priceFen\":19800,\"limit\":200},"
                    + "{\"name\":\"一斤尝鲜装\",\"product\":\"大红袍花椒\",\"quantity\":\"0.5 kg\",\"weightGrams\":600,\"priceFen\":4990,\"limit\":500},"
                    + "{\"name\":\"十斤装\",\"product\":null,\"quantity\":null,\"weightGrams\":null,\"priceFen\":30,\"limit\":null}]}");
            assertThat(sent.authorization()).isEqualTo("Bearer " + USER_TOKEN);
        });
    }

    @Test
    void rewriting_a_project_no_longer_a_draft_is_refused_as_frozen_in_the_form_with_what_was_typed() {
        inStatus("SUBMITTED");
        GATEWAY.answer("PUT " + SERVICE_PROJECT, 409, "application/problem+json",
                StubGateway.problem(409, "conflict", "frozen").getBytes(StandardCharsets.UTF_8));

        String page = posting("county-clerk").post().uri(PROJECT_PAGE + "/edit")
                .body(BodyInserters.fromFormData("ownerKind", "HOUSEHOLD").with("household", HOUSEHOLD).with("title", "改过的标题")
                        .with("goalYuan", "30000.00")).exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(element(page, "project-form")).contains("项目已提交，只有草稿可以修改。", "value=\"改过的标题\"", "action=\"" + PROJECT_PAGE + "/edit\"");
        assertThat(page).doesNotContain("refused by the stub");
    }

    @Test
    void staff_refund_a_funded_projects_paid_pledge_from_its_row_with_a_note() {
        GATEWAY.json("POST " + CROWDFUNDING + "/pledges/" + PAID_PLEDGE + "/refund", """
                {"id":"%s","pledge":"%s","project":"%s","amountFen":39600,"reason":"UNDELIVERED","note":"快递丢件","status":"REQUESTED","attempts":0,
                 "nextAttemptAt":"2099-07-03T02:00:00Z","lastError":null,"requestedAt":"2099-07-03T02:00:00Z","confirmedAt":null,
                 "paymentPartner":"partner-pay"}""".formatted(REFUND, PAID_PLEDGE, PROJECT));

        String page = page(signedIn("county-clerk"), PROJECT_PAGE);
        assertThat(element(page, "pledge-refund-" + PAID_PLEDGE)).contains("action=\"" + PROJECT_PAGE + "/pledges/" + PAID_PLEDGE + "/refund\"",
                "name=\"note\"", "required", "data-confirm=", "退款");
        assertThat(element(page, "pledge-refund-" + PLEDGE)).doesNotContain("<form");
        assertThat(page(signedIn("auditor"), PROJECT_PAGE)).doesNotContain("pledge-refund-", "/refund\"");
        inStatus("DELIVERED");
        GATEWAY.json("GET " + SERVICE_PROJECT + "/deliveries", CrowdfundingMother.delivered());
        assertThat(page(signedIn("county-admin"), PROJECT_PAGE)).doesNotContain("pledge-refund-");

        posting("county-clerk").post().uri(PROJECT_PAGE + "/pledges/" + PAID_PLEDGE + "/refund")
                .body(BodyInserters.fromFormData("note", " 快递丢件 ").with("pledges", "").with("offset", "0")).exchange()
                .expectStatus().isSeeOther().expectHeader().location(PROJECT_PAGE + "#refund-section");

        assertThat(GATEWAY.received()).filteredOn(request -> "POST".equals(request.method()))
                .extracting(StubGateway.Received::path, StubGateway.Received::body, StubGateway.Received::authorization)
                .containsExactly(tuple(CROWDFUNDING + "/pledges/" + PAID_PLEDGE + "/refund", "{\"note\":\"快递丢件\"}", "Bearer " + USER_TOKEN));
    }

    @Test
    void a_refused_refund_is_shown_in_its_pledges_row_on_the_page_it_was_sent_from() {
        GATEWAY.answer("POST " + CROWDFUNDING + "/pledges/" + PAID_PLEDGE + "/refund", 409, "application/problem+json",
                StubGateway.problem(409, "conflict", "not-paid").getBytes(StandardCharsets.UTF_8));

        String page = posting("county-admin").post().uri(PROJECT_PAGE + "/pledges/" + PAID_PLEDGE + "/refund")
                .body(BodyInserters.fromFormData("note", "快递丢件").with("pledges", "PAID").with("offset", "50")).exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(element(page, "pledge-refund-" + PAID_PLEDGE)).contains("只有已支付的认筹可以退款。", "value=\"快递丢件\"", "stub-correlation");
        assertThat(element(page, "cancellation-form")).doesNotContain("只有已支付");
        assertThat(GATEWAY.received()).filteredOn(request -> request.path().equals(SERVICE_PROJECT + "/pledges")).singleElement()
                .satisfies(request -> assertThat(request.query()).isEqualTo("limit=50&offset=50&status=PAID"));
    }

    @Test
    void an_amount_finer_than_a_fen_is_not_sent_and_is_marked_in_the_form() {
        String page = posting("county-clerk").post().uri(PAGES + "/projects")
                .body(BodyInserters.fromFormData("ownerKind", "HOUSEHOLD").with("household", HOUSEHOLD).with("title", "花椒预售")
                        .with("goalYuan", "12.345")).exchange()
                .expectStatus().isBadRequest()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(element(page, "project-form")).contains("“目标金额”填写有误，请检查。", "value=\"12.345\"", "value=\"花椒预售\"");
        assertThat(GATEWAY.received()).noneMatch(request -> "POST".equals(request.method()));
    }

    @Test
    void the_pages_read_in_english() {
        String page = signedIn("county-admin").get().uri(PROJECT_PAGE).cookie("portal-lang", "en").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();

        assertThat(element(page, "status")).contains("Funded");
        assertThat(element(page, "money-figures")).contains("Received", "30,500.00", "Balance", "30,450.10");
    }
}
