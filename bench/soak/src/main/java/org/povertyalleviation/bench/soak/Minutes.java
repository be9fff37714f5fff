package org.povertyalleviation.bench.soak;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The soak's answers by the minute they were due in (request i of a run at r/s is due i/r seconds after its start,
 * so the index alone places it): how many, which failed and how, and their latencies kept raw, so a minute's
 * percentiles are exact. Every 2xx is expected: the mix sends nothing a service may refuse; anything else, and a
 * request without an answer, is an error.
 */
final class Minutes {

    /** One minute's figures; latencies in microseconds from the due time. */
    record Minute(int minute, long requests, long errors, Map<String, Long> errorsByKind, double p50, double p99, double max) {
    }

    private final SoakMix mix;
    private final long perMinute;
    private final Bucket[] buckets;

    Minutes(SoakMix mix, int rate, int minutes) {
        this.mix = mix;
        this.perMinute = rate * 60L;
        this.buckets = new Bucket[minutes];
        for (int m = 0; m < minutes; m++) {
            buckets[m] = new Bucket((int) Math.min(perMinute + 16, Integer.MAX_VALUE - 8));
        }
    }

    /** The load's listener: called on its event-loop thread for every request. */
    void answered(long index, long micros, int status) {
        int minute = (int) Math.min(buckets.length - 1, index / perMinute);
        buckets[minute].add(micros, mix.error(index, status));
    }

    int count() {
        return buckets.length;
    }

    Minute minute(int m) {
        return buckets[m].figures(m + 1);
    }

    /** The whole run's p50, p99 and max, over every minute's answers. */
    double[] overall() {
        long n = 0;
        for (Bucket bucket : buckets) {
            n += bucket.size();
        }
        long[] all = new long[(int) n];
        int at = 0;
        for (Bucket bucket : buckets) {
            at = bucket.copyInto(all, at);
        }
        Arrays.sort(all);
        return new double[] {percentile(all, 50), percentile(all, 99), all.length == 0 ? Double.NaN : all[all.length - 1] / 1000.0};
    }

    static double percentile(long[] sorted, double percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1000.0;
    }

    private static final class Bucket {
        private long[] micros;
        private int size;
        private long errors;
        private final Map<String, Long> errorsByKind = new TreeMap<>();

        Bucket(int capacity) {
            micros = new long[capacity];
        }

        synchronized void add(long latency, String error) {
            if (size == micros.length) {
                micros = Arrays.copyOf(micros, size * 2);
            }
            micros[size++] = latency;
            if (error != null) {
                errors++;
                errorsByKind.merge(error, 1L, Long::sum);
            }
        }

        synchronized int size() {
            return size;
        }

        synchronized int copyInto(long[] target, int at) {
            System.arraycopy(micros, 0, target, at, size);
            return at + size;
        }

        synchronized Minute figures(int minute) {
            long[] sorted = Arrays.copyOf(micros, size);
            Arrays.sort(sorted);
            return new Minute(minute, size, errors, Map.copyOf(errorsByKind), percentile(sorted, 50), percentile(sorted, 99),
                    sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1000.0);
        }
    }
}
