package org.povertyalleviation.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * A closed-loop generator of POSTs: a fixed number of requests, at most {@code concurrency} in flight at once (each
 * over a keep-alive connection of its own), the next one sent as soon as one is answered. Unlike bench-support's
 * FixedRateLoad (open loop, at a rate), it answers "how fast can these N requests be served when this many wait at once",
 * which is what a burst of bookings or pledges is. Latency is from each request's send to the end of its answer; since no request
 * is due before a slot in flight frees, there is no due time for a stall to be measured against, and the wall time
 * of the whole burst is the figure to read.
 *
 * <p>Lean, as it shares the machine's CPUs with what it measures: one Netty event-loop thread; statuses and latencies
 * kept in preallocated arrays.
 */
public final class ClosedLoopPosts implements AutoCloseable {

    /** One request: its URL, its {@code Authorization} (null: none), its JSON body and any further headers (a signature, say). */
    public record Post(String url, String authorization, String json, Map<String, String> headers) {

        public Post(String url, String authorization, String json) {
            this(url, authorization, json, Map.of());
        }
    }

    /**
     * What one burst did: per request (by index) its status (0: no answer: a connection error or the response timeout)
     * and latency in microseconds, the burst's wall time from the first send to the last answer, and how many answers
     * of each kind came (the status, and for a problem its reason or else the last part of its type: "409 tier-sold-out").
     */
    public record Result(int[] statuses, long[] micros, double wallSeconds, List<String> otherAnswers, Map<String, Long> answers) {

        public long count(int status) {
            return Arrays.stream(statuses).filter(s -> s == status).count();
        }

        public long other() {
            return Arrays.stream(statuses).filter(s -> s != 201 && s != 409 && s != 429 && s != 0).count();
        }

        /** The percentile of the latencies of every answered request, in ms. */
        public double percentileMillis(double percentile) {
            long[] answered = new long[statuses.length];
            int n = 0;
            for (int i = 0; i < statuses.length; i++) {
                if (statuses[i] != 0) {
                    answered[n++] = micros[i];
                }
            }
            if (n == 0) {
                return Double.NaN;
            }
            long[] sorted = Arrays.copyOf(answered, n);
            Arrays.sort(sorted);
            int index = (int) Math.ceil(percentile / 100.0 * n) - 1;
            return sorted[Math.max(0, Math.min(index, n - 1))] / 1000.0;
        }

        /** The percentile of the latencies of the answers with this status, in ms. */
        public double percentileMillis(double percentile, int status) {
            long[] of = new long[statuses.length];
            int n = 0;
            for (int i = 0; i < statuses.length; i++) {
                if (statuses[i] == status) {
                    of[n++] = micros[i];
                }
            }
            if (n == 0) {
                return Double.NaN;
            }
            long[] sorted = Arrays.copyOf(of, n);
            Arrays.sort(sorted);
            int index = (int) Math.ceil(percentile / 100.0 * n) - 1;
            return sorted[Math.max(0, Math.min(index, n - 1))] / 1000.0;
        }
    }

    /** A problem's stable reason ({@code "reason":"slot-full"}), else the last part of its type ({@code urn:…:problem:rate-limited}). */
    private static final Pattern PROBLEM_REASON = Pattern.compile("\"reason\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern PROBLEM_TYPE = Pattern.compile("\"type\"\\s*:\\s*\"[^\"]*?([^:/\"]+)\"");

    private final LoopResources loop = LoopResources.create("bench-posts", 1, true);
    private final ConnectionProvider pool;
    private final HttpClient client;
    private final int concurrency;

    public ClosedLoopPosts(int concurrency, Duration responseTimeout) {
        this.concurrency = concurrency;
        this.pool = ConnectionProvider.builder("bench-posts")
                .maxConnections(concurrency)
                .pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(Duration.ofMinutes(5))
                .maxIdleTime(Duration.ofMinutes(10))
                .build();
        this.client = HttpClient.create(pool).runOn(loop).keepAlive(true).responseTimeout(responseTimeout)
                .headers(h -> h.set(HttpHeaderNames.CONTENT_TYPE, "application/json").set(HttpHeaderNames.ACCEPT, "application/json"));
    }

    /** Sends the {@code count} requests, at most {@code concurrency} at once, in index order; returns when every one is answered or failed. */
    public Result run(int count, IntFunction<Post> requests) {
        int[] statuses = new int[count];
        long[] micros = new long[count];
        List<String> otherAnswers = Collections.synchronizedList(new ArrayList<>());
        Map<String, Long> answers = new ConcurrentHashMap<>();
        AtomicLong lastAnswer = new AtomicLong();
        long start = System.nanoTime();
        Flux.range(0, count)
                .flatMap(i -> {
                    Post post = requests.apply(i);
                    return Mono.defer(() -> {
                        long sent = System.nanoTime();
                        return client.headers(h -> {
                                    if (post.authorization() != null) {
                                        h.set(HttpHeaderNames.AUTHORIZATION, post.authorization());
                                    }
                                    post.headers().forEach((name, value) -> h.set(name, value));
                                }).post().uri(post.url())
                                .send(ByteBufFlux.fromString(Mono.just(post.json()), StandardCharsets.UTF_8, io.netty.buffer.ByteBufAllocator.DEFAULT))
                                .responseSingle((response, body) -> body.asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                                        .map(text -> {
                                            int status = response.status().code();
                                            answers.merge(status >= 400 ? status + kind(text) : Integer.toString(status), 1L, Long::sum);
                                            if (status != 201 && status != 409 && otherAnswers.size() < 5) {
                                                otherAnswers.add(status + " " + text.substring(0, Math.min(300, text.length())));
                                            }
                                            return status;
                                        }))
                                .doOnNext(status -> {
                                    long end = System.nanoTime();
                                    statuses[i] = status;
                                    micros[i] = (end - sent) / 1_000;
                                    lastAnswer.accumulateAndGet(end, Math::max);
                                })
                                .onErrorResume(error -> {
                                    long end = System.nanoTime();
                                    statuses[i] = 0;
                                    answers.merge("no answer", 1L, Long::sum);
                                    micros[i] = (end - sent) / 1_000;
                                    lastAnswer.accumulateAndGet(end, Math::max);
                                    if (otherAnswers.size() < 5) {
                                        otherAnswers.add("no answer: " + error);
                                    }
                                    return Mono.just(0);
                                });
                    });
                }, concurrency)
                .blockLast(Duration.ofMinutes(10));
        return new Result(statuses, micros, (lastAnswer.get() - start) / 1e9, List.copyOf(otherAnswers), new TreeMap<>(answers));
    }

    /** " reason" of a problem's body, " type" without a reason, "" if it is not a problem. */
    private static String kind(String body) {
        Matcher reason = PROBLEM_REASON.matcher(body);
        if (reason.find()) {
            return " " + reason.group(1);
        }
        Matcher type = PROBLEM_TYPE.matcher(body);
        return type.find() ? " " + type.group(1) : "";
    }

    @Override
    public void close() {
        pool.disposeLater().block(Duration.ofSeconds(10));
        loop.disposeLater().block(Duration.ofSeconds(10));
    }
}
