package org.povertyalleviation.gateway.idempotency;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.gateway.EdgeProblem;
import org.povertyalleviation.gateway.GatewayProperties;
import org.povertyalleviation.gateway.edge.Caller;
import org.povertyalleviation.platform.infra.FreePorts;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class IdempotentReplayTest {

    @Test
    void without_its_store_a_keyed_post_is_refused_with_a_503_and_never_runs() {
        // Nothing listens on this port: Redis is down.
        LettuceConnectionFactory down = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", FreePorts.next()),
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(2)).build());
        down.afterPropertiesSet();
        down.start();
        try {
            IdempotentReplay replay = new IdempotentReplay(new ReactiveStringRedisTemplate(down), JsonMapper.builder().build(),
                    new GatewayProperties.Idempotency(Duration.ofHours(24), Duration.ofMinutes(2), org.springframework.util.unit.DataSize.ofKilobytes(64), Duration.ofSeconds(1)), NO_READ_POSTS);
            MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/ledger/counties/621222/reports")
                    .header(IdempotentReplay.HEADER, "k-1").body("{}"));
            exchange.getAttributes().put(Caller.ATTRIBUTE, PARTNER);
            AtomicBoolean ran = new AtomicBoolean();

            StepVerifier.create(replay.filter(exchange, e -> Mono.fromRunnable(() -> ran.set(true))))
                    .expectErrorSatisfies(error -> {
                        assertThat(error).isInstanceOf(EdgeProblem.class);
                        assertThat(((EdgeProblem) error).status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                        assertThat(((EdgeProblem) error).headers()).containsKey("Retry-After");
                    })
                    .verify(Duration.ofSeconds(20));
            assertThat(ran).isFalse();
        } finally {
            down.destroy();
        }
    }

    /** The caller as the edge check leaves it on a partner's request; without one, the caller is anonymous. */
    static final Caller PARTNER = new Caller("client:partner-taobao", "partner-taobao", Caller.Kind.PARTNER);

    static final org.povertyalleviation.gateway.edge.ReadPosts NO_READ_POSTS = new org.povertyalleviation.gateway.edge.ReadPosts(java.util.Map.of());

    @Test
    void a_keyed_post_that_only_reads_is_never_kept() {
        // Before, an unmasked lookup's answer sat in Redis for a day and its replays skipped the audit.
        MockServerWebExchange lookup = MockServerWebExchange.from(MockServerHttpRequest
                .post("/api/household-registry/counties/621222/households/lookup?unmasked=true")
                .header(IdempotentReplay.HEADER, "k-lookup").body("{\"residentId\":\"x\"}"));
        lookup.getAttributes().put(Caller.ATTRIBUTE, PARTNER);
        assertRunsWithoutTheStore(new org.povertyalleviation.gateway.edge.ReadPosts(
                java.util.Map.of("household-registry", java.util.List.of("/counties/*/households/lookup"))), lookup);
    }

    @Test
    void an_anonymous_callers_keyed_post_is_never_kept() {
        // Otherwise anyone could fill the store without a token.
        MockServerWebExchange scan = MockServerWebExchange.from(MockServerHttpRequest.post("/api/supply-platform/trace/PACK-1/scans")
                .header(IdempotentReplay.HEADER, "k-scan").body("{}"));
        scan.getAttributes().put(Caller.ATTRIBUTE, new Caller("address:203.0.113.9", null, Caller.Kind.ANONYMOUS));
        assertRunsWithoutTheStore(NO_READ_POSTS, scan);
    }

    @Test
    void requests_without_a_key_and_keyed_requests_other_than_post_pass_untouched() {
        assertRunsWithoutTheStore(NO_READ_POSTS, MockServerWebExchange.from(MockServerHttpRequest.post("/api/x").body("{}")));
        assertRunsWithoutTheStore(NO_READ_POSTS, MockServerWebExchange.from(MockServerHttpRequest.put("/api/x")
                .header(IdempotentReplay.HEADER, "k-1").body("{}")));
    }

    /** With no store at all (null), the request must still run: it never reached the store. */
    private static void assertRunsWithoutTheStore(org.povertyalleviation.gateway.edge.ReadPosts readPosts, MockServerWebExchange exchange) {
        IdempotentReplay replay = new IdempotentReplay(null, JsonMapper.builder().build(),
                new GatewayProperties.Idempotency(Duration.ofHours(24), Duration.ofMinutes(2), org.springframework.util.unit.DataSize.ofKilobytes(64), Duration.ofSeconds(1)), readPosts);
        AtomicBoolean ran = new AtomicBoolean();
        StepVerifier.create(replay.filter(exchange, e -> Mono.fromRunnable(() -> ran.set(true)))).verifyComplete();
        assertThat(ran).isTrue();
    }
}
