package org.povertyalleviation.bench.household;

import java.util.Arrays;

/** Raw latency samples (nanoseconds), sorted once: percentiles are exact (nearest rank), not bucketed. */
final class Latencies {

    private final long[] sorted;
    private final long wallNanos;
    private final int errors;

    Latencies(long[] samples, int count, long wallNanos, int errors) {
        this.sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        this.wallNanos = wallNanos;
        this.errors = errors;
    }

    int count() {
        return sorted.length;
    }

    int errors() {
        return errors;
    }

    double percentileMillis(double percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] / 1_000_000.0;
    }

    double meanMillis() {
        return Arrays.stream(sorted).average().orElse(Double.NaN) / 1_000_000.0;
    }

    double requestsPerSecond() {
        return sorted.length / (wallNanos / 1e9);
    }
}
