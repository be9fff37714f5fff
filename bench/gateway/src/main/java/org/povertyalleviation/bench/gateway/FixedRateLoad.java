package org.povertyalleviation.bench.gateway;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * An open-loop load generator: it sends requests at a fixed rate whatever the server does (wrk cannot: it waits for
 * an answer before a connection sends again, so a slow server is offered less load and its stalls hide), and
 * measures each latency from the moment the request was due, not from when it was actually sent, so that a stall
 * counts against every request it delayed (no coordinated omission).
 *
 * <p>Lean on purpose, since it shares the machine's CPUs with the servers it measures: one scheduling thread that
 * sleeps until the next request is due, one Netty event-loop thread, a bounded pool of keep-alive connections, and
 * latencies kept as raw samples in a preallocated array (sorted once at the end, so percentiles are exact).
 */
final class FixedRateLoad implements AutoCloseable {

    private final LoopResources loop = LoopResources.create("bench-load", 1, true);
    private final ConnectionProvider pool;
    private final HttpClient client;

    FixedRateLoad(int connections, String authorization) {
        this.pool = ConnectionProvider.builder("bench-load")
                .maxConnections(connections)
                // Requests wait for a connection rather than fail: the wait is part of their latency.
                .pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(Duration.ofMinutes(5))
                .maxIdleTime(Duration.ofMinutes(10))
                .build();
        this.client = HttpClient.create(pool)
                .runOn(loop)
                .keepAlive(true)
                .headers(headers -> headers.set(HttpHeaderNames.AUTHORIZATION, authorization));
    }

    /** Latencies of one run, in microseconds from each request's due time to the end of its response. */
    record Result(int rate, long due, long completed, long failed, long unfinished, long[] sortedMicros,
                  long sendLagP99Micros, long sendLagMaxMicros, double seconds) {

        double percentileMillis(double percentile) {
            if (sortedMicros.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(percentile / 100.0 * sortedMicros.length) - 1;
            return sortedMicros[Math.max(0, Math.min(index, sortedMicros.length - 1))] / 1000.0;
        }

        double achievedRate() {
            return completed / seconds;
        }

        boolean clean() {
            return failed == 0 && unfinished == 0;
        }
    }

    /**
     * Sends {@code rate} requests per second to {@code url} for {@code duration}, then waits (up to 30 s) for the
     * answers still outstanding.
     */
    Result run(String url, int rate, Duration duration) {
        long total = Math.max(1, rate * duration.toNanos() / 1_000_000_000L);
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Too many requests for one run: " + total);
        }
        long[] latencies = new long[(int) total];
        long[] sendLags = new long[(int) total];
        AtomicInteger recorded = new AtomicInteger();
        AtomicLong completed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong outstanding = new AtomicLong();

        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        for (long i = 0; i < total; i++) {
            long due = start + i * 1_000_000_000L / rate;
            long now = System.nanoTime();
            if (due > now) {
                LockSupport.parkNanos(due - now);
                now = System.nanoTime();
            }
            sendLags[(int) i] = Math.max(0, now - due);
            outstanding.incrementAndGet();
            client.get().uri(url)
                    .response((response, body) -> body.then(Mono.just(response.status().code())))
                    .next()
                    .subscribe(status -> {
                        long micros = (System.nanoTime() - due) / 1_000;
                        latencies[recorded.getAndIncrement()] = micros;
                        if (status >= 200 && status < 300) {
                            completed.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                        outstanding.decrementAndGet();
                    }, error -> {
                        failed.incrementAndGet();
                        outstanding.decrementAndGet();
                    });
        }
        long sendingEnded = System.nanoTime();
        long drainDeadline = sendingEnded + TimeUnit.SECONDS.toNanos(30);
        while (outstanding.get() > 0 && System.nanoTime() < drainDeadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        long unfinished = outstanding.get();
        double seconds = (double) total / rate;
        long[] sorted = Arrays.copyOf(latencies, Math.min(recorded.get(), latencies.length));
        Arrays.sort(sorted);
        Arrays.sort(sendLags);
        long lagP99 = sendLags[(int) Math.min(sendLags.length - 1, Math.ceil(0.99 * sendLags.length) - 1)] / 1_000;
        long lagMax = sendLags[sendLags.length - 1] / 1_000;
        return new Result(rate, total, completed.get(), failed.get(), unfinished, sorted, lagP99, lagMax, seconds);
    }

    @Override
    public void close() {
        pool.disposeLater().block(Duration.ofSeconds(10));
        loop.disposeLater().block(Duration.ofSeconds(10));
    }
}
