package org.povertyalleviation.training.attendance.domain;

import java.time.Instant;
import java.util.UUID;

import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.InvalidValueException;

/**
 * A check-in as it happened. Every one is kept; only the first per person and sitting counts. A later one is kept as
 * {@code DUPLICATE}; one after the sitting was {@link Sitting#LATE_AFTER} under way counts, flagged {@code LATE}.
 */
public record CheckIn(UUID id, CountyCode county, UUID sitting, UUID enrolment, Method method, Instant at, boolean counted, Flag flag, String reason,
                      String recordedBy) {

    public static final int MAX_REASON = 200;

    public enum Method { QR, CODE, MANUAL }

    public enum Flag { DUPLICATE, LATE }

    public CheckIn {
        if (method == Method.MANUAL && (reason == null || reason.isBlank())) {
            throw new InvalidValueException("reason", "a lecturer's mark says why the person could not check in");
        }
        if (reason != null && reason.length() > MAX_REASON) {
            throw new InvalidValueException("reason", "must be at most " + MAX_REASON + " characters");
        }
    }

    /** A check-in now: counted unless the person has one counted already. */
    public static CheckIn of(CountyCode county, Sitting sitting, UUID enrolment, Method method, String reason, boolean alreadyCounted,
                             String recordedBy, Instant now) {
        Flag flag = alreadyCounted ? Flag.DUPLICATE : sitting.late(now) ? Flag.LATE : null;
        return new CheckIn(UUID.randomUUID(), county, sitting.id(), enrolment, method, now, !alreadyCounted, flag,
                reason == null || reason.isBlank() ? null : reason.strip(), recordedBy);
    }
}
