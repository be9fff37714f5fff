package org.povertyalleviation.gateway;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingIT extends GatewayIT {

    @Test
    void a_request_is_routed_to_its_service_without_the_prefix_and_with_correlation_and_trace_context() {
        byte[] body = web.get().uri("/api/echo/counties/621222/villages?township=621222100")
                .headers(h -> h.setBearerAuth(tokenFor("admin-621222")))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().exists("X-Correlation-Id")
                .expectBody().returnResult().getResponseBody();
        Map<String, Object> echo = echoed(body);
        assertThat(echo.get("uri")).isEqualTo("/counties/621222/villages?township=621222100");
        @SuppressWarnings("unchecked") Map<String, String> headers = (Map<String, String>) echo.get("headers");
        assertThat(headers.get("x-forwarded-prefix")).isEqualTo("/api/echo");
        assertThat(headers.get("x-correlation-id")).isNotBlank();
        assertThat(headers.get("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        assertThat(headers.get("authorization")).startsWith("Bearer ");
    }

    @Test
    void the_correlation_id_the_service_echoes_is_not_doubled() {
        web.get().uri("/api/echo/counties/621222/things").headers(h -> h.setBearerAuth(tokenFor("admin-621222")))
                .header("X-Correlation-Id", "partner-req-7").exchange()
                .expectStatus().isOk()
                .expectHeader().values("X-Correlation-Id", values -> assertThat(values).containsExactly("partner-req-7"));
    }

    @Test
    void the_callers_correlation_id_is_kept_end_to_end() {
        byte[] body = web.get().uri("/api/echo/counties/621222/villages")
                .headers(h -> h.setBearerAuth(tokenFor("admin-621222")))
                .header("X-Correlation-Id", "partner-req-42")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Correlation-Id", "partner-req-42")
                .expectBody().returnResult().getResponseBody();
        @SuppressWarnings("unchecked") Map<String, String> headers = (Map<String, String>) echoed(body).get("headers");
        assertThat(headers.get("x-correlation-id")).isEqualTo("partner-req-42");
    }

    @Test
    void without_a_token_the_answer_is_a_401_problem_and_the_service_is_not_called() {
        int before = ECHO.calls();
        web.get().uri("/api/echo/counties/621222/villages").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:poverty-platform:problem:unauthenticated")
                .jsonPath("$.instance").isEqualTo("/api/echo/counties/621222/villages");
        assertThat(ECHO.calls()).isEqualTo(before);
    }

    @Test
    void a_forged_token_and_a_token_for_another_audience_are_401() {
        String real = tokenFor("admin-621222");
        String[] parts = real.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        web.get().uri("/api/echo/counties/621222/villages").headers(h -> h.setBearerAuth(forged)).exchange()
                .expectStatus().isUnauthorized();
        // An admin-cli token of the master realm: another issuer, no platform audience.
        String adminCli = keycloak().passwordGrant("master", "admin-cli", "admin", keycloak().adminPassword());
        web.get().uri("/api/echo/counties/621222/villages").headers(h -> h.setBearerAuth(adminCli)).exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void a_public_path_is_reachable_without_a_token_and_nothing_else_of_that_service_is() {
        web.get().uri("/api/echo/public/trace/ABC123").exchange().expectStatus().isOk();
        web.get().uri("/api/echo/private/trace/ABC123").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void an_unknown_service_is_a_404_problem() {
        web.get().uri("/api/nowhere/things").headers(h -> h.setBearerAuth(tokenFor("admin-621222"))).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void answers_carry_browser_security_headers() {
        web.get().uri("/api/echo/counties/621222/villages").headers(h -> h.setBearerAuth(tokenFor("admin-621222"))).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
                .expectHeader().value("Content-Security-Policy", csp -> assertThat(csp).contains("frame-ancestors 'none'"));
    }

    @Test
    void the_portals_origin_may_call_from_a_browser_and_other_origins_may_not() {
        web.options().uri("/api/echo/counties/621222/villages")
                .header(HttpHeaders.ORIGIN, "https://portal.example.org")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,idempotency-key")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://portal.example.org");
        web.options().uri("/api/echo/counties/621222/villages")
                .header(HttpHeaders.ORIGIN, "https://evil.example.com")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }

    @Test
    void the_gateway_serves_one_swagger_ui_listing_every_service() {
        web.get().uri("/v3/api-docs/swagger-config").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.urls[?(@.name == 'county-registry')].url").isEqualTo("/api/county-registry/v3/api-docs")
                .jsonPath("$.urls[?(@.name == 'echo')].url").isEqualTo("/api/echo/v3/api-docs");
        web.get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk();
        // The documents themselves come from the services, through the gateway, without a token.
        web.get().uri("/api/echo/v3/api-docs").exchange().expectStatus().isOk();
    }
}
