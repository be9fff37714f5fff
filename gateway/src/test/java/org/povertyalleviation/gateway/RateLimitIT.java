package org.povertyalleviation.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Flux;

class RateLimitIT extends GatewayIT {

    @Autowired
    ReactiveResilience4JCircuitBreakerFactory breakers;

    /** What a flood of one caller's requests met: how many passed before the first refusal, and that refusal. */
    private record Flood(int passed, EntityExchangeResult<byte[]> refused) {
    }

    /**
     * Sends the request until the budget refuses it, at most 20 times. The bucket refills while the test runs, so the
     * burst is spent until the first refusal rather than counted to exactly its size.
     */
    private Flood flood(Supplier<WebTestClient.RequestHeadersSpec<?>> request) {
        int passed = 0;
        for (int i = 0; i < 20; i++) {
            EntityExchangeResult<byte[]> answer = request.get().exchange()
                    .expectHeader().exists("X-RateLimit-Remaining")
                    .expectBody().returnResult();
            if (answer.getStatus().value() == 429) {
                return new Flood(passed, answer);
            }
            assertThat(answer.getStatus().value()).isEqualTo(200);
            passed++;
        }
        return new Flood(passed, null);
    }

    /** A refusal by the budget: a rate-limited problem, telling the caller when a token is back. */
    private static void assertRefusedByItsBudget(EntityExchangeResult<byte[]> refused, String... detail) {
        assertThat(refused).as("a 429 once the burst is spent").isNotNull();
        assertThat(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(refused.getResponseHeaders().getFirst("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(refused.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        String problem = new String(refused.getResponseBody(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(problem).contains("\"type\":\"urn:poverty-platform:problem:rate-limited\"", "\"status\":429").contains(detail);
    }

    @Test
    void a_partner_past_its_quota_gets_a_429_problem_with_retry_after_and_other_partners_are_unaffected() {
        // partner-jd's configured budget: 1 request per second, bursts of 3.
        String jd = partnerToken("partner-jd");
        int before = LEDGER.calls();
        Flood flood = flood(() -> web.get().uri("/api/ledger/counties/621222/entries").headers(h -> h.setBearerAuth(jd)));
        assertRefusedByItsBudget(flood.refused(), "partner-jd");
        assertThat(flood.passed()).as("the burst of 3, and at most a refill or two").isBetween(3, 5);
        assertThat(LEDGER.calls()).as("the refused request did not reach the service").isEqualTo(before + flood.passed());

        // Another partner has a budget of its own (the default one).
        String pinduoduo = partnerToken("partner-pinduoduo");
        web.get().uri("/api/ledger/counties/621222/entries").headers(h -> h.setBearerAuth(pinduoduo)).exchange()
                .expectStatus().isOk();
    }

    @Test
    void anonymous_callers_of_a_public_path_have_a_budget_per_address_of_their_own() {
        // The tests' anonymous budget: 1 request per second, bursts of 5 (GatewayIT). The phones' addresses come in
        // X-Forwarded-For, believed from the loopback peer as from the cluster's ingress; addresses of this test's
        // own, so that other tests' anonymous calls neither spend this budget nor find it spent.
        String phone = "203.0.113.10";
        String otherPhone = "203.0.113.11";
        String user = tokenFor("auditor-621222");
        long userBefore = remaining(web.get().uri("/api/echo/public/trace/PACK-1").headers(h -> h.setBearerAuth(user))
                .header("X-Forwarded-For", phone), "100");

        int before = ECHO.calls();
        Flood flood = flood(() -> web.get().uri("/api/echo/public/trace/PACK-1").header("X-Forwarded-For", phone));
        assertRefusedByItsBudget(flood.refused(), "this address");
        assertThat(flood.refused().getResponseHeaders().getFirst("X-RateLimit-Burst-Capacity")).isEqualTo("5");
        assertThat(flood.passed()).as("the anonymous burst of 5, and at most a refill or two").isBetween(5, 7);
        assertThat(ECHO.calls()).as("the refused request did not reach the service").isEqualTo(before + flood.passed());

        // A signed-in user behind the same address spends the user's own budget, which the flood did not touch.
        long userAfter = remaining(web.get().uri("/api/echo/public/trace/PACK-1").headers(h -> h.setBearerAuth(user))
                .header("X-Forwarded-For", phone), "100");
        assertThat(userAfter).as("only this request came out of the user's budget").isGreaterThanOrEqualTo(userBefore - 1);
        // Another phone has a full bucket of its own.
        assertThat(remaining(web.get().uri("/api/echo/public/trace/PACK-1").header("X-Forwarded-For", otherPhone), "5"))
                .isEqualTo(4);
    }

    /** Sends a request that must pass, checks whose budget it came out of (by its burst), and says what is left. */
    private static long remaining(WebTestClient.RequestHeadersSpec<?> request, String burst) {
        EntityExchangeResult<byte[]> answer = request.exchange().expectStatus().isOk()
                .expectHeader().valueEquals("X-RateLimit-Burst-Capacity", burst)
                .expectBody().returnResult();
        return Long.parseLong(answer.getResponseHeaders().getFirst("X-RateLimit-Remaining"));
    }

    @Test
    void a_request_body_over_the_services_limit_is_a_413_problem_and_is_not_forwarded() {
        int before = ECHO.calls();
        web.post().uri("/api/echo/counties/621222/imports").headers(h -> h.setBearerAuth(tokenFor("admin-621222")))
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("x".repeat(3000))
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:poverty-platform:problem:request-too-large")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("echo"));
        assertThat(ECHO.calls()).isEqualTo(before);
        web.post().uri("/api/echo/counties/621222/imports").headers(h -> h.setBearerAuth(tokenFor("admin-621222")))
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("x".repeat(1000))
                .exchange()
                .expectStatus().isCreated();
    }

    @Test
    void a_chunked_body_that_grows_past_the_limit_is_a_413_problem_and_does_not_count_against_the_service() {
        // No Content-Length: the gateway can only count the bytes as they pass.
        Flux<String> chunks = Flux.range(0, 30).map(i -> "y".repeat(100));
        web.get().uri("/api/echo/counties/621222/things").headers(h -> h.setBearerAuth(tokenFor("admin-621222"))).exchange()
                .expectStatus().isOk();
        var breaker = breakers.getCircuitBreakerRegistry().find("echo").orElseThrow();
        java.util.List<String> recorded = new java.util.concurrent.CopyOnWriteArrayList<>();
        breaker.getEventPublisher().onError(event -> recorded.add("error " + event.getThrowable()));
        breaker.getEventPublisher().onIgnoredError(event -> recorded.add("ignored"));
        web.post().uri("/api/echo/counties/621222/imports").headers(h -> h.setBearerAuth(tokenFor("admin-621222")))
                .contentType(MediaType.TEXT_PLAIN)
                .body(BodyInserters.fromPublisher(chunks, String.class))
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.type").isEqualTo("urn:poverty-platform:problem:request-too-large");
        assertThat(recorded).containsExactly("ignored");
    }

    @Test
    void an_upload_path_takes_its_own_larger_limit_and_the_rest_of_the_service_keeps_the_small_one() {
        // echo: 2 KB, its /counties/*/uploads 8 KB (GatewayIT).
        String admin = tokenFor("admin-621222");
        web.post().uri("/api/echo/counties/621222/uploads").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.TEXT_PLAIN).bodyValue("x".repeat(5000)).exchange()
                .expectStatus().isCreated();
        web.post().uri("/api/echo/counties/621222/uploads").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.TEXT_PLAIN).bodyValue("x".repeat(9000)).exchange()
                .expectStatus().isEqualTo(413);
        web.post().uri("/api/echo/counties/621222/reports").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.TEXT_PLAIN).bodyValue("x".repeat(5000)).exchange()
                .expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.type").isEqualTo("urn:poverty-platform:problem:request-too-large");
    }
}
