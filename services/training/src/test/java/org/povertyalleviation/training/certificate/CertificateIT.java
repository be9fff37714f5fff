package org.povertyalleviation.training.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.contracts.EventCatalogue;
import org.povertyalleviation.platform.contracts.TopicReader;
import org.povertyalleviation.training.TrainingIT;
import tools.jackson.databind.JsonNode;

/**
 * A member who attended enough and passed gets a certificate; anyone verifies it by its code without signing in; its
 * revocation shows there; both are announced for the household registry. Not enough attendance, or no passed
 * assessment, is refused naming the rule.
 */
class CertificateIT extends TrainingIT {

    private static final String WEN = "621222";

    @Test
    void attendance_and_assessment_earn_a_certificate_anyone_can_verify_until_it_is_revoked() throws Exception {
        UUID course = course(WEN, CLERK, 50, true, 24);
        UUID session = session(WEN, CLERK, course, 10, null);
        UUID sitting = sittingNow(WEN, CLERK, session);
        sittingNow(WEN, CLERK, session);
        UUID household = registeredHousehold(WEN, "621222102201");
        UUID member = UUID.randomUUID();
        UUID enrolment = created(post("/counties/" + WEN + "/sessions/" + session + "/enrolments", CLERK, Map.of("household", household, "member", member,
                "name", "王秀兰", "targetGroup", "POOR_HOUSEHOLD_MEMBER")));

        // No attendance yet: refused, nothing issued.
        assertThat(problem(post("/counties/" + WEN + "/enrolments/" + enrolment + "/certificate", CLERK, Map.of()).expectStatus().isEqualTo(422),
                "enrolment").path("rule").asString()).isEqualTo("attendance-below-threshold");
        post("/counties/" + WEN + "/sittings/" + sitting + "/check-ins", CADRE, Map.of("enrolment", enrolment,
                "token", screen(WEN, sitting).path("token").asString())).expectStatus().isCreated();
        // One of two sittings is the course's 50 %; the assessment is still missing.
        assertThat(problem(post("/counties/" + WEN + "/enrolments/" + enrolment + "/certificate", CLERK, Map.of()).expectStatus().isEqualTo(422),
                "enrolment").path("rule").asString()).isEqualTo("assessment-not-passed");
        put("/counties/" + WEN + "/enrolments/" + enrolment + "/assessment", CLERK, Map.of("passed", true)).expectStatus().isOk();

        JsonNode certificate = json(post("/counties/" + WEN + "/enrolments/" + enrolment + "/certificate", CLERK, Map.of()).expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody());
        String code = certificate.path("code").asString();
        assertThat(code).matches("[0-9A-Z]{12}");
        assertThat(certificate.path("expiresOn").asString()).isEqualTo(TODAY.plusMonths(24).toString());
        problem(post("/counties/" + WEN + "/enrolments/" + enrolment + "/certificate", CLERK, Map.of()).expectStatus().isEqualTo(409), "enrolment");

        // Anyone, without a token: valid, the name masked.
        JsonNode verified = json(web.get().uri("/verify/" + code).exchange().expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody());
        assertThat(verified.path("standing").asString()).isEqualTo("VALID");
        assertThat(verified.path("holder").asString()).isEqualTo("王**");
        assertThat(verified.path("course").asString()).isEqualTo("网店运营实操");
        assertThat(web.get().uri("/verify/" + code + "/page").exchange().expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody()).contains("有效", "王**").doesNotContain("王秀兰");
        web.get().uri("/verify/ABCDEFGHJK12").exchange().expectStatus().isNotFound();

        // The PDF, for staff: one page, the code on it.
        byte[] pdf = get("/counties/" + WEN + "/certificates/" + certificate.path("id").asString() + "/certificate.pdf", CLERK).expectStatus().isOk()
                .expectBody(byte[].class).returnResult().getResponseBody();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(1);
            org.apache.pdfbox.cos.COSDictionary fonts = document.getPage(0).getResources().getCOSObject()
                    .getCOSDictionary(org.apache.pdfbox.cos.COSName.FONT);
            assertThat(fonts.getCOSDictionary(org.apache.pdfbox.cos.COSName.getPDFName("Zh")).getNameAsString(org.apache.pdfbox.cos.COSName.BASE_FONT))
                    .isEqualTo("STSong-Light-UniGB-UCS2-H");
            assertThat(document.getDocumentInformation().getTitle()).contains(code);
        }
        get("/counties/" + WEN + "/certificates/" + certificate.path("id").asString() + "/certificate.pdf", AUDITOR).expectStatus().isForbidden();

        problem(post("/counties/" + WEN + "/certificates/" + certificate.path("id").asString() + "/revocation", ADMIN, Map.of("reason", ""))
                .expectStatus().isBadRequest(), "reason");
        post("/counties/" + WEN + "/certificates/" + certificate.path("id").asString() + "/revocation", ADMIN, Map.of("reason", "考勤经核查为代签"))
                .expectStatus().isOk();
        assertThat(json(web.get().uri("/verify/" + code).exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody())
                .path("standing").asString()).isEqualTo("REVOKED");

        // Both announced, in order, for the household registry, without the name.
        String id = certificate.path("id").asString();
        List<TopicReader.Received> events = TopicReader.read("training.events", 2, r -> r.value().contains(id));
        assertThat(EventCatalogue.schemaErrors("training.certificate-issued.v1", events.get(0).value())).isEmpty();
        assertThat(EventCatalogue.schemaErrors("training.certificate-revoked.v1", events.get(1).value())).isEmpty();
        JsonNode issued = json(events.get(0).value()).path("data");
        assertThat(issued.path("member").asString()).isEqualTo(member.toString());
        assertThat(issued.path("skill").asString()).isEqualTo("SHOP_OPERATION");
        assertThat(events).noneMatch(r -> r.value().contains("王秀兰"));

        // Coverage: the village has a trained person's person-time; revoked, the certificate no longer counts.
        JsonNode coverage = json(get("/counties/" + WEN + "/coverage?year=" + TODAY.getYear(), CLERK).expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody());
        JsonNode village = null;
        for (JsonNode candidate : coverage.path("all")) {
            if (candidate.path("village").asString().equals("621222102201")) {
                village = candidate;
            }
        }
        assertThat(village).isNotNull();
        assertThat(village.path("personTimes").asLong()).isPositive();
        assertThat(coverage.path("personTimes").asLong()).isGreaterThanOrEqualTo(village.path("personTimes").asLong());
    }
}
