package org.povertyalleviation.crowdfunding.pledge.domain;

import java.time.Instant;
import java.util.UUID;

import org.povertyalleviation.platform.domain.InvalidValueException;

/**
 * What a payment partner told: a payment's state (PAID, FAILED, PENDING) by its payment reference, or a refund's
 * (CONFIRMED, FAILED) by the refund's id. Idempotent by the partner's {@code callbackId}; callbacks may come twice,
 * late, out of order, or before the pledge they are about.
 */
public record PaymentCallback(String paymentPartner, String callbackId, Kind kind, String paymentRef, UUID refund, String status, long amountFen,
                              Instant occurredAt) {

    public enum Kind { PAYMENT, REFUND }

    public enum PaymentState { PAID, FAILED, PENDING }

    public enum RefundState { CONFIRMED, FAILED }

    /** What a callback did, kept with it. */
    public enum Outcome { APPLIED, UNMATCHED, NOTED, IGNORED, LATE_PAYMENT_REFUNDED }

    public static PaymentCallback of(String paymentPartner, String callbackId, String kind, String paymentRef, String refund, String status,
                                     Long amountFen, Instant occurredAt, Instant now) {
        if (callbackId == null || !callbackId.matches(Pledge.REFERENCE)) {
            throw new InvalidValueException("callbackId", "is required: 1 to 64 letters, digits or . _ : -");
        }
        Kind parsedKind = parse("kind", () -> Kind.valueOf(String.valueOf(kind)), "PAYMENT or REFUND");
        if (amountFen == null || amountFen < 0) {
            throw new InvalidValueException("amountFen", "is required and not negative");
        }
        if (occurredAt == null || occurredAt.isAfter(now.plusSeconds(300))) {
            throw new InvalidValueException("occurredAt", "is required and at most 5 minutes ahead of the service's clock");
        }
        if (parsedKind == Kind.PAYMENT) {
            if (paymentRef == null || !paymentRef.matches(Pledge.REFERENCE)) {
                throw new InvalidValueException("paymentRef", "is required for a payment");
            }
            parse("status", () -> PaymentState.valueOf(String.valueOf(status)), "PAID, FAILED or PENDING for a payment");
            return new PaymentCallback(paymentPartner, callbackId, parsedKind, paymentRef, null, status, amountFen, occurredAt);
        }
        UUID refundId = parse("refund", () -> UUID.fromString(String.valueOf(refund)), "the refund's id, for a refund");
        parse("status", () -> RefundState.valueOf(String.valueOf(status)), "CONFIRMED or FAILED for a refund");
        return new PaymentCallback(paymentPartner, callbackId, parsedKind, null, refundId, status, amountFen, occurredAt);
    }

    public PaymentState paymentState() {
        return PaymentState.valueOf(status);
    }

    public RefundState refundState() {
        return RefundState.valueOf(status);
    }

    /** The same callback sent again (its id reused for other content is the partner's mistake). */
    public boolean sameAs(PaymentCallback other) {
        return kind == other.kind && status.equals(other.status) && amountFen == other.amountFen
                && java.util.Objects.equals(paymentRef, other.paymentRef) && java.util.Objects.equals(refund, other.refund)
                // The database keeps microseconds (rounded); a partner's clock may give nanoseconds.
                && Math.abs(java.time.Duration.between(occurredAt, other.occurredAt).toNanos()) < 1_000;
    }

    private static <T> T parse(String field, java.util.function.Supplier<T> value, String expected) {
        try {
            return value.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(field, "must be " + expected);
        }
    }
}
