package org.povertyalleviation.training.session.domain;

import java.time.Instant;
import java.util.UUID;

import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.InvalidValueException;
import org.povertyalleviation.platform.domain.RuleRefusedException;
import org.povertyalleviation.platform.domain.VillageCode;
import org.povertyalleviation.training.course.domain.TargetGroup;

/**
 * A person's place in a session, or on its waitlist. A registered household's member is named by the registry's
 * pseudonymous ids (household, member) and a name for the certificate; anyone else by name and phone (personal data:
 * masked unless the role allows it).
 *
 * @param appPerson the person's own account in the session's learning app; its check-ins must come from that sign-in
 */
public record Enrolment(UUID id, CountyCode county, UUID session, UUID household, UUID member, VillageCode village, String name, String phone,
                        TargetGroup targetGroup, EnrolmentStatus status, long queued, String appPerson, Boolean assessmentPassed,
                        Instant assessedAt, String enrolledBy, Instant enrolledAt) {

    public static final int MAX_NAME = 50;

    public Enrolment {
        if (name == null || name.isBlank() || name.strip().length() > MAX_NAME) {
            throw new InvalidValueException("name", "must be 1 to " + MAX_NAME + " characters");
        }
        name = name.strip();
        if ((household == null) != (member == null)) {
            throw new InvalidValueException(household == null ? "household" : "member", "a registered member is named by household and member");
        }
        if (phone != null && !phone.matches("1\\d{10}")) {
            throw new InvalidValueException("phone", "must be a mobile number of 11 digits");
        }
        if (targetGroup == null) {
            throw new InvalidValueException("targetGroup", "is required");
        }
        if (village != null && !village.isIn(county)) {
            throw new InvalidValueException("village", "village " + village + " is not in county " + county);
        }
        if (appPerson != null && (appPerson.isBlank() || appPerson.length() > 100)) {
            throw new InvalidValueException("appPerson", "must be 1 to 100 characters");
        }
    }

    public static Enrolment of(CountyCode county, UUID session, UUID household, UUID member, String village, String name, String phone,
                               TargetGroup targetGroup, String appPerson, String enrolledBy, Instant now) {
        VillageCode code = village == null ? null : InvalidValueException.in("village", () -> VillageCode.of(village));
        return new Enrolment(UUID.randomUUID(), county, session, household, member, code, name, phone == null || phone.isBlank() ? null : phone.strip(),
                targetGroup, EnrolmentStatus.WAITLISTED, 0, appPerson, null, null, enrolledBy, now);
    }

    public boolean registeredMember() {
        return member != null;
    }

    /** The name as a partner or a reader without the right to personal data sees it: 王** */
    public String maskedName() {
        return name.charAt(0) + "*".repeat(Math.max(1, Math.min(name.length() - 1, 3)));
    }

    /** The phone as most roles see it: 138****5678 */
    public String maskedPhone() {
        return phone == null ? null : phone.substring(0, 3) + "****" + phone.substring(7);
    }

    public void requireEnrolled() {
        if (status != EnrolmentStatus.ENROLLED) {
            throw RuleRefusedException.violated("not-enrolled", "The person is " + status + " in this session, not enrolled", "enrolment");
        }
    }

    public Enrolment assessed(boolean passed, Instant now) {
        requireEnrolled();
        return new Enrolment(id, county, session, household, member, village, name, phone, targetGroup, status, queued, appPerson, passed, now,
                enrolledBy, enrolledAt);
    }
}
