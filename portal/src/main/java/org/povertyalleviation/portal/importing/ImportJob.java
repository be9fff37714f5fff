package org.povertyalleviation.portal.importing;

import java.time.Instant;
import java.util.UUID;

/**
 * An import as the household registry reports it. {@code rowsTotal} is known once the registry has counted the
 * file's rows (null before); the bar shows rows read out of it.
 */
record ImportJob(UUID id, String fileName, String format, String status, Integer rowsTotal, int rowsRead, int householdsCreated,
                 int householdsUpdated, int householdsUnchanged, int rowsRejected, String failure, String startedBy,
                 Instant startedAt, Instant finishedAt) {

    public boolean running() {
        return "RUNNING".equals(status);
    }

    /** Whole percent; a finished job is at 100 whatever it counted, a running one never shows 100 before it ends. */
    public int percent() {
        if (!running()) {
            return 100;
        }
        if (rowsTotal == null || rowsTotal == 0) {
            return 0;
        }
        return Math.min(99, (int) ((long) rowsRead * 100 / rowsTotal));
    }

    record Rejection(int line, String fileNumber, String field, String reason) {
    }
}
