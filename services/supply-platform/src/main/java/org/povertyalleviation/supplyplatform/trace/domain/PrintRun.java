package org.povertyalleviation.supplyplatform.trace.domain;

import java.time.Instant;
import java.util.UUID;

/** A print run of pack labels for a lot, each label a serial of its own. */
public record PrintRun(UUID id, UUID lot, int labels, String createdBy, Instant createdAt) {

    public static final int MAX_LABELS = 5000;
}
