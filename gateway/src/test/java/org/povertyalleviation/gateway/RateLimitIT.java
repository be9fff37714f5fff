package org.povertyalleviation.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Flux;

class RateLimitIT extends GatewayIT {

    @Autowired
    ReactiveResilience4JCircuitBreakerFactory breakers;

    @Test
    void a_partner_past_its_quota_gets_a_429_problem_with_retry_after_and_other_partners_are_unaffected() {
        // partner-jd's configured budget: 1 request per second, bursts of 3. The bucket refills while the test runs,
        // so the burst is spent until the first refusal rather than counted to exactly three.
        String jd = partnerToken("partner-jd");
        int passed = 0;
        int before = LEDGER.calls();
        EntityExchangeResult<byte[]> refused = null;
        for (int i = 0; i < 20 && refused == null; i++) {
            EntityExchangeResult<byte[]> answer = web.get().uri("/api/ledger/counties/621222/entries")
                    .headers(h -> h.setBearerAuth(jd)).exchange()
                    .expectHeader().exists("X-RateLimit-Remaining")
                    .expectBody().returnResult();
            if (answer.getStatus().value() == 429) {
                refused = answer;
            } else {
                assertThat(answer.getStatus().value()).isEqualTo(200);
                passed++;
            }
        }
        assertThat(refused).as("a 429 once the burst is spent").isNotNull();
        assertThat(passed).as("the burst of 3, and at most a refill or two").isBetween(3, 5);
        assertThat(LEDGER.calls()).as("the refused request did not reach the service").isEqualTo(before + passed);
        assertThat(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(refused.getResponseHeaders().getFirst("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(refused.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        String problem = new String(refused.getResponseBody(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(problem).contains("\"type\":\"urn:poverty-platform:problem:rate-limited\"", "\"status\":429", "partner-jd");

        // Another partner has a budget of its own (the default one).
        String pinduoduo = partnerToken("partner-pinduoduo");
        web.get().uri("/api/ledger/counties/621222/entries").headers(h -> h.setBearerAuth(pinduoduo)).exchange()
                .expectStatus().isOk();
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
}
