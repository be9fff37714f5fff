package org.povertyalleviation.gateway.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import org.povertyalleviation.gateway.EdgeProblem;
import org.povertyalleviation.gateway.GatewayProperties;
import org.povertyalleviation.gateway.edge.Caller;
import org.povertyalleviation.gateway.edge.ReadPosts;
import org.povertyalleviation.gateway.resilience.ServiceBreakers;
import org.povertyalleviation.platform.problem.ConflictException;
import org.povertyalleviation.platform.problem.InvalidRequestException;
import org.povertyalleviation.platform.problem.ProblemException;
import org.povertyalleviation.platform.problem.ProblemTypes;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes a POST carrying an {@code Idempotency-Key} safe to send again: the first answer under a key is kept in
 * Redis and every repeat of the same request gets that answer back ({@code Idempotent-Replayed: true}) without
 * reaching the service. Keys belong to the caller ({@link Caller}) and the county of the path, so two partners,
 * or one partner's two counties, never share one. Why this lives in the gateway, and what the services add to
 * it: docs/gateway.md.
 *
 * <ul>
 *   <li>A repeat while the first request still runs: 409 (reason {@code request-in-progress}); retry later.</li>
 *   <li>The same key with a different method, path or body: 422 (rule {@code idempotency-key-reused}).</li>
 *   <li>A 5xx answer, or none, is not kept: the request may be sent again and will run again.</li>
 *   <li>Neither the request body nor the answer is ever held whole: the body is fingerprinted as it streams to the
 *       service, and an answer above {@code max-kept-answer} streams to the caller with only its status and headers
 *       kept; a resend of it is a 409 (reason {@code answer-not-kept}) naming that status and the {@code Location}.</li>
 *   <li>A POST that only reads ({@link ReadPosts}, such as the lookup by resident ID number) is not kept at all: it
 *       changes nothing, and its answer may hold personal data, which never enters this store and is never handed out
 *       again without the audit entry its read writes.</li>
 *   <li>A caller without a token (a public path) is not kept either: anyone could fill Redis with answers kept for a
 *       day, and an address, shared by every phone behind a carrier's NAT, is not one caller a key could belong to.</li>
 * </ul>
 */
public class IdempotentReplay implements GlobalFilter, Ordered {

    /** After the edge check and the budget (a replay still spends budget), outside the breaker and the writer. */
    public static final int ORDER = -150;
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private static final Logger log = LoggerFactory.getLogger(IdempotentReplay.class);
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    /** The response headers that are part of the answer; the rest (dates, correlation ids) belong to each delivery. */
    private static final List<String> KEPT_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.CONTENT_ENCODING,
            HttpHeaders.LOCATION, HttpHeaders.ETAG, HttpHeaders.CONTENT_LANGUAGE);

    private final ReactiveStringRedisTemplate redis;
    private final JsonMapper json;
    private final GatewayProperties.Idempotency settings;
    private final ReadPosts readPosts;

    public IdempotentReplay(ReactiveStringRedisTemplate redis, JsonMapper json, GatewayProperties.Idempotency settings,
                            ReadPosts readPosts) {
        this.redis = redis;
        this.json = json;
        this.settings = settings;
        this.readPosts = readPosts;
    }

    /**
     * What Redis keeps under a key: first the claim (no fingerprint yet: the body has not been read), then the answer.
     * {@code withheld} is true when the answer was larger than {@code max-kept-answer}: its status and headers are
     * kept, its body is not. Absent in records written before it existed, so a nullable Boolean.
     */
    record Record(boolean done, String fingerprint, int status, Map<String, String> headers, String body, Boolean withheld) {
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String key = exchange.getRequest().getHeaders().getFirst(HEADER);
        if (key == null || !HttpMethod.POST.equals(exchange.getRequest().getMethod()) || readPosts.matches(exchange)
                || Caller.of(exchange).anonymous()) {
            return chain.filter(exchange);
        }
        if (!VALID_KEY.matcher(key).matches()) {
            return Mono.error(InvalidRequestException.field(HEADER, "must be 1 to 255 visible ASCII characters"));
        }
        String county = exchange.getAttribute(Caller.COUNTY_ATTRIBUTE);
        String redisKey = "idempotency:" + Caller.of(exchange).key() + ":" + (county == null ? "-" : county) + ":" + key;
        // The body is hashed as it streams past, never held: a keyed POST may carry a county's 120 MB import file,
        // and ten of them held at once took the gateway down. So the key is claimed before the body is read, and the
        // fingerprint is known only once the body has passed (to the service, or, for a resend, into the hash).
        Fingerprint fingerprint = new Fingerprint(exchange.getRequest());
        String claim = write(new Record(false, null, 0, Map.of(), null, null));
        return store(redis.opsForValue().setIfAbsent(redisKey, claim, settings.inFlight()))
                .flatMap(claimed -> claimed
                        ? firstTime(exchange, chain, redisKey, fingerprint)
                        : store(redis.opsForValue().get(redisKey))
                                .switchIfEmpty(Mono.error(() -> inProgress(key)))
                                .map(this::read)
                                .flatMap(stored -> stored.done()
                                        ? fingerprint.of(exchange.getRequest().getBody())
                                                .flatMap(resent -> replay(exchange, stored, resent, key))
                                        : Mono.error(inProgress(key))));
    }

    /**
     * A call to the store, bounded by {@code store-timeout}: a Redis that is down or does not answer refuses the
     * request with a 503 at once instead of holding it (or turning into a 500).
     */
    private <T> Mono<T> store(Mono<T> call) {
        return call.timeout(settings.storeTimeout())
                .onErrorMap(failure -> !(failure instanceof ProblemException), IdempotentReplay::storeUnavailable);
    }

    private Mono<Void> firstTime(ServerWebExchange exchange, GatewayFilterChain chain, String redisKey, Fingerprint fingerprint) {
        AtomicBoolean settled = new AtomicBoolean();
        long maxKept = settings.maxKeptAnswer().toBytes();
        ServerHttpRequest hashed = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return fingerprint.tap(super.getBody());
            }
        };
        ServerHttpResponse recording = new ServerHttpResponseDecorator(exchange.getResponse()) {
            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
                if (status(getDelegate()).is5xxServerError()) {
                    return release(settled, redisKey).then(super.writeWith(body));
                }
                // Up to max-kept-answer is held (copied, the buffers released) until it is in the store, so a resend
                // right after the answer is replayed, never a 409. Past that the answer streams through and only
                // its status and headers are kept: answers, like requests, are never held whole.
                HeldAnswer held = new HeldAnswer(maxKept);
                Flux<DataBuffer> answer = Flux.from(body).concatMap(buffer -> {
                    if (held.overflowed()) {
                        return Mono.just(buffer);
                    }
                    if (held.add(buffer)) {
                        DataBufferUtils.release(buffer);
                        return Mono.<DataBuffer>empty();
                    }
                    byte[] sofar = held.takeAll();
                    return settle(settled, redisKey, fingerprint, getDelegate(), null)
                            .thenMany(Flux.just(bufferFactory().wrap(sofar), buffer));
                }).concatWith(Mono.defer(() -> {
                    if (held.overflowed()) {
                        return Mono.empty();
                    }
                    byte[] whole = held.takeAll();
                    return settle(settled, redisKey, fingerprint, getDelegate(), whole).then(Mono.just(bufferFactory().wrap(whole)));
                })).doOnDiscard(DataBuffer.class, DataBufferUtils::release);
                return super.writeWith(answer);
            }

            @Override
            public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
                return writeWith(Flux.from(body).flatMapSequential(part -> part));
            }

            @Override
            public Mono<Void> setComplete() {
                return settle(settled, redisKey, fingerprint, getDelegate(), new byte[0]).then(super.setComplete());
            }
        };
        return chain.filter(exchange.mutate().request(hashed).response(recording).build())
                .onErrorResume(failure -> (mayHaveRun(failure) ? Mono.<Void>empty() : release(settled, redisKey))
                        .then(Mono.error(failure)))
                // The caller went away: the service may still be running it. The claim stays until it expires
                // (in-flight), so that a resend meanwhile is a 409, not a second run.
                .doOnCancel(() -> settled.set(true));
    }

    /**
     * Whether the request may have reached the service and taken effect although no answer came (a timeout, a
     * connection lost mid-call): then the key stays claimed until {@code in-flight} runs out rather than being
     * freed for a second run at once. A refusal of the caller's request (4xx) or a call that was never made (open
     * breaker, refused connection) ran nothing, and the key is free again.
     */
    private static boolean mayHaveRun(Throwable failure) {
        if (failure instanceof ServiceBreakers.NotCalled) {
            return false;
        }
        return !(failure instanceof ProblemException problem && problem.status().is4xxClientError());
    }

    /**
     * Keeps the answer under the key ({@code body} null: too large, only its status and headers), or frees the key
     * when the answer is a 5xx. At most once per request.
     */
    private Mono<Void> settle(AtomicBoolean settled, String redisKey, Fingerprint fingerprint, ServerHttpResponse response,
                              byte[] body) {
        if (!settled.compareAndSet(false, true)) {
            return Mono.empty();
        }
        HttpStatusCode status = status(response);
        String requested = fingerprint.value();
        if (status.is5xxServerError() || requested == null) {
            // requested == null: the service answered before the whole request body had reached it (a refusal, as a
            // rule), so this answer cannot be tied to the request a resend will carry; the key is free again.
            return redis.delete(redisKey).then().timeout(settings.storeTimeout()).onErrorResume(failure -> Mono.empty());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        KEPT_HEADERS.forEach(name -> {
            String value = response.getHeaders().getFirst(name);
            if (value != null) {
                headers.put(name, value);
            }
        });
        Record answer = body == null
                ? new Record(true, requested, status.value(), headers, null, true)
                : new Record(true, requested, status.value(), headers, Base64.getEncoder().encodeToString(body), null);
        return redis.opsForValue().set(redisKey, write(answer), settings.retention()).then()
                .timeout(settings.storeTimeout())
                .onErrorResume(failure -> {
                    // The caller still gets its answer; a resend finds the claim (409) until in-flight runs out, and
                    // then runs again.
                    log.warn("Could not keep the answer under idempotency key {}: {}", redisKey, failure.toString());
                    return Mono.empty();
                });
    }

    private static HttpStatusCode status(ServerHttpResponse response) {
        return response.getStatusCode() == null ? HttpStatus.OK : response.getStatusCode();
    }

    private Mono<Void> release(AtomicBoolean settled, String redisKey) {
        return settled.compareAndSet(false, true)
                ? redis.delete(redisKey).then().timeout(settings.storeTimeout()).onErrorResume(failure -> Mono.empty())
                : Mono.empty();
    }

    private Mono<Void> replay(ServerWebExchange exchange, Record stored, String fingerprint, String key) {
        if (!stored.done()) {
            return Mono.error(inProgress(key));
        }
        if (!stored.fingerprint().equals(fingerprint)) {
            return Mono.error(new EdgeProblem(HttpStatus.UNPROCESSABLE_CONTENT, ProblemTypes.RULE_VIOLATED, "Rule violated",
                    "Idempotency-Key " + key + " was already used for a different request",
                    Map.of("rule", "idempotency-key-reused"), Map.of()));
        }
        if (Boolean.TRUE.equals(stored.withheld())) {
            // The request ran; running it again is what the key exists to prevent, and a 2xx without its body
            // would be a lie. The partner learns that it ran, how it was answered and where the result is.
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("reason", "answer-not-kept");
            properties.put("answerStatus", stored.status());
            String location = stored.headers().get(HttpHeaders.LOCATION);
            if (location != null) {
                properties.put("location", location);
            }
            return Mono.error(new EdgeProblem(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Conflict",
                    "The request with Idempotency-Key " + key + " has already run (answered " + stored.status()
                            + "); its answer was larger than the gateway keeps (" + settings.maxKeptAnswer().toKilobytes()
                            + " KB), so it cannot be replayed" + (location == null ? "" : "; the result is at " + location),
                    properties, Map.of()));
        }
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(stored.status()));
        stored.headers().forEach(response.getHeaders()::set);
        response.getHeaders().set(REPLAYED_HEADER, "true");
        byte[] body = Base64.getDecoder().decode(stored.body());
        return body.length == 0 ? response.setComplete() : response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    /**
     * Without the store the promise "safe to send again" cannot be kept, so the request is not run at all: the
     * caller retries later, rather than the request running twice.
     */
    private static EdgeProblem storeUnavailable(Throwable failure) {
        log.warn("Idempotency store unavailable: {}", failure.toString());
        return new EdgeProblem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE, "Service unavailable",
                "Requests with an Idempotency-Key cannot be accepted right now; retry shortly", Map.of(),
                Map.of(HttpHeaders.RETRY_AFTER, "5"));
    }

    private static ConflictException inProgress(String key) {
        return new ConflictException("request-in-progress",
                "A request with Idempotency-Key " + key + " is still being processed; retry when it has finished");
    }

    /**
     * SHA-256 of the method, path, query and body, taken as the body streams past: nothing of the body is held. The
     * same digest as when the body was read whole, so answers kept before are still replayed.
     */
    static final class Fingerprint {

        private final MessageDigest digest;
        private volatile String value;

        Fingerprint(ServerHttpRequest request) {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JRE", e);
            }
            digest.update((request.getMethod() + " " + request.getURI().getRawPath() + "?" + request.getURI().getRawQuery()
                    + "\n").getBytes(StandardCharsets.UTF_8));
            // A request without a body may never have it subscribed to.
            if (request.getHeaders().getContentLength() == 0
                    || request.getHeaders().getContentLength() < 0 && !request.getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
                finish();
            }
        }

        /** The body as it passes on, hashed on the way. */
        Flux<DataBuffer> tap(Flux<DataBuffer> body) {
            return body.doOnNext(this::update).doOnComplete(this::finish);
        }

        /** The fingerprint of a request whose body is only hashed (a resend), each buffer released once hashed. */
        Mono<String> of(Flux<DataBuffer> body) {
            return body.doOnNext(buffer -> {
                try {
                    update(buffer);
                } finally {
                    DataBufferUtils.release(buffer);
                }
            }).then(Mono.fromCallable(this::finish));
        }

        /** Null until the whole body has passed. */
        String value() {
            return value;
        }

        private void update(DataBuffer buffer) {
            if (value != null) {
                return;
            }
            try (DataBuffer.ByteBufferIterator buffers = buffer.readableByteBuffers()) {
                buffers.forEachRemaining(digest::update);
            }
        }

        private synchronized String finish() {
            if (value == null) {
                value = HexFormat.of().formatHex(digest.digest());
            }
            return value;
        }
    }

    /** The first bytes of an answer, up to a limit, copied out of the buffers that carried them. */
    private static final class HeldAnswer {

        private final long limit;
        private java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        private boolean overflowed;

        HeldAnswer(long limit) {
            this.limit = limit;
        }

        /** False, and nothing copied, when the buffer would take the answer past the limit. */
        boolean add(DataBuffer buffer) {
            int size = buffer.readableByteCount();
            if (bytes.size() + (long) size > limit) {
                overflowed = true;
                return false;
            }
            byte[] chunk = new byte[size];
            buffer.read(chunk);
            bytes.write(chunk, 0, size);
            return true;
        }

        boolean overflowed() {
            return overflowed;
        }

        byte[] takeAll() {
            byte[] all = bytes.toByteArray();
            bytes = new java.io.ByteArrayOutputStream();
            return all;
        }
    }

    private String write(Record record) {
        return json.writeValueAsString(record);
    }

    private Record read(String stored) {
        return json.readValue(stored, Record.class);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
