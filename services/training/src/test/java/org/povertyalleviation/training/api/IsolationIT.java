package org.povertyalleviation.training.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.isolation.CountyIsolation;
import org.povertyalleviation.training.TrainingIT;

/**
 * The isolation kit over every endpoint that names a record: Wen's admin, aimed at Kang with Kang's record and at Wen
 * with Kang's record id, is refused everywhere (403 or 404), lists none of Kang's records, and changes nothing of them.
 */
class IsolationIT extends TrainingIT {

    private static final String KANG = "621224";
    private static final String KANG_ADMIN = "admin-621224";

    private CountyIsolation kit(String foreignId) {
        return CountyIsolation.of("http://127.0.0.1:" + port).actingAs("621222", tokenFor(ADMIN)).foreignRecord(KANG, foreignId, tokenFor(KANG_ADMIN));
    }

    @Test
    void wen_never_reaches_kangs_courses_sessions_sittings_enrolments_or_certificates() {
        UUID course = course(KANG, KANG_ADMIN, 50, false, null);
        UUID session = session(KANG, KANG_ADMIN, course, 5, null);
        UUID sitting = sittingNow(KANG, KANG_ADMIN, session);
        UUID enrolment = enrol(KANG, KANG_ADMIN, session, "康县学员", null);
        post("/counties/" + KANG + "/sittings/" + sitting + "/attendance-marks", KANG_ADMIN, Map.of("enrolment", enrolment, "reason", "到场"))
                .expectStatus().isCreated();
        UUID certificate = created(post("/counties/" + KANG + "/enrolments/" + enrolment + "/certificate", KANG_ADMIN, Map.of()));

        kit(course.toString()).endpoint("GET", "/counties/{county}/courses/{id}").listing("/counties/{county}/courses").assertIsolated();
        kit(session.toString())
                .endpoint("GET", "/counties/{county}/sessions/{id}")
                .endpoint("POST", "/counties/{county}/sessions/{id}/enrolments", "{\"name\":\"越界\",\"targetGroup\":\"OTHER\"}")
                .endpoint("POST", "/counties/{county}/sessions/{id}/sittings", "{\"startsAt\":\"2030-01-01T01:00:00Z\",\"endsAt\":\"2030-01-01T02:00:00Z\"}")
                .endpoint("GET", "/counties/{county}/sessions/{id}/sittings")
                .endpoint("GET", "/counties/{county}/sessions/{id}/certificates")
                .listing("/counties/{county}/sessions")
                .assertIsolated();
        kit(enrolment.toString())
                .endpoint("GET", "/counties/{county}/enrolments/{id}")
                .endpoint("PUT", "/counties/{county}/enrolments/{id}/assessment", "{\"passed\":false}")
                .endpoint("POST", "/counties/{county}/enrolments/{id}/certificate", "{}")
                .endpoint("POST", "/counties/{county}/enrolments/{id}/cancellation", "{}")
                .assertIsolated();
        kit(sitting.toString())
                .endpoint("GET", "/counties/{county}/sittings/{id}/attendance")
                .endpoint("GET", "/counties/{county}/sittings/{id}/screen")
                .endpoint("GET", "/counties/{county}/sittings/{id}/qr.svg")
                .endpoint("POST", "/counties/{county}/sittings/{id}/check-ins", "{\"enrolment\":\"" + enrolment + "\",\"code\":\"123456\"}")
                .endpoint("POST", "/counties/{county}/sittings/{id}/attendance-marks", "{\"enrolment\":\"" + enrolment + "\",\"reason\":\"x\"}")
                .assertIsolated();
        kit(certificate.toString())
                .endpoint("GET", "/counties/{county}/certificates/{id}")
                .endpoint("GET", "/counties/{county}/certificates/{id}/certificate.pdf")
                .endpoint("POST", "/counties/{county}/certificates/{id}/revocation", "{\"reason\":\"越界\"}")
                .listing("/counties/{county}/certificates/expiring")
                .listing("/counties/{county}/coverage")
                .assertIsolated();
        assertThat(get("/counties/" + KANG + "/certificates/" + certificate, KANG_ADMIN).expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody()).contains("\"standing\":\"VALID\"");
    }

    @Test
    void every_tenant_table_is_isolated() throws Exception {
        assertEveryTenantTableIsolated();
    }
}
