package org.povertyalleviation.gateway.idempotency;

import java.nio.ByteBuffer;
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
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
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

    /** What Redis keeps under a key: first the claim, then the answer. */
    record Record(boolean done, String fingerprint, int status, Map<String, String> headers, String body) {
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
        return ServerWebExchangeUtils.cacheRequestBody(exchange, request -> {
            String fingerprint = fingerprint(exchange, exchange.getAttribute(ServerWebExchangeUtils.CACHED_REQUEST_BODY_ATTR));
            String claim = write(new Record(false, fingerprint, 0, Map.of(), null));
            return redis.opsForValue().setIfAbsent(redisKey, claim, settings.inFlight())
                    .onErrorMap(failure -> storeUnavailable(failure))
                    .flatMap(claimed -> claimed
                            ? firstTime(exchange.mutate().request(request).build(), chain, redisKey, fingerprint)
                            : redis.opsForValue().get(redisKey)
                                    .onErrorMap(failure -> storeUnavailable(failure))
                                    .switchIfEmpty(Mono.error(() -> inProgress(key)))
                                    .flatMap(stored -> replay(exchange, read(stored), fingerprint, key)));
        });
    }

    private Mono<Void> firstTime(ServerWebExchange exchange, GatewayFilterChain chain, String redisKey, String fingerprint) {
        AtomicBoolean settled = new AtomicBoolean();
        ServerHttpResponse recording = new ServerHttpResponseDecorator(exchange.getResponse()) {
            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
                return DataBufferUtils.join(Flux.from(body)).defaultIfEmpty(bufferFactory().wrap(new byte[0]))
                        .flatMap(joined -> {
                            byte[] bytes = new byte[joined.readableByteCount()];
                            joined.toByteBuffer(ByteBuffer.wrap(bytes));
                            // Copied out and released at once, so that a caller who goes away leaks nothing.
                            DataBufferUtils.release(joined);
                            return settle(settled, redisKey, fingerprint, getDelegate(), bytes)
                                    .then(Mono.defer(() -> super.writeWith(Mono.just(bufferFactory().wrap(bytes)))));
                        });
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
        return chain.filter(exchange.mutate().response(recording).build())
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

    /** Keeps the answer under the key, or frees the key when the answer is a 5xx. At most once per request. */
    private Mono<Void> settle(AtomicBoolean settled, String redisKey, String fingerprint, ServerHttpResponse response, byte[] body) {
        if (!settled.compareAndSet(false, true)) {
            return Mono.empty();
        }
        HttpStatusCode status = response.getStatusCode() == null ? HttpStatus.OK : response.getStatusCode();
        if (status.is5xxServerError()) {
            return redis.delete(redisKey).then().onErrorResume(failure -> Mono.empty());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        KEPT_HEADERS.forEach(name -> {
            String value = response.getHeaders().getFirst(name);
            if (value != null) {
                headers.put(name, value);
            }
        });
        Record answer = new Record(true, fingerprint, status.value(), headers, Base64.getEncoder().encodeToString(body));
        return redis.opsForValue().set(redisKey, write(answer), settings.retention()).then()
                .onErrorResume(failure -> {
                    // The caller still gets its answer; only a later replay of it would run the request again.
                    log.warn("Could not keep the answer under idempotency key {}: {}", redisKey, failure.toString());
                    return Mono.empty();
                });
    }

    private Mono<Void> release(AtomicBoolean settled, String redisKey) {
        return settled.compareAndSet(false, true) ? redis.delete(redisKey).then().onErrorResume(failure -> Mono.empty()) : Mono.empty();
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

    private static String fingerprint(ServerWebExchange exchange, DataBuffer body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((exchange.getRequest().getMethod() + " " + exchange.getRequest().getURI().getRawPath() + "?"
                    + exchange.getRequest().getURI().getRawQuery() + "\n").getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                try (DataBuffer.ByteBufferIterator buffers = body.readableByteBuffers()) {
                    buffers.forEachRemaining(digest::update);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
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
