package org.povertyalleviation.supplyplatform.trace.domain;

import java.time.Instant;
import java.util.UUID;

/** A pack serial scanned from too many places or too often: its label may have been copied. */
public record CopySuspicion(String serial, UUID lot, Reason reason, int scans, int places, Instant raisedAt) {

    public enum Reason { MANY_PLACES, MANY_SCANS }
}
