package org.povertyalleviation.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.sample.SampleServiceIT;
import org.springframework.http.MediaType;

class ObservabilityIT extends SampleServiceIT {

    @BeforeEach
    void asWenCountysAdmin() {
        web = web.mutate().defaultHeader("Authorization", "Bearer " + tokenFor("admin-621222")).build();
    }

    @Test
    void probes_report_up_for_kubernetes() {
        web.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void prometheus_exposes_the_outbox_metrics() {
        String metrics = web.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(metrics).contains("outbox_published_total", "outbox_publish_failures_total", "r2dbc_pool");
    }

    @Test
    void the_callers_correlation_id_is_echoed() {
        web.get().uri("/samples/1").header(CorrelationIdFilter.HEADER, "portal-7f3a").exchange()
                .expectStatus().isNotFound()
                .expectHeader().valueEquals(CorrelationIdFilter.HEADER, "portal-7f3a");
    }

    @Test
    void a_request_without_correlation_id_is_correlated_by_its_trace_id() {
        String id = web.get().uri("/samples/1").exchange()
                .expectStatus().isNotFound()
                .returnResult(String.class).getResponseHeaders().getFirst(CorrelationIdFilter.HEADER);

        assertThat(id).matches("[0-9a-f]{16,32}");
    }

    @Test
    void log_lines_carry_the_trace_id_and_the_correlation_id() {
        web.get().uri("/samples/diagnostics").header(CorrelationIdFilter.HEADER, "portal-9c1d").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.traceId").isNotEmpty()
                .jsonPath("$.spanId").isNotEmpty()
                .jsonPath("$['X-Correlation-Id']").isEqualTo("portal-9c1d");
    }

    @Test
    void a_request_parameter_failing_its_constraint_is_a_400_naming_it() {
        web.get().uri("/samples/search?limit=0").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$['invalid-params'][0].name").isEqualTo("limit");
    }

    @Test
    void an_invalid_body_is_a_400_naming_the_field_in_the_running_service_too() {
        web.post().uri("/samples").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"county\":\"621222\",\"parcels\":[{\"product\":\"\",\"kilograms\":3}]}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$['invalid-params'][0].name").isEqualTo("parcels[0].product");
    }

    @Test
    void an_unknown_path_is_a_problem_too() {
        web.get().uri("/nowhere").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.instance").isEqualTo("/nowhere");
    }
}
