package org.povertyalleviation.training.attendance.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.InvalidValueException;
import org.povertyalleviation.platform.domain.RuleRefusedException;

/**
 * One class meeting of a session. Check-in opens {@link #OPENS_BEFORE} before it starts and closes when it ends; a
 * check-in more than {@link #LATE_AFTER} after the start counts, flagged late.
 *
 * @param secret the key of its rotating codes; it never leaves the service
 */
public record Sitting(UUID id, CountyCode county, UUID session, Instant startsAt, Instant endsAt, byte[] secret) {

    public static final Duration OPENS_BEFORE = Duration.ofMinutes(30);
    public static final Duration LATE_AFTER = Duration.ofMinutes(15);
    public static final Duration MAX_LENGTH = Duration.ofHours(12);

    public Sitting {
        if (startsAt == null) {
            throw new InvalidValueException("startsAt", "is required");
        }
        if (endsAt == null || !endsAt.isAfter(startsAt)) {
            throw new InvalidValueException("endsAt", "must be after startsAt");
        }
        if (Duration.between(startsAt, endsAt).compareTo(MAX_LENGTH) > 0) {
            throw new InvalidValueException("endsAt", "a sitting lasts at most 12 hours");
        }
    }

    public static Sitting plan(CountyCode county, UUID session, Instant startsAt, Instant endsAt, Instant now) {
        if (endsAt != null && endsAt.isBefore(now)) {
            throw new InvalidValueException("endsAt", "is in the past");
        }
        return new Sitting(UUID.randomUUID(), county, session, startsAt, endsAt, RotatingCode.newSecret());
    }

    /** Refused unless check-in is open at that moment (the field names what the caller sent: the code or the person). */
    public void requireOpen(Instant at, String field) {
        if (at.isBefore(startsAt.minus(OPENS_BEFORE)) || !at.isBefore(endsAt)) {
            throw RuleRefusedException.violated("outside-sitting", "Check-in for this sitting is open from " + startsAt.minus(OPENS_BEFORE)
                    + " until " + endsAt + ", not at " + at, field);
        }
    }

    public boolean late(Instant at) {
        return at.isAfter(startsAt.plus(LATE_AFTER));
    }
}
