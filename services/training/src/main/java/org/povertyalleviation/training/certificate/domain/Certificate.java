package org.povertyalleviation.training.certificate.domain;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.InvalidValueException;
import org.povertyalleviation.platform.domain.RuleRefusedException;
import org.povertyalleviation.platform.domain.VillageCode;

/**
 * A training certificate: issued to an enrolled person who attended enough of the session's sittings (the course's
 * percentage, rounded in the person's favour only to the whole sitting: attended × 100 ≥ sittings × percentage) and
 * passed its assessment if it has one. Anyone may verify it by its code: valid, expired or revoked.
 *
 * @param expiresOn null: it does not expire
 */
public record Certificate(UUID id, CountyCode county, UUID enrolment, UUID course, UUID session, String code, String holderName, UUID household,
                          UUID member, VillageCode village, LocalDate issuedOn, LocalDate expiresOn, Status status, String revokedReason,
                          Instant revokedAt, String issuedBy) {

    public static final int MAX_REASON = 200;
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();

    public enum Status { VALID, REVOKED }

    /** What a verification says. */
    public enum Standing { VALID, EXPIRED, REVOKED }

    /** What a certificate takes. */
    public record Requirement(int sittings, int attended, int attendancePercent, boolean assessment, Boolean assessmentPassed) {

        public void check() {
            if (sittings == 0) {
                throw RuleRefusedException.violated("no-sittings", "The session has no sittings to have attended", "enrolment");
            }
            if ((long) attended * 100 < (long) sittings * attendancePercent) {
                throw RuleRefusedException.violated("attendance-below-threshold", "Attended " + attended + " of " + sittings
                        + " sittings; the course asks for " + attendancePercent + " %", "enrolment");
            }
            if (assessment && !Boolean.TRUE.equals(assessmentPassed)) {
                throw RuleRefusedException.violated("assessment-not-passed", "The course's assessment is "
                        + (assessmentPassed == null ? "not taken yet" : "failed"), "enrolment");
            }
        }
    }

    public static Certificate issue(CountyCode county, UUID enrolment, UUID course, UUID session, String holderName, UUID household, UUID member,
                                    VillageCode village, Integer validMonths, Requirement requirement, LocalDate today, String issuedBy) {
        requirement.check();
        return new Certificate(UUID.randomUUID(), county, enrolment, course, session, newCode(), holderName, household, member, village, today,
                validMonths == null ? null : today.plusMonths(validMonths), Status.VALID, null, null, issuedBy);
    }

    public Certificate revoke(String reason, Instant now) {
        if (reason == null || reason.isBlank() || reason.strip().length() > MAX_REASON) {
            throw new InvalidValueException("reason", "must be 1 to " + MAX_REASON + " characters: why it is revoked");
        }
        if (status == Status.REVOKED) {
            throw RuleRefusedException.stateConflict("already-revoked", "The certificate was revoked on " + revokedAt);
        }
        return new Certificate(id, county, enrolment, course, session, code, holderName, household, member, village, issuedOn, expiresOn,
                Status.REVOKED, reason.strip(), now, issuedBy);
    }

    public Standing standing(LocalDate today) {
        if (status == Status.REVOKED) {
            return Standing.REVOKED;
        }
        return expiresOn != null && expiresOn.isBefore(today) ? Standing.EXPIRED : Standing.VALID;
    }

    /** The holder's name as the public page shows it: 王** */
    public String maskedHolder() {
        return holderName.charAt(0) + "*".repeat(Math.max(1, Math.min(holderName.length() - 1, 3)));
    }

    /** Twelve characters of an alphabet without I, L, O and U (read aloud or typed from paper without confusion). */
    static String newCode() {
        StringBuilder code = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }
}
