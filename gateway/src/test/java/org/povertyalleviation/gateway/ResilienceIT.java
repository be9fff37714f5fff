package org.povertyalleviation.gateway;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ResilienceIT extends GatewayIT {

    @Autowired
    ReactiveResilience4JCircuitBreakerFactory breakers;

    @Test
    void a_service_that_is_down_gets_fast_503_problems_the_breaker_opens_and_closes_again_when_it_is_back() {
        String token = tokenFor("admin-621222");
        web.get().uri("/api/flaky/counties/621222/things").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk();
        // Looked up, not created: the route's first call created it with the route's settings.
        CircuitBreaker breaker = breakers.getCircuitBreakerRegistry().find("flaky").orElseThrow();

        FLAKY.stop();
        try {
            for (int i = 0; i < 3; i++) {
                long started = System.nanoTime();
                web.get().uri("/api/flaky/counties/621222/things").headers(h -> h.setBearerAuth(token)).exchange()
                        .expectStatus().isEqualTo(503)
                        .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectBody()
                        .jsonPath("$.type").isEqualTo("urn:poverty-platform:problem:service-unavailable")
                        .jsonPath("$.service").isEqualTo("flaky")
                        .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("flaky"));
                // Refused connections, retried twice: well within the service's timeout, not after it.
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            }
            assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
            web.get().uri("/api/flaky/counties/621222/things").headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "2");
            // The gateway itself is healthy: a service's outage is not the gateway's.
            WebTestClient management = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort).build();
            management.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
            management.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        } finally {
            FLAKY.start();
        }

        // After the wait in the open state a trial call goes through (half-open), succeeds, and the breaker closes.
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                web.get().uri("/api/flaky/counties/621222/things").headers(h -> h.setBearerAuth(token)).exchange()
                        .expectStatus().isOk());
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void a_service_slower_than_its_timeout_gets_a_504_problem_at_the_timeout() {
        String token = tokenFor("admin-621222");
        web.get().uri("/api/echo/counties/621222/things").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk();
        long started = System.nanoTime();
        web.get().uri("/api/echo/slow/things").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isEqualTo(504)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:poverty-platform:problem:service-timeout")
                .jsonPath("$.service").isEqualTo("echo");
        // The stub answers after 3 s; the echo route's timeout is 1 s.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void a_read_whose_connection_fails_is_retried_but_a_post_never_is() {
        String token = tokenFor("admin-621222");
        int before = FRAGILE.calls();
        web.get().uri("/api/fragile/hangup/things").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.service").isEqualTo("fragile");
        assertThat(FRAGILE.calls()).as("the GET and its two retries").isEqualTo(before + 3);

        web.post().uri("/api/fragile/hangup/things").headers(h -> h.setBearerAuth(token)).bodyValue("{}").exchange()
                .expectStatus().isEqualTo(503);
        assertThat(FRAGILE.calls()).as("the POST, once").isEqualTo(before + 4);
    }

    @Test
    void a_service_that_answers_in_time_may_take_longer_than_its_timeout_to_send_the_body() {
        // The echo route's timeout is 1 s; the trickle sends its headers at once and its body over 3 s.
        web.get().uri("/api/echo/trickle/things").headers(h -> h.setBearerAuth(tokenFor("admin-621222"))).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("first second third");
    }
}
