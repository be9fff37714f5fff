package org.povertyalleviation.portal.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.povertyalleviation.portal.training.TrainingMother.CADRE_COURSE;
import static org.povertyalleviation.portal.training.TrainingMother.CERTIFICATE;
import static org.povertyalleviation.portal.training.TrainingMother.COURSE;
import static org.povertyalleviation.portal.training.TrainingMother.HOUSEHOLD;
import static org.povertyalleviation.portal.training.TrainingMother.LI;
import static org.povertyalleviation.portal.training.TrainingMother.MEMBER;
import static org.povertyalleviation.portal.training.TrainingMother.OTHER_SITTING;
import static org.povertyalleviation.portal.training.TrainingMother.PAST_SESSION;
import static org.povertyalleviation.portal.training.TrainingMother.SESSION;
import static org.povertyalleviation.portal.training.TrainingMother.SITTING;
import static org.povertyalleviation.portal.training.TrainingMother.SUN;
import static org.povertyalleviation.portal.training.TrainingMother.TRAINING;
import static org.povertyalleviation.portal.training.TrainingMother.WANG;
import static org.povertyalleviation.portal.training.TrainingMother.ZHAO;
import static org.povertyalleviation.portal.training.TrainingMother.ZHOU;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.povertyalleviation.portal.pages.PagesTest;
import org.povertyalleviation.portal.pages.StubGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.util.HtmlUtils;

/** The training pages against a stubbed gateway that answers as the training service does ({@link PagesTest}). */
class TrainingPagesTest extends PagesTest {

    private static final String PAGES = "/counties/621222/training";
    private static final String SESSION_PAGE = PAGES + "/sessions/" + SESSION;

    @BeforeEach
    void trainingAnswers() {
        GATEWAY.json(TRAINING + "/courses", TrainingMother.courses())
                .json(TRAINING + "/courses/" + COURSE, TrainingMother.course())
                .json("GET " + TRAINING + "/sessions", TrainingMother.sessions())
                .json("GET " + TRAINING + "/sessions/" + SESSION, TrainingMother.session())
                .json("GET " + TRAINING + "/sessions/" + SESSION + "/sittings", TrainingMother.sittings())
                .json(TRAINING + "/sessions/" + SESSION + "/certificates", TrainingMother.certificates())
                .json(TRAINING + "/sittings/" + SITTING + "/attendance", TrainingMother.attendance())
                .json(TRAINING + "/sittings/" + OTHER_SITTING + "/attendance", TrainingMother.otherAttendance())
                .json(TRAINING + "/sittings/" + SITTING + "/screen", TrainingMother.screen())
                .json("GET " + TRAINING + "/certificates/" + CERTIFICATE, TrainingMother.certificate("VALID"))
                .json(TRAINING + "/certificates/expiring", TrainingMother.certificates())
                .json(TRAINING + "/coverage", TrainingMother.coverage())
                .json("/api/county-registry/counties/621222/townships", TrainingMother.townships())
                .json("/api/county-registry/counties/621222/villages", TrainingMother.villages());
    }

    @Test
    void the_catalogue_lists_the_courses_with_their_rules_and_the_sessions_with_their_places_and_waitlists() {
        String page = page(signedIn("county-clerk"), PAGES);

        assertThat(element(page, "courses")).containsSubsequence("网店运营实操", "网店运营", "24学时", "贫困户成员", "返乡青年", "网店运营",
                "出勤不少于80%", "须考核合格", "证书有效期24个月", "村干部电商带头人", "村干部培训", "12.5学时", "村干部", "无", "出勤不少于100%",
                "不需考核", "长期有效");
        String sessions = element(page, "sessions");
        assertThat(sessions).containsSubsequence("href=\"/counties/621222/training/sessions/" + PAST_SESSION + "\"", "村干部电商带头人", "村", "上坝村",
                "上坝村村委会会议室", "陇南电商学院 李老师", "3", "3", "0",
                "href=\"/counties/621222/training/sessions/" + SESSION + "\"", "网店运营实操", "县电商学院", "县电商学院201教室", "王老师", "3", "3", "2",
                "partner-wen");
        // The list counts each session's waitlist: no session is read one by one.
        assertThat(GATEWAY.received()).extracting(StubGateway.Received::method, StubGateway.Received::path)
                .doesNotContain(tuple("GET", TRAINING + "/sessions/" + SESSION), tuple("GET", TRAINING + "/sessions/" + PAST_SESSION));
        assertThat(GATEWAY.received()).filteredOn(request -> request.path().equals(TRAINING + "/sessions"))
                .singleElement().satisfies(request -> {
                    assertThat(request.query()).startsWith("from=").contains("limit=200");
                    assertThat(request.authorization()).isEqualTo("Bearer " + USER_TOKEN);
                });
        assertThat(element(page, "course-form")).contains("action=\"/counties/621222/training/courses\"", "name=\"targetGroups\"", "name=\"_csrf\"");
        assertThat(element(page, "session-form")).contains("action=\"/counties/621222/training/sessions\"", "value=\"" + COURSE + "\"",
                "value=\"621222101\"", "碧口镇 上坝村");
    }

    @Test
    void readers_who_do_not_run_training_get_no_course_or_session_form() {
        String cadre = page(signedIn("village-cadre"), PAGES);
        assertThat(cadre).contains("id=\"courses\"").doesNotContain("id=\"course-form\"", "id=\"session-form\"");
        assertThat(page(signedIn("auditor"), PAGES)).doesNotContain("id=\"course-form\"", "id=\"session-form\"");
    }

    @Test
    void offering_a_course_and_scheduling_a_session_post_them_to_the_service() {
        GATEWAY.json("POST " + TRAINING + "/courses", TrainingMother.course())
                .json("POST " + TRAINING + "/sessions", TrainingMother.session());

        posting("county-admin").post().uri(PAGES + "/courses")
                .body(BodyInserters.fromFormData("title", " 网店运营实操 ").with("level", "SHOP_OPERATION").with("hours", "24")
                        .with("targetGroups", "POOR_HOUSEHOLD_MEMBER").with("targetGroups", "RETURNING_YOUTH").with("skill", "SHOP_OPERATION")
                        .with("attendancePercent", "80").with("assessment", "true").with("validMonths", "")).exchange()
                .expectStatus().isSeeOther()
                .expectHeader().location("/counties/621222/training#course-" + COURSE);
        posting("county-clerk").post().uri(PAGES + "/sessions")
                .body(BodyInserters.fromFormData("course", COURSE).with("placeKind", "VILLAGE").with("township", "621222101")
                        .with("village", "621222101201").with("address", "上坝村村委会会议室").with("lecturer", "李老师").with("capacity", "40")
                        .with("startsOn", "2099-03-10").with("endsOn", "2099-03-12").with("partnerClient", "")).exchange()
                .expectStatus().isSeeOther()
                .expectHeader().location("/counties/621222/training/sessions/" + SESSION);

        assertThat(GATEWAY.received()).filteredOn(request -> "POST".equals(request.method()))
                .extracting(StubGateway.Received::path, StubGateway.Received::body, StubGateway.Received::authorization)
                .containsExactly(
                        tuple(TRAINING + "/courses", "{\"title\":\"网店运营实操\",\"level\":\"SHOP_OPERATION\",\"hours\":24,"
                                + "\"targetGroups\":[\"POOR_HOUSEHOLD_MEMBER\",\"RETURNING_YOUTH\"],\"skill\":\"SHOP_OPERATION\",\"attendancePercent\":80,"
                                + "\"assessment\":true,\"validMonths\":null}", "Bearer " + USER_TOKEN),
                        tuple(TRAINING + "/sessions", "{\"course\":\"" + COURSE + "\",\"placeKind\":\"VILLAGE\",\"township\":null,"
                                + "\"village\":\"621222101201\",\"address\":\"上坝村村委会会议室\",\"lecturer\":\"李老师\",\"capacity\":40,"
                                + "\"startsOn\":\"2099-03-10\",\"endsOn\":\"2099-03-12\",\"partnerClient\":null}", "Bearer " + USER_TOKEN));
    }

    @Test
    void a_refused_course_is_shown_in_its_form_with_the_field_marked_and_what_was_typed_kept() {
        GATEWAY.answer("POST " + TRAINING + "/courses", 400, "application/problem+json",
                ("{\"type\":\"urn:poverty-platform:problem:invalid-request\",\"status\":400,\"detail\":\"refused by the stub\","
                        + "\"invalid-params\":[{\"name\":\"targetGroups\",\"reason\":\"must name at least one group\"}]}").getBytes(StandardCharsets.UTF_8));

        String page = posting("county-clerk").post().uri(PAGES + "/courses")
                .body(BodyInserters.fromFormData("title", "直播带货进阶").with("level", "LIVE_STREAMING").with("hours", "16")
                        .with("attendancePercent", "80")).exchange()
                .expectStatus().isBadRequest()
                .expectBody(String.class).returnResult().getResponseBody();

        String form = element(page, "course-form");
        assertThat(form).contains("提交的内容有误", "请至少选择一类培训对象。", "value=\"直播带货进阶\"", "value=\"LIVE_STREAMING\" selected=\"selected\"");
        assertThat(element(page, "session-form")).doesNotContain("提交的内容有误");
        assertThat(page).doesNotContain("refused by the stub");
    }

    @Test
    void the_session_shows_its_people_in_order_with_attendance_assessment_and_certificate_and_names_kept_masked() {
        String page = page(signedIn("county-clerk"), SESSION_PAGE);

        assertThat(element(page, "session-facts")).contains("网店运营实操", "出勤不少于80%", "县电商学院201教室", "王老师",
                "已报名3人 / 名额3人，候补2人", "partner-wen");
        String wang = element(page, "enrolment-" + WANG);
        assertThat(wang).containsSubsequence("王**", "href=\"/counties/621222/households/" + HOUSEHOLD + "\"", "138****5678", "贫困户成员", "上坝村",
                "出勤2次 / 共2次课", "已达出勤要求", "合格",
                "action=\"/counties/621222/training/sessions/" + SESSION + "/enrolments/" + WANG + "/assessment\"", "value=\"true\"", "value=\"false\"",
                "action=\"/counties/621222/training/sessions/" + SESSION + "/enrolments/" + WANG + "/certificate\"", "发放证书",
                "action=\"/counties/621222/training/sessions/" + SESSION + "/enrolments/" + WANG + "/cancellation\"", "取消报名");
        assertThat(element(page, "enrolment-" + LI)).contains("李**", "139****1234", "返乡青年", "出勤1次 / 共2次课", "未达出勤要求", "未考核")
                .doesNotContain("/households/");
        assertThat(element(page, "enrolment-" + ZHAO)).contains("赵**", "href=\"/counties/621222/training/certificates/" + CERTIFICATE + "\"",
                "K7Q2M9XA", "有效").doesNotContain("发放证书", "/cancellation");
        // The waitlist in the order the service gives it.
        assertThat(element(page, "waitlist")).containsSubsequence("1", "孙**", "135****2222", "高山村", "2", "周**", "大学毕业生",
                "/enrolments/" + ZHOU + "/cancellation");
        assertThat(element(page, "cancelled")).contains("吴**");
        // The sittings in time order, each with its check-ins counted, the late ones and the lecturer's marks.
        assertThat(element(page, "sitting-list")).containsSubsequence("id=\"sitting-" + SITTING + "\"", "id=\"sitting-" + OTHER_SITTING + "\"");
        assertThat(element(page, "sitting-" + SITTING)).containsSubsequence("2099年3月10日", "3 / 3", ">1<", ">0<", "/training/sittings/" + SITTING + "/screen");
        assertThat(element(page, "sitting-" + OTHER_SITTING)).containsSubsequence("2099年3月11日", "2 / 3", ">0<", ">1<",
                "/training/sittings/" + OTHER_SITTING + "/screen");
        assertThat(element(page, "session-certificates")).contains("K7Q2M9XA", "赵**", "2101");
        assertThat(element(page, "enrol-form")).contains("name=\"household\"", "name=\"member\"", "name=\"name\"", "name=\"phone\"", "name=\"targetGroup\"");
        assertThat(element(page, "sitting-form")).contains("action=\"/counties/621222/training/sessions/" + SESSION + "/sittings\"");
        // The portal has no names of its own: what the service masked stays masked.
        assertThat(page).doesNotContain("王秀兰", "13812345678");
    }

    @Test
    void a_village_cadre_enrols_and_cancels_but_gets_no_assessment_certificate_or_sitting_forms() {
        String page = page(signedIn("village-cadre"), SESSION_PAGE);

        assertThat(page).contains("id=\"enrol-form\"", "/enrolments/" + LI + "/cancellation")
                .doesNotContain("/assessment\"", "/certificate\"", "id=\"sitting-form\"");
        assertThat(element(page, "sitting-list")).contains("打开讲师签到屏");
        assertThat(page(signedIn("auditor"), SESSION_PAGE)).contains("查看签到情况").doesNotContain("id=\"enrol-form\"", "/cancellation\"");
    }

    @Test
    void enrolling_posts_a_member_or_anyone_by_name_to_the_service() {
        GATEWAY.json("POST " + TRAINING + "/sessions/" + SESSION + "/enrolments",
                TrainingMother.enrolment(SUN, null, null, null, "孙**", null, "OTHER", "WAITLISTED", null, "2026-12-02T01:00:00Z"));

        posting("village-cadre").post().uri(SESSION_PAGE + "/enrolments")
                .body(BodyInserters.fromFormData("household", HOUSEHOLD).with("member", MEMBER).with("name", "王秀兰").with("phone", "")
                        .with("targetGroup", "POOR_HOUSEHOLD_MEMBER").with("village", "")).exchange()
                .expectStatus().isSeeOther()
                .expectHeader().location(SESSION_PAGE + "#enrolment-" + SUN);
        posting("county-clerk").post().uri(SESSION_PAGE + "/enrolments")
                .body(BodyInserters.fromFormData("household", "").with("member", "").with("name", "张小梅").with("phone", "13912345678")
                        .with("targetGroup", "RETURNING_YOUTH").with("village", "621222101202")).exchange()
                .expectStatus().isSeeOther();

        assertThat(GATEWAY.received()).filteredOn(request -> "POST".equals(request.method()))
                .extracting(StubGateway.Received::path, StubGateway.Received::body)
                .containsExactly(
                        tuple(TRAINING + "/sessions/" + SESSION + "/enrolments", "{\"household\":\"" + HOUSEHOLD + "\",\"member\":\"" + MEMBER + "\","
                                + "\"village\":null,\"name\":\"王秀兰\",\"phone\":null,\"targetGroup\":\"POOR_HOUSEHOLD_MEMBER\"}"),
                        tuple(TRAINING + "/sessions/" + SESSION + "/enrolments", "{\"household\":null,\"member\":null,\"village\":\"621222101202\","
                                + "\"name\":\"张小梅\",\"phone\":\"13912345678\",\"targetGroup\":\"RETURNING_YOUTH\"}"));
    }

    @Test
    void a_household_id_that_is_none_is_not_sent_and_is_marked_in_the_form() {
        String page = posting("county-clerk").post().uri(SESSION_PAGE + "/enrolments")
                .body(BodyInserters.fromFormData("household", "621222-0001").with("member", MEMBER).with("name", "王秀兰")
                        .with("targetGroup", "POOR_HOUSEHOLD_MEMBER")).exchange()
                .expectStatus().isBadRequest()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(element(page, "enrol-form")).contains("“户编号”填写有误，请检查。", "value=\"621222-0001\"", "value=\"王秀兰\"");
        assertThat(GATEWAY.received()).noneMatch(request -> "POST".equals(request.method()));
    }

    @Test
    void cancelling_tells_who_took_the_place_from_the_waitlist() {
        GATEWAY.json("POST " + TRAINING + "/enrolments/" + WANG + "/cancellation", TrainingMother.cancellation(SUN));

        posting("village-cadre").post().uri(SESSION_PAGE + "/enrolments/" + WANG + "/cancellation").exchange()
                .expectStatus().isSeeOther()
                .expectHeader().location(SESSION_PAGE + "?cancelled=" + WANG + "&promoted=" + SUN + "#enrolments");
        assertThat(GATEWAY.received()).filteredOn(request -> "POST".equals(request.method()))
                .extracting(StubGateway.Received::path, StubGateway.Received::authorization)
                .containsExactly(tuple(TRAINING + "/enrolments/" + WANG + "/cancellation", "Bearer " + USER_TOKEN));

        GATEWAY.json("GET " + TRAINING + "/sessions/" + SESSION, TrainingMother.sessionAfterCancellation());
        String page = page(signedIn("village-cadre"), SESSION_PAGE + "?cancelled=" + WANG + "&promoted=" + SUN);
        assertThat(element(page, "cancelled-notice")).contains("已取消王**的报名。", "候补第一位的孙**已递补入班。");
        assertThat(element(page, "enrolment-" + SUN)).contains("class=\"promoted\"", "孙**");
        assertThat(element(page, "waitlist")).contains("周**").doesNotContain("孙**");
    }

    @Test
    void the_assessment_is_put_and_a_certificate_issued_opens_its_page() {
        GATEWAY.json("PUT " + TRAINING + "/enrolments/" + LI + "/assessment",
                        TrainingMother.enrolment(LI, null, null, null, "李**", null, "RETURNING_YOUTH", "ENROLLED", false, "2026-12-01T03:00:00Z"))
                .json("POST " + TRAINING + "/enrolments/" + WANG + "/certificate", TrainingMother.certificate("VALID"));

        posting("county-clerk").post().uri(SESSION_PAGE + "/enrolments/" + LI + "/assessment")
                .body(BodyInserters.fromFormData("passed", "false")).exchange()
                .expectStatus().isSeeOther()
                .expectHeader().location(SESSION_PAGE + "#enrolment-" + LI);
        posting("county-clerk").post().uri(SESSION_PAGE + "/enrolments/" + WANG + "/certificate").exchange()
                .expectStatus().isSeeOther()
                .expectHeader().location("/counties/621222/training/certificates/" + CERTIFICATE);

        assertThat(GATEWAY.received()).filteredOn(request -> !"GET".equals(request.method()))
                .extracting(StubGateway.Received::method, StubGateway.Received::path, StubGateway.Received::body)
                .containsExactly(tuple("PUT", TRAINING + "/enrolments/" + LI + "/assessment", "{\"passed\":false}"),
                        tuple("POST", TRAINING + "/enrolments/" + WANG + "/certificate", "{}"));
    }

    @Test
    void a_refused_certificate_is_shown_beside_the_person_by_its_rule() {
        GATEWAY.answer("POST " + TRAINING + "/enrolments/" + LI + "/certificate", 422, "application/problem+json",
                StubGateway.problem(422, "rule-violated", "attendance-below-threshold").getBytes(StandardCharsets.UTF_8));

        String page = posting("county-clerk").post().uri(SESSION_PAGE + "/enrolments/" + LI + "/certificate").exchange()
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(element(page, "enrolment-" + LI)).contains("出勤次数未达到课程要求，不能发证。", "stub-correlation");
        assertThat(element(page, "enrolment-" + WANG)).doesNotContain("出勤次数未达到课程要求");
        assertThat(page).doesNotContain("refused by the stub", "attendance-below-threshold<");

        GATEWAY.answer("POST " + TRAINING + "/enrolments/" + WANG + "/certificate", 422, "application/problem+json",
                StubGateway.problem(422, "assessment-not-passed", "assessment-not-passed").getBytes(StandardCharsets.UTF_8));
        String refused = posting("county-clerk").post().uri(SESSION_PAGE + "/enrolments/" + WANG + "/certificate").exchange()
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(element(refused, "enrolment-" + WANG)).contains("尚未考核合格，不能发证。");
    }

    @Test
    void a_sitting_is_planned_in_china_time() {
        GATEWAY.json("POST " + TRAINING + "/sessions/" + SESSION + "/sittings",
                TrainingMother.sitting(SITTING, "2099-03-10T01:00:00Z", "2099-03-10T04:00:00Z"));

        posting("county-admin").post().uri(SESSION_PAGE + "/sittings")
                .body(BodyInserters.fromFormData("day", "2099-03-10").with("startsAt", "09:00").with("endsAt", "12:00")).exchange()
                .expectStatus().isSeeOther()
                .expectHeader().location(SESSION_PAGE + "#sitting-" + SITTING);

        assertThat(GATEWAY.received()).filteredOn(request -> "POST".equals(request.method()))
                .extracting(StubGateway.Received::path, StubGateway.Received::body)
                .singleElement().satisfies(sent -> {
                    assertThat(sent.toList()).first().isEqualTo(TRAINING + "/sessions/" + SESSION + "/sittings");
                    assertThat((String) sent.toList().get(1)).contains("\"startsAt\":\"2099-03-10T01:00:00Z\"", "\"endsAt\":\"2099-03-10T04:00:00Z\"");
                });
    }

    @Test
    void the_lecturers_screen_shows_the_qr_code_the_six_digits_and_the_room_refreshing_and_never_cached() {
        String page = signedIn("village-cadre").get().uri(PAGES + "/sittings/" + SITTING + "/screen").exchange()
                .expectStatus().isOk()
                .expectHeader().value("Cache-Control", value -> assertThat(value).contains("no-store"))
                .expectBody(String.class).returnResult().getResponseBody();

        String live = element(page, "screen-live");
        assertThat(live).contains("hx-get=\"/counties/621222/training/sittings/" + SITTING + "/screen/live\"", "hx-trigger=\"every 5s\"",
                "hx-swap=\"outerHTML\"");
        assertThat(live).contains("<img id=\"screen-qr\" src=\"/counties/621222/training/sittings/" + SITTING + "/qr.svg?at=4076789430\"");
        assertThat(element(page, "fallback-code")).contains("482913");
        assertThat(element(page, "screen-figures")).containsSubsequence("已签到", "3 / 3", "迟到", "1", "重复签到", "1", "讲师补签", "0");
        assertThat(element(page, "check-in-list")).containsSubsequence("王**", "扫码", "李**", "签到码", "迟到", "赵**", "扫码",
                "class=\"not-counted\"", "王**", "重复");
        assertThat(element(page, "mark-form")).contains("action=\"/counties/621222/training/sittings/" + SITTING + "/attendance-marks\"",
                "value=\"" + WANG + "\"", "value=\"" + LI + "\"", "王**", "name=\"reason\"").doesNotContain("value=\"" + SUN + "\"");
        assertThat(page).contains("href=\"/counties/621222/training/sessions/" + SESSION + "\"");

        String fragment = signedIn("village-cadre").get().uri(PAGES + "/sittings/" + SITTING + "/screen/live").header("HX-Request", "true").exchange()
                .expectStatus().isOk()
                .expectHeader().value("Cache-Control", value -> assertThat(value).contains("no-store"))
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(fragment).startsWith("<section").contains("482913", "qr.svg?at=").doesNotContain("<html", "mark-form");
    }

    @Test
    void the_qr_code_passes_through_with_the_users_token_and_is_never_cached() {
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 29 29\"><path d=\"M0 0h7v7H0z\"/></svg>";
        GATEWAY.answer(TRAINING + "/sittings/" + SITTING + "/qr.svg", 200, "image/svg+xml", svg.getBytes(StandardCharsets.UTF_8));

        byte[] image = signedIn("county-clerk").get().uri(PAGES + "/sittings/" + SITTING + "/qr.svg?at=4076789430").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("image/svg+xml")
                .expectHeader().value("Cache-Control", value -> assertThat(value).contains("no-store"))
                .expectBody().returnResult().getResponseBody();

        assertThat(new String(image, StandardCharsets.UTF_8)).isEqualTo(svg);
        assertThat(GATEWAY.received()).extracting(StubGateway.Received::path, StubGateway.Received::authorization)
                .contains(tuple(TRAINING + "/sittings/" + SITTING + "/qr.svg", "Bearer " + USER_TOKEN));
    }

    @Test
    void readers_who_do_not_lecture_see_the_check_ins_without_the_code() {
        String page = page(signedIn("auditor"), PAGES + "/sittings/" + SITTING + "/screen");

        assertThat(element(page, "screen-figures")).contains("3 / 3");
        assertThat(element(page, "check-in-list")).contains("李**", "迟到");
        assertThat(page).doesNotContain("qr.svg", "482913", "id=\"mark-form\"");
        assertThat(GATEWAY.received()).extracting(StubGateway.Received::path).doesNotContain(TRAINING + "/sittings/" + SITTING + "/screen");
    }

    @Test
    void a_lecturers_mark_is_posted_with_its_reason_and_a_refusal_shown_on_the_screen() {
        GATEWAY.json("POST " + TRAINING + "/sittings/" + SITTING + "/attendance-marks",
                TrainingMother.checkIn("a1000000-0000-4000-8000-000000000009", SITTING, LI, "MANUAL", "2099-03-10T01:40:00Z", true, null, "手机没电",
                        "cadre-621222101201"));

        posting("village-cadre").post().uri(PAGES + "/sittings/" + SITTING + "/attendance-marks")
                .body(BodyInserters.fromFormData("enrolment", LI).with("reason", " 手机没电 ")).exchange()
                .expectStatus().isSeeOther()
                .expectHeader().location(PAGES + "/sittings/" + SITTING + "/screen#check-ins");
        assertThat(GATEWAY.received()).filteredOn(request -> "POST".equals(request.method()))
                .extracting(StubGateway.Received::path, StubGateway.Received::body, StubGateway.Received::authorization)
                .containsExactly(tuple(TRAINING + "/sittings/" + SITTING + "/attendance-marks", "{\"enrolment\":\"" + LI + "\",\"reason\":\"手机没电\"}",
                        "Bearer " + USER_TOKEN));

        GATEWAY.answer("POST " + TRAINING + "/sittings/" + SITTING + "/attendance-marks", 422, "application/problem+json",
                StubGateway.problem(422, "rule-violated", "not-enrolled").getBytes(StandardCharsets.UTF_8));
        String refused = posting("village-cadre").post().uri(PAGES + "/sittings/" + SITTING + "/attendance-marks")
                .body(BodyInserters.fromFormData("enrolment", SUN).with("reason", "补签")).exchange()
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(element(refused, "mark-form")).contains("此人不是本班的在册学员。");
    }

    @Test
    void a_certificate_shows_its_code_standing_and_public_page_with_the_pdf_for_the_office_and_revocation_for_admins() {
        String admin = page(signedIn("county-admin"), PAGES + "/certificates/" + CERTIFICATE);
        assertThat(element(admin, "certificate-facts")).containsSubsequence("K7Q2M9XA", "有效", "赵**", "下坝村", "网店运营实操", "网店运营",
                "clerk-621222", "href=\"https://verify.example.org/api/training/verify/K7Q2M9XA/page\"");
        assertThat(element(admin, "certificate-pdf")).contains("href=\"/counties/621222/training/certificates/" + CERTIFICATE + "/certificate.pdf\"");
        assertThat(element(admin, "revoke-form")).contains("action=\"/counties/621222/training/certificates/" + CERTIFICATE + "/revocation\"",
                "name=\"reason\"", "data-confirm=\"确定撤销证书K7Q2M9XA吗？撤销后不能恢复。\"");

        String clerk = page(signedIn("county-clerk"), PAGES + "/certificates/" + CERTIFICATE);
        assertThat(clerk).contains("id=\"certificate-pdf\"").doesNotContain("id=\"revoke-form\"");
        String cadre = page(signedIn("village-cadre"), PAGES + "/certificates/" + CERTIFICATE);
        assertThat(cadre).contains("K7Q2M9XA").doesNotContain("id=\"certificate-pdf\"", "id=\"revoke-form\"");

        GATEWAY.json("GET " + TRAINING + "/certificates/" + CERTIFICATE, TrainingMother.certificate("REVOKED"));
        String revoked = page(signedIn("county-admin"), PAGES + "/certificates/" + CERTIFICATE);
        assertThat(element(revoked, "certificate-facts")).contains("已撤销", "考勤记录经核查为代签");
        assertThat(revoked).doesNotContain("id=\"revoke-form\"");
    }

    @Test
    void revoking_posts_the_reason_and_the_pdf_streams_from_the_service() {
        GATEWAY.json("POST " + TRAINING + "/certificates/" + CERTIFICATE + "/revocation", TrainingMother.certificate("REVOKED"))
                .answer(TRAINING + "/certificates/" + CERTIFICATE + "/certificate.pdf", 200, "application/pdf",
                        "%PDF-1.7 certificate".getBytes(StandardCharsets.US_ASCII));

        posting("county-admin").post().uri(PAGES + "/certificates/" + CERTIFICATE + "/revocation")
                .body(BodyInserters.fromFormData("reason", "考勤记录经核查为代签")).exchange()
                .expectStatus().isSeeOther()
                .expectHeader().location(PAGES + "/certificates/" + CERTIFICATE);
        byte[] pdf = signedIn("county-clerk").get().uri(PAGES + "/certificates/" + CERTIFICATE + "/certificate.pdf").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_PDF)
                .expectBody().returnResult().getResponseBody();

        assertThat(new String(pdf, StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.7 certificate");
        assertThat(GATEWAY.received()).filteredOn(request -> !request.path().startsWith("/api/county-registry"))
                .extracting(StubGateway.Received::method, StubGateway.Received::path, StubGateway.Received::body, StubGateway.Received::authorization)
                .contains(tuple("POST", TRAINING + "/certificates/" + CERTIFICATE + "/revocation", "{\"reason\":\"考勤记录经核查为代签\"}", "Bearer " + USER_TOKEN),
                        tuple("GET", TRAINING + "/certificates/" + CERTIFICATE + "/certificate.pdf", "", "Bearer " + USER_TOKEN));
    }

    @Test
    void the_certificates_expiring_soon_are_listed_with_the_days_sent_on() {
        String page = page(signedIn("county-clerk"), PAGES + "/certificates");

        assertThat(element(page, "expiring-summary")).contains("共1张有效证书将在60天内到期");
        assertThat(element(page, "expiring")).containsSubsequence("href=\"/counties/621222/training/certificates/" + CERTIFICATE + "\"", "K7Q2M9XA",
                "赵**", "网店运营实操", "下坝村", "2101");
        page(signedIn("county-clerk"), PAGES + "/certificates?withinDays=30");
        assertThat(GATEWAY.received()).extracting(StubGateway.Received::path, StubGateway.Received::query)
                .contains(tuple(TRAINING + "/certificates/expiring", "withinDays=60&limit=500"),
                        tuple(TRAINING + "/certificates/expiring", "withinDays=30&limit=500"));
    }

    @Test
    void the_coverage_draws_the_villages_with_and_without_certified_people_and_lists_the_gaps_poor_first() {
        String page = page(signedIn("county-admin"), PAGES + "/coverage?year=2026");

        String map = HtmlUtils.htmlUnescape(attribute(element(page, "coverage-map"), "data-option"));
        assertThat(series(map, TrainingMaps.TRAINED)).contains("上坝村", "[105.25,32.76]").doesNotContain("高山村");
        assertThat(series(map, TrainingMaps.UNTRAINED)).contains("下坝村").doesNotContain("上坝村", "高山村");
        assertThat(series(map, TrainingMaps.POOR_UNTRAINED)).contains("高山村", "\"show\":true");
        // No coordinates: in the tables only.
        assertThat(map).doesNotContain("河坝村");
        assertThat(element(page, "coverage-legend")).contains("有持证人员的村", "没有持证人员的村", "没有持证人员的贫困村");

        assertThat(element(page, "coverage-totals")).containsSubsequence("持证人数", "2", "培训人次", "3", "1个 / 共4个", "没有持证人员的贫困村", "2");
        assertThat(element(page, "poor-gaps")).containsSubsequence("高山村", "范坝镇", "贫困村", "河坝村", "范坝镇", "贫困村", "无坐标")
                .contains("class=\"gap-poor\"").doesNotContain("下坝村");
        assertThat(element(page, "other-gaps")).contains("下坝村", "碧口镇").doesNotContain("高山村");
        assertThat(element(page, "coverage-all")).containsSubsequence("上坝村", "2", "3", "北纬32.76，东经105.25");
        assertThat(element(page, "previous-year")).contains("year=2025");
        assertThat(GATEWAY.received()).extracting(StubGateway.Received::path, StubGateway.Received::query)
                .contains(tuple(TRAINING + "/coverage", "year=2026"));
    }

    @Test
    void without_village_coordinates_the_coverage_has_its_tables_and_no_map() {
        GATEWAY.json("/api/county-registry/counties/621222/villages", """
                [{"code":"621222101201","townshipCode":"621222101","nameZh":"上坝村","poor":true}]""");

        String page = page(signedIn("county-admin"), PAGES + "/coverage");

        assertThat(page).doesNotContain("id=\"coverage-map\"").contains("id=\"no-map\"", "id=\"poor-gaps\"");
    }

    @Test
    void a_session_the_service_does_not_know_is_a_404_page_and_a_refused_read_a_403_page() {
        String missing = signedIn("county-clerk").get().uri(PAGES + "/sessions/" + ZHOU).exchange()
                .expectStatus().isNotFound()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(missing).contains("无法显示此页面", "找不到该记录，可能已被删除。", "stub-correlation");

        GATEWAY.answer(TRAINING + "/certificates/" + CERTIFICATE + "/certificate.pdf", 403, "application/problem+json",
                StubGateway.problem(403, "forbidden", null).getBytes(StandardCharsets.UTF_8));
        String refused = signedIn("village-cadre").get().uri(PAGES + "/certificates/" + CERTIFICATE + "/certificate.pdf").exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(refused).contains("无法显示此页面", "您的账号无权进行此操作。").doesNotContain("refused by the stub");

        GATEWAY.answer(TRAINING + "/coverage", 403, "application/problem+json", StubGateway.problem(403, "forbidden", null).getBytes(StandardCharsets.UTF_8));
        signedIn("county-clerk").get().uri(PAGES + "/coverage").exchange().expectStatus().isForbidden();
    }

    @Test
    void the_training_menu_item_is_there_for_those_who_read_training_only() {
        GATEWAY.json("/api/shop-management/counties/621222/coverage", "{\"county\":\"621222\",\"poorVillages\":0,\"coveredPoorVillages\":0,"
                + "\"uncoveredPoorVillages\":0,\"townships\":[]}");

        for (String reader : new String[] {"auditor", "village-cadre", "city-officer", "county-clerk"}) {
            assertThat(page(signedIn(reader), "/counties/621222/coverage")).as(reader).contains("id=\"nav-training\" href=\"/counties/621222/training\"");
        }
        assertThat(page(signedIn("partner"), "/counties/621222/coverage")).doesNotContain("nav-training");
    }

    @Test
    void the_pages_read_in_english_too() {
        WebTestClient english = signedIn("county-admin").mutate().defaultCookie("portal-lang", "en").build();

        assertThat(element(page(english, PAGES), "courses")).contains("Running an online shop", "at least 80% attendance", "does not expire");
        assertThat(element(page(english, SESSION_PAGE), "enrolment-" + LI)).contains("1 of 2 sittings", "not enough", "Not assessed");
        assertThat(element(page(english, PAGES + "/sittings/" + SITTING + "/screen"), "check-in-list")).contains("Six digits", "Late", "Duplicate");
        assertThat(element(page(english, PAGES + "/certificates/" + CERTIFICATE), "certificate-facts")).contains("Valid", "Public verification page");
        assertThat(element(page(english, PAGES + "/coverage?year=2026"), "poor-gaps")).contains("No coordinates");
        assertThat(page(english, PAGES + "/coverage?year=2026")).contains("Poor villages with nobody certified (2)");
    }
}
