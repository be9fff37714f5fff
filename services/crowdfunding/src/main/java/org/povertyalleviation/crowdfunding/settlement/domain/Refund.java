package org.povertyalleviation.crowdfunding.settlement.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.povertyalleviation.platform.domain.CountyCode;

/**
 * A refund of a paid pledge: REQUESTED, SENT to the payment partner (which is idempotent by the refund's id), and
 * CONFIRMED when the partner says the money is back. Until then it is sent again, each time a little later.
 */
public record Refund(UUID id, CountyCode county, UUID pledge, UUID project, long amountFen, RefundReason reason, String note, Status status,
                     int attempts, Instant nextAttemptAt, String lastError, Instant requestedAt, Instant confirmedAt, String paymentPartner,
                     String paymentRef) {

    public enum Status { REQUESTED, SENT, CONFIRMED }

    /** The wait before the next attempt: 5 s doubling with each attempt, at most 10 minutes. */
    public static Duration backoff(int attempts) {
        long seconds = 5L << Math.min(Math.max(attempts - 1, 0), 7);
        return Duration.ofSeconds(Math.min(seconds, 600));
    }
}
