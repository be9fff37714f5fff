package org.povertyalleviation.logisticsbooking.booking.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.povertyalleviation.platform.domain.InvalidValueException;

/**
 * A report of where a shipment is, from a carrier or a station agent. {@code updateId} is the reporter's own id for it:
 * the same report sent again is recognised and changes nothing.
 *
 * @param advanced whether it moved the booking on; a late report of an earlier step only fills in the timeline
 */
public record TrackingUpdate(UUID booking, String updateId, ShipmentState state, Instant occurredAt, UUID node, String reason,
                             String recipient, String photoRef, String reportedBy, Instant receivedAt, boolean advanced) {

    public static final int MAX_UPDATE_ID = 100;
    public static final int MAX_REASON = 500;
    public static final int MAX_RECIPIENT = 50;
    public static final int MAX_PHOTO_REF = 300;
    /** Clocks of handheld scanners drift; a report from further ahead than this is refused. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    public TrackingUpdate {
        if (updateId == null || updateId.isBlank() || updateId.length() > MAX_UPDATE_ID) {
            throw new InvalidValueException("updateId", "must be 1 to " + MAX_UPDATE_ID + " characters");
        }
        if (state == null) {
            throw new InvalidValueException("state", "is required");
        }
        if (occurredAt == null) {
            throw new InvalidValueException("occurredAt", "is required");
        }
        if (occurredAt.isAfter(receivedAt.plus(CLOCK_SKEW))) {
            throw new InvalidValueException("occurredAt", "is in the future");
        }
        reason = blankToNull(reason);
        recipient = blankToNull(recipient);
        photoRef = blankToNull(photoRef);
        if (reason != null && reason.length() > MAX_REASON) {
            throw new InvalidValueException("reason", "must be at most " + MAX_REASON + " characters");
        }
        if (recipient != null && recipient.length() > MAX_RECIPIENT) {
            throw new InvalidValueException("recipient", "must be at most " + MAX_RECIPIENT + " characters");
        }
        if (photoRef != null && photoRef.length() > MAX_PHOTO_REF) {
            throw new InvalidValueException("photoRef", "must be at most " + MAX_PHOTO_REF + " characters");
        }
        if (state == ShipmentState.DELIVERED && recipient == null) {
            throw new InvalidValueException("recipient", "a delivery's proof names who received it");
        }
        if ((state == ShipmentState.FAILED || state == ShipmentState.RETURNED) && reason == null) {
            throw new InvalidValueException("reason", "says why it " + (state == ShipmentState.FAILED ? "failed" : "went back"));
        }
        if (state == ShipmentState.BOOKED || state == ShipmentState.CANCELLED) {
            throw new InvalidValueException("state", state + " is not reported: a booking is made or cancelled, not tracked there");
        }
    }

    /** The same report as another one: a resend of it. */
    public boolean sameReportAs(TrackingUpdate other) {
        return state == other.state && occurredAt.equals(other.occurredAt);
    }

    public TrackingUpdate advancing(boolean advanced) {
        return new TrackingUpdate(booking, updateId, state, occurredAt, node, reason, recipient, photoRef, reportedBy, receivedAt, advanced);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
