package org.povertyalleviation.training.attendance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.training.TrainingIT;
import org.povertyalleviation.training.attendance.domain.RotatingCode;
import org.povertyalleviation.training.attendance.domain.Sitting;
import tools.jackson.databind.JsonNode;

/**
 * Check-in with the lecturer's rotating code: a current token or fallback counts once; a rotated-out token, another
 * sitting's token or a forged one is refused saying which; a second check-in is kept and flagged, never counted twice; a
 * learning app checks in only its own signed-in person.
 */
class AttendanceIT extends TrainingIT {

    private static final String WEN = "621222";

    @Test
    void a_current_code_counts_once_and_stale_foreign_or_forged_codes_are_refused_saying_which() {
        UUID course = course(WEN, CLERK, 50, false, null);
        UUID session = session(WEN, CLERK, course, 10, null);
        UUID sitting = sittingNow(WEN, CLERK, session);
        UUID otherSitting = sittingNow(WEN, CLERK, session(WEN, CLERK, course, 10, null));
        UUID person = enrol(WEN, CLERK, session, "张小红", null);
        UUID second = enrol(WEN, CLERK, session, "李明", null);

        JsonNode screen = screen(WEN, sitting);
        assertThat(screen.path("fallbackCode").asString()).matches("\\d{6}");
        assertThat(screen.path("refreshSeconds").asInt()).isEqualTo(30);
        JsonNode first = json(post("/counties/" + WEN + "/sittings/" + sitting + "/check-ins", CADRE, Map.of("enrolment", person,
                "token", screen.path("token").asString())).expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody());
        assertThat(first.path("counted").asBoolean()).isTrue();
        assertThat(first.path("method").asString()).isEqualTo("QR");

        // Again: kept, flagged, not counted.
        JsonNode again = json(post("/counties/" + WEN + "/sittings/" + sitting + "/check-ins", CADRE, Map.of("enrolment", person,
                "code", screen(WEN, sitting).path("fallbackCode").asString())).expectStatus().isCreated().expectBody(String.class).returnResult()
                .getResponseBody());
        assertThat(again.path("counted").asBoolean()).isFalse();
        assertThat(again.path("flag").asString()).isEqualTo("DUPLICATE");

        // A photo of the screen sent a minute ago: the token has rotated out.
        Sitting kept = sittingKept(WEN, sitting);
        String stale = RotatingCode.token(sitting, kept.secret(), RotatingCode.step(Instant.now()) - 2);
        assertThat(problem(post("/counties/" + WEN + "/sittings/" + sitting + "/check-ins", CADRE, Map.of("enrolment", second, "token", stale))
                .expectStatus().isEqualTo(422), "token").path("rule").asString()).isEqualTo("token-expired");
        // The code on another sitting's screen.
        assertThat(problem(post("/counties/" + WEN + "/sittings/" + sitting + "/check-ins", CADRE, Map.of("enrolment", second,
                "token", screen(WEN, otherSitting).path("token").asString())).expectStatus().isEqualTo(422), "token").path("rule").asString())
                .isEqualTo("token-of-another-sitting");
        // A forged one.
        String forged = sitting + "." + RotatingCode.step(Instant.now()) + ".AAAAAAAAAAAAAAAA";
        assertThat(problem(post("/counties/" + WEN + "/sittings/" + sitting + "/check-ins", CADRE, Map.of("enrolment", second, "token", forged))
                .expectStatus().isEqualTo(422), "token").path("rule").asString()).isEqualTo("token-invalid");
        problem(post("/counties/" + WEN + "/sittings/" + sitting + "/check-ins", CADRE, Map.of("enrolment", second, "code", "000000x"))
                .expectStatus().isBadRequest(), "code");
        problem(post("/counties/" + WEN + "/sittings/" + sitting + "/check-ins", CADRE, Map.of("enrolment", second)).expectStatus().isBadRequest(), "token");

        JsonNode attendance = json(get("/counties/" + WEN + "/sittings/" + sitting + "/attendance", CLERK).expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody());
        assertThat(attendance.path("checkedIn").asLong()).isEqualTo(1);
        assertThat(attendance.path("duplicates").asLong()).isEqualTo(1);
        assertThat(attendance.path("checkIns").size()).isEqualTo(2);
        assertThat(attendance.path("checkIns").get(0).path("name").asString()).isEqualTo("张小红");
        assertThat(json(get("/counties/" + WEN + "/sittings/" + sitting + "/attendance", AUDITOR).expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody()).path("checkIns").get(0).path("name").asString()).isEqualTo("张**");
    }

    @Test
    void a_sitting_not_under_way_refuses_check_ins_and_a_lecturer_marks_with_a_reason() {
        UUID session = session(WEN, CLERK, course(WEN, CLERK, 50, false, null), 10, null);
        Instant now = Instant.now();
        UUID tomorrow = created(post("/counties/" + WEN + "/sessions/" + session + "/sittings", CLERK, Map.of("startsAt", now.plusSeconds(86_400).toString(),
                "endsAt", now.plusSeconds(90_000).toString())));
        UUID person = enrol(WEN, CLERK, session, "王芳", null);
        assertThat(problem(post("/counties/" + WEN + "/sittings/" + tomorrow + "/check-ins", CADRE, Map.of("enrolment", person,
                "token", screen(WEN, tomorrow).path("token").asString())).expectStatus().isEqualTo(422), "token").path("rule").asString())
                .isEqualTo("outside-sitting");

        UUID sitting = sittingNow(WEN, CLERK, session);
        problem(post("/counties/" + WEN + "/sittings/" + sitting + "/attendance-marks", CADRE, Map.of("enrolment", person, "reason", " "))
                .expectStatus().isBadRequest(), "reason");
        JsonNode marked = json(post("/counties/" + WEN + "/sittings/" + sitting + "/attendance-marks", CADRE, Map.of("enrolment", person,
                "reason", "老人无智能手机")).expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody());
        assertThat(marked.path("method").asString()).isEqualTo("MANUAL");
        assertThat(marked.path("counted").asBoolean()).isTrue();
        // Someone not enrolled in the session is not marked.
        UUID stranger = enrol(WEN, CLERK, session(WEN, CLERK, course(WEN, CLERK, 50, false, null), 10, null), "路人", null);
        assertThat(problem(post("/counties/" + WEN + "/sittings/" + sitting + "/attendance-marks", CADRE, Map.of("enrolment", stranger, "reason", "x"))
                .expectStatus().isEqualTo(422), "enrolment").path("rule").asString()).isEqualTo("not-enrolled");
    }

    @Test
    void a_learning_app_checks_in_only_its_own_signed_in_person_in_its_own_sessions() {
        UUID course = course(WEN, CLERK, 50, false, null);
        UUID onApp = session(WEN, CLERK, course, 10, "partner-wen");
        UUID notOnApp = session(WEN, CLERK, course, 10, null);
        problem(post("/counties/" + WEN + "/sessions/" + onApp + "/enrolments", "partner-wen", Map.of("name", "赵磊", "targetGroup", "GRADUATE"))
                .expectStatus().isEqualTo(422), "appPerson");
        UUID person = enrol(WEN, "partner-wen", onApp, "赵磊", "app-user-1");
        post("/counties/" + WEN + "/sessions/" + notOnApp + "/enrolments", "partner-wen", Map.of("name", "赵磊", "targetGroup", "GRADUATE",
                "appPerson", "app-user-1")).expectStatus().isForbidden();
        UUID sitting = sittingNow(WEN, CLERK, onApp);
        String token = screen(WEN, sitting).path("token").asString();

        post("/counties/" + WEN + "/sittings/" + sitting + "/check-ins", "partner-wen", Map.of("enrolment", person, "token", token,
                "appPerson", "app-user-2")).expectStatus().isForbidden();
        post("/counties/" + WEN + "/sittings/" + sitting + "/check-ins", "partner-wen", Map.of("enrolment", person, "token", token))
                .expectStatus().isForbidden();
        JsonNode checkedIn = json(post("/counties/" + WEN + "/sittings/" + sitting + "/check-ins", "partner-wen", Map.of("enrolment", person,
                "token", token, "appPerson", "app-user-1")).expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody());
        assertThat(checkedIn.path("recordedBy").asString()).isEqualTo("partner-wen");
        // The app sees names masked; it cannot reach a sitting of a session not on it.
        JsonNode session = json(get("/counties/" + WEN + "/sessions/" + onApp, "partner-wen").expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody());
        assertThat(session.path("enrolments").get(0).path("name").asString()).isEqualTo("赵*");
        assertThat(session.path("enrolments").get(0).path("phone").isNull() || session.path("enrolments").get(0).path("phone").asString().contains("****"))
                .isTrue();
        get("/counties/" + WEN + "/sittings/" + sittingNow(WEN, CLERK, notOnApp) + "/attendance", "partner-wen").expectStatus().isForbidden();
        get("/counties/" + WEN + "/sittings/" + sitting + "/screen", "partner-wen").expectStatus().isForbidden();
    }
}
