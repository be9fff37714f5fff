package org.povertyalleviation.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.infra.HttpProbe;
import org.povertyalleviation.platform.infra.RedisServer;
import org.povertyalleviation.platform.infra.SharedInfrastructure;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis, which holds the budgets and the idempotency keys, goes away: stopped (its connections closed) or frozen
 * (connections open, nothing answered). Partners are still served, unbudgeted, within a bound; keyed POSTs, whose
 * promise cannot be kept without the store, are refused with 503 problems, never a 500 or a hang; once Redis is
 * back, both work again by themselves. The JVM's shared Redis is used and always brought back, for the other tests.
 */
class RedisOutageIT extends GatewayIT {

    /** The bound a partner's request may take while Redis is out: the budget's 200 ms wait, and a loaded machine's slack. */
    private static final Duration BOUND = Duration.ofMillis(1500);

    @Test
    void with_redis_stopped_partners_are_served_keyed_posts_get_503_problems_and_all_recovers_when_it_returns() {
        RedisServer redis = SharedInfrastructure.redis();
        String partner = partnerToken("partner-taobao");
        // Unbounded: the JVM's first requests (the key set's fetch, the JIT) are slow with Redis up too.
        List<Long> before = reads(partner, 10, Duration.ofSeconds(30));
        redis.stop();
        List<Long> during;
        try {
            during = reads(partner, 20, BOUND);
            assertKeyedPostsRefused(partner);
            // Kubernetes must not take the gateway out of its Service for it: readiness does not depend on Redis.
            assertThat(HttpProbe.status("http://127.0.0.1:" + managementPort + "/actuator/health/readiness")).isEqualTo(200);
        } finally {
            redis.restart();
        }
        System.out.printf("Redis stopped: partner reads p50 %d ms, max %d ms (with Redis up: p50 %d ms, max %d ms)%n",
                percentile(during, 50), percentile(during, 100), percentile(before, 50), percentile(before, 100));
        assertRecovered(partner);
    }

    @Test
    void with_redis_frozen_partners_are_served_within_the_bound_and_keyed_posts_get_503_problems() {
        RedisServer redis = SharedInfrastructure.redis();
        String partner = partnerToken("partner-taobao");
        reads(partner, 3, Duration.ofSeconds(30));
        redis.freeze();
        List<Long> during;
        try {
            during = reads(partner, 10, BOUND);
            assertKeyedPostsRefused(partner);
        } finally {
            redis.thaw();
        }
        System.out.printf("Redis frozen: partner reads p50 %d ms, max %d ms%n", percentile(during, 50), percentile(during, 100));
        assertRecovered(partner);
    }

    /** Partner reads, each within the bound and passed by the budget; their durations in ms. */
    private List<Long> reads(String partner, int count, Duration bound) {
        List<Long> took = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            EntityExchangeResult<byte[]> answer = web.get().uri("/api/ledger/counties/621222/entries")
                    .headers(h -> h.setBearerAuth(partner)).exchange().expectBody().returnResult();
            long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertThat(answer.getStatus()).isEqualTo(HttpStatus.OK);
            assertThat(ms).as("a partner's read").isLessThan(bound.toMillis());
            took.add(ms);
        }
        return took;
    }

    private void assertKeyedPostsRefused(String partner) {
        int calls = LEDGER.calls();
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            EntityExchangeResult<byte[]> answer = keyedPost(partner, UUID.randomUUID().toString());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(answer.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(answer.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(answer.getResponseHeaders().getFirst("Retry-After")).isNotBlank();
            assertThat(new String(answer.getResponseBody(), StandardCharsets.UTF_8))
                    .contains("urn:poverty-platform:problem:service-unavailable", "Idempotency-Key");
        }
        assertThat(LEDGER.calls()).as("no keyed POST ran unprotected").isEqualTo(calls);
        // A POST without a key owes nothing to the store and runs.
        web.post().uri("/api/ledger/counties/621222/sales-reports").headers(h -> h.setBearerAuth(partner))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"orders\":1}").exchange().expectStatus().isCreated();
    }

    /** Once Redis answers again (Lettuce reconnects by itself), keys are kept and replayed and budgets counted. */
    private void assertRecovered(String partner) {
        String key = UUID.randomUUID().toString();
        EntityExchangeResult<byte[]> first = await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500))
                .until(() -> keyedPost(partner, key), answer -> answer.getStatus() == HttpStatus.CREATED);
        EntityExchangeResult<byte[]> again = keyedPost(partner, key);
        assertThat(again.getStatus()).isEqualTo(HttpStatus.CREATED);
        assertThat(again.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.getResponseBody()).isEqualTo(first.getResponseBody());
        String remaining = web.get().uri("/api/ledger/counties/621222/entries").headers(h -> h.setBearerAuth(partner))
                .exchange().expectStatus().isOk().returnResult(byte[].class).getResponseHeaders().getFirst("X-RateLimit-Remaining");
        assertThat(Long.parseLong(remaining)).as("the budget is counted again").isGreaterThanOrEqualTo(0);
    }

    private EntityExchangeResult<byte[]> keyedPost(String partner, String key) {
        return web.post().uri("/api/ledger/counties/621222/sales-reports").headers(h -> h.setBearerAuth(partner))
                .header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"orders\":2}")
                .exchange().expectBody().returnResult();
    }

    private static long percentile(List<Long> values, int percentile) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(Math.max(0, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
    }
}
