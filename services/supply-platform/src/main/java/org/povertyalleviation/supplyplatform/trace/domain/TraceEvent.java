package org.povertyalleviation.supplyplatform.trace.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * Something that happened to a lot, after an EPCIS object event: what (the lot), when, where (the read point, and its
 * coordinates in microdegrees when known) and why (the business step).
 *
 * @param eventId the recorder's own id of it: a resend with the same id and content records nothing new
 */
public record TraceEvent(UUID id, UUID lot, String eventId, BusinessStep step, Instant eventTime, String readPoint, Integer latitudeMicro,
                         Integer longitudeMicro, Long quantityMilli, String note, String recordedBy, Instant recordedAt) {

    public static final int MAX_EVENT_ID = 100;
    public static final int MAX_READ_POINT = 100;
    public static final int MAX_NOTE = 200;

    /** Whether a resend carries the same event: everything the recorder said, not when or by whom it arrived. */
    public boolean sameAs(TraceEvent other) {
        return lot.equals(other.lot) && step == other.step && eventTime.equals(other.eventTime) && readPoint.equals(other.readPoint)
                && java.util.Objects.equals(latitudeMicro, other.latitudeMicro) && java.util.Objects.equals(longitudeMicro, other.longitudeMicro)
                && java.util.Objects.equals(quantityMilli, other.quantityMilli) && java.util.Objects.equals(note, other.note);
    }
}
