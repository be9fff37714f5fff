package org.povertyalleviation.training.certificate.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.RuleRefusedException;

class CertificateTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 10);

    private static String rule(Runnable call) {
        Throwable refused = catchThrowable(call::run);
        assertThat(refused).isInstanceOf(RuleRefusedException.class);
        return ((RuleRefusedException) refused).rule();
    }

    private static Certificate issue(Certificate.Requirement requirement, Integer validMonths) {
        return Certificate.issue(CountyCode.of("621222"), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "王秀兰", null, null, null, validMonths,
                requirement, TODAY, "clerk");
    }

    @Test
    void attendance_is_a_share_of_the_sittings_and_the_assessment_must_be_passed() {
        // 80 % of 6 sittings is 4.8: five are enough, four are not.
        issue(new Certificate.Requirement(6, 5, 80, false, null), null);
        assertThat(rule(() -> issue(new Certificate.Requirement(6, 4, 80, false, null), null))).isEqualTo("attendance-below-threshold");
        assertThat(rule(() -> issue(new Certificate.Requirement(0, 0, 80, false, null), null))).isEqualTo("no-sittings");
        assertThat(rule(() -> issue(new Certificate.Requirement(2, 2, 80, true, null), null))).isEqualTo("assessment-not-passed");
        assertThat(rule(() -> issue(new Certificate.Requirement(2, 2, 80, true, false), null))).isEqualTo("assessment-not-passed");
        issue(new Certificate.Requirement(2, 2, 80, true, true), null);
    }

    @Test
    void a_certificate_is_valid_then_expired_or_revoked_and_its_code_and_holder_are_what_the_public_sees() {
        Certificate certificate = issue(new Certificate.Requirement(1, 1, 100, false, null), 24);
        assertThat(certificate.code()).matches("[0-9A-HJKMNP-TV-Z]{12}");
        assertThat(certificate.expiresOn()).isEqualTo(TODAY.plusMonths(24));
        assertThat(certificate.standing(TODAY.plusMonths(24))).isEqualTo(Certificate.Standing.VALID);
        assertThat(certificate.standing(TODAY.plusMonths(24).plusDays(1))).isEqualTo(Certificate.Standing.EXPIRED);
        assertThat(certificate.maskedHolder()).isEqualTo("王**");
        Certificate revoked = certificate.revoke("代签", Instant.EPOCH);
        assertThat(revoked.standing(TODAY)).isEqualTo(Certificate.Standing.REVOKED);
        assertThat(rule(() -> revoked.revoke("再次", Instant.EPOCH))).isEqualTo("already-revoked");
        assertThat(issue(new Certificate.Requirement(1, 1, 100, false, null), null).standing(TODAY.plusYears(50))).isEqualTo(Certificate.Standing.VALID);
    }
}
