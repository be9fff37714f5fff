package org.povertyalleviation.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
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
 *
 * <p>Each request may have its own address and headers ({@link #run(LongFunction, int, Duration)}): the trace
 * benchmark sends every request for another pack, from another simulated phone; the soak mixes GETs and POSTs with a
 * JSON body. Answers are counted by status (2xx, 429, any other) and requests without an answer within the response
 * timeout as errors, so that an overloaded server shows as what it is and not only as a long tail.
 */
public final class FixedRateLoad implements AutoCloseable {

    /** One request: where it goes, its headers beyond the load's own, and for a POST its JSON body (null: a GET). */
    public record Request(String url, Map<String, String> headers, String json) {

        public Request(String url, Map<String, String> headers) {
            this(url, headers, null);
        }

        public static Request of(String url) {
            return new Request(url, Map.of());
        }

        public static Request post(String url, Map<String, String> headers, String json) {
            return new Request(url, headers, json);
        }
    }

    /**
     * Told of every request's outcome as it comes, on the load's event-loop thread (keep it short): a soak reports per
     * minute, which the one result at the end cannot. {@code status} 0: no answer (a connection error or the timeout).
     */
    @FunctionalInterface
    public interface Listener {
        void answered(long index, long latencyMicros, int status);
    }

    private final LoopResources loop = LoopResources.create("bench-load", 1, true);
    private final ConnectionProvider pool;
    private final HttpClient client;

    /** A load whose every request carries {@code authorization} (the gateway benchmark's partner), answers within 60 s. */
    public FixedRateLoad(int connections, String authorization) {
        this(connections, Map.of(HttpHeaderNames.AUTHORIZATION.toString(), authorization), Duration.ofSeconds(60));
    }

    /**
     * @param headers         sent with every request
     * @param responseTimeout a request not answered within it once sent counts as an error. Only once sent: a timeout
     *                        over the wait for a connection as well would, when the server falls behind, abandon requests
     *                        it has started on, and the first run with one measured almost no answers at all (271 of
     *                        30,000), a collapse of the client's making that hid what the server can do. Close the load
     *                        after a run the server could not keep up with: its waiting requests go with its pool.
     */
    public FixedRateLoad(int connections, Map<String, String> headers, Duration responseTimeout) {
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
                .responseTimeout(responseTimeout)
                .headers(h -> headers.forEach(h::set));
    }

    /**
     * Latencies of one run, in microseconds from each request's due time to the end of its response (answers of any
     * status; requests that got none are in {@code errors} or {@code unfinished}).
     *
     * @param completed answers with a 2xx status
     * @param failed    everything else: non-2xx answers (429s included) and errors
     * @param tooMany   answers with 429 (a budget refused them)
     * @param errors    no answer: connection errors and response timeouts
     */
    public record Result(int rate, long due, long completed, long failed, long tooMany, long errors, long unfinished, long[] sortedMicros,
                         long sendLagP99Micros, long sendLagMaxMicros, double seconds, double answeredWithinSeconds) {

        public double percentileMillis(double percentile) {
            if (sortedMicros.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(percentile / 100.0 * sortedMicros.length) - 1;
            return sortedMicros[Math.max(0, Math.min(index, sortedMicros.length - 1))] / 1000.0;
        }

        /**
         * 2xx answers per second from the first request's due time to the last answer: what the server delivered. When it
         * fell behind it went on answering after the last request was sent, so dividing by the sending period alone would
         * overstate it.
         */
        public double achievedRate() {
            return completed / answeredWithinSeconds;
        }

        /**
         * A percentile over every request sent, those without an answer counted as slower than any answer: infinite
         * when more than {@code 100 - percentile} % got none.
         */
        public double percentileOfAllMillis(double percentile) {
            int index = (int) Math.ceil(percentile / 100.0 * due) - 1;
            if (index >= sortedMicros.length) {
                return Double.POSITIVE_INFINITY;
            }
            return sortedMicros[Math.max(0, index)] / 1000.0;
        }

        public boolean clean() {
            return failed == 0 && unfinished == 0;
        }
    }

    /** Sends {@code rate} requests per second to {@code url}, all alike. */
    public Result run(String url, int rate, Duration duration) {
        Request request = Request.of(url);
        return run(i -> request, rate, duration);
    }

    /**
     * Sends {@code rate} requests per second for {@code duration}, the i-th being {@code requests.apply(i)}, then waits
     * (up to 30 s) for the answers still outstanding.
     */
    public Result run(LongFunction<Request> requests, int rate, Duration duration) {
        return run(requests, rate, duration, (index, micros, status) -> {
        });
    }

    /** As {@link #run(LongFunction, int, Duration)}, telling {@code listener} of each outcome as it comes. */
    public Result run(LongFunction<Request> requests, int rate, Duration duration, Listener listener) {
        long total = Math.max(1, rate * duration.toNanos() / 1_000_000_000L);
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Too many requests for one run: " + total);
        }
        long[] latencies = new long[(int) total];
        long[] sendLags = new long[(int) total];
        AtomicInteger recorded = new AtomicInteger();
        AtomicLong completed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong tooMany = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong outstanding = new AtomicLong();
        AtomicLong lastAnswer = new AtomicLong();

        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        for (long i = 0; i < total; i++) {
            long due = start + i * 1_000_000_000L / rate;
            Request request = requests.apply(i);
            long now = System.nanoTime();
            if (due > now) {
                LockSupport.parkNanos(due - now);
                now = System.nanoTime();
            }
            sendLags[(int) i] = Math.max(0, now - due);
            outstanding.incrementAndGet();
            HttpClient perRequest = request.headers().isEmpty() && request.json() == null ? client : client.headers(h -> {
                request.headers().forEach(h::set);
                if (request.json() != null) {
                    h.set(HttpHeaderNames.CONTENT_TYPE, "application/json");
                }
            });
            long index = i;
            (request.json() == null ? perRequest.get().uri(request.url())
                    : perRequest.post().uri(request.url()).send(ByteBufFlux.fromString(Mono.just(request.json()), StandardCharsets.UTF_8,
                            ByteBufAllocator.DEFAULT)))
                    .response((response, body) -> body.then(Mono.just(response.status().code())))
                    .next()
                    .subscribe(status -> {
                        long end = System.nanoTime();
                        long micros = (end - due) / 1_000;
                        latencies[recorded.getAndIncrement()] = micros;
                        listener.answered(index, micros, status);
                        lastAnswer.accumulateAndGet(end, Math::max);
                        if (status >= 200 && status < 300) {
                            completed.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                            if (status == 429) {
                                tooMany.incrementAndGet();
                            }
                        }
                        outstanding.decrementAndGet();
                    }, error -> {
                        listener.answered(index, (System.nanoTime() - due) / 1_000, 0);
                        failed.incrementAndGet();
                        errors.incrementAndGet();
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
        double answeredWithin = Math.max(seconds, (lastAnswer.get() - start) / 1e9);
        return new Result(rate, total, completed.get(), failed.get(), tooMany.get(), errors.get(), unfinished, sorted, lagP99, lagMax,
                seconds, answeredWithin);
    }

    @Override
    public void close() {
        pool.disposeLater().block(Duration.ofSeconds(10));
        loop.disposeLater().block(Duration.ofSeconds(10));
    }
}
