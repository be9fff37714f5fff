package org.povertyalleviation.gateway;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EdgeTenancyIT extends GatewayIT {

    @Test
    void a_county_admin_reaches_their_county_and_is_refused_another_before_the_service_is_called() {
        web.get().uri("/api/echo/counties/621222/villages").headers(h -> h.setBearerAuth(tokenFor("admin-621222")))
                .exchange().expectStatus().isOk();
        int before = ECHO.calls();
        web.get().uri("/api/echo/counties/621224/villages").headers(h -> h.setBearerAuth(tokenFor("admin-621222")))
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:poverty-platform:problem:forbidden")
                .jsonPath("$.instance").isEqualTo("/api/echo/counties/621224/villages");
        web.post().uri("/api/echo/counties/621224/villages").headers(h -> h.setBearerAuth(tokenFor("admin-621222")))
                .bodyValue("{}").exchange().expectStatus().isForbidden();
        assertThat(ECHO.calls()).isEqualTo(before);
    }

    @Test
    void officers_and_auditors_read_but_do_not_write() {
        String officer = tokenFor("officer-621200");
        web.get().uri("/api/echo/counties/621222/villages").headers(h -> h.setBearerAuth(officer)).exchange().expectStatus().isOk();
        web.get().uri("/api/echo/counties/621224/villages").headers(h -> h.setBearerAuth(officer)).exchange().expectStatus().isOk();
        web.get().uri("/api/echo/counties/350825/villages").headers(h -> h.setBearerAuth(officer)).exchange().expectStatus().isForbidden();
        web.post().uri("/api/echo/counties/621222/villages").headers(h -> h.setBearerAuth(officer)).bodyValue("{}")
                .exchange().expectStatus().isForbidden();
        String auditor = tokenFor("auditor-621222");
        web.get().uri("/api/echo/counties/621222/villages").headers(h -> h.setBearerAuth(auditor)).exchange().expectStatus().isOk();
        web.delete().uri("/api/echo/counties/621222/villages/1").headers(h -> h.setBearerAuth(auditor)).exchange().expectStatus().isForbidden();
    }

    @Test
    void a_post_the_service_declares_a_read_is_a_read_at_the_edge() {
        // Before read POSTs were declared, every POST was a write here: auditors and officers got 403 for a lookup.
        for (String reader : List.of("auditor-621222", "officer-621200")) {
            web.post().uri("/api/echo/counties/621222/households/lookup").headers(h -> h.setBearerAuth(tokenFor(reader)))
                    .bodyValue("{}").exchange().expectStatus().isCreated();
        }
        web.post().uri("/api/echo/counties/621222/households").headers(h -> h.setBearerAuth(tokenFor("auditor-621222")))
                .bodyValue("{}").exchange().expectStatus().isForbidden();
        web.post().uri("/api/echo/counties/350825/households/lookup").headers(h -> h.setBearerAuth(tokenFor("officer-621200")))
                .bodyValue("{}").exchange().expectStatus().isForbidden();
    }

    @Test
    void a_path_that_means_another_county_once_normalised_is_refused_before_any_check() {
        String admin = tokenFor("admin-621222");
        int before = ECHO.calls();
        // Each of these would name Kang (621224) to a service that normalises the path, past the edge's county check.
        for (String path : List.of("/api/echo/counties;x=1/621224/villages", "/api/echo//counties/621224/villages",
                "/api/echo/counties/621222/../621224/villages", "/api/echo/./counties/621224/villages",
                "/api/echo/%63ounties/621224/villages", "/api/echo/counties/621222%2F..%2F621224/villages",
                "/api/echo/counties/621222/villages/..")) {
            web.get().uri(java.net.URI.create("http://127.0.0.1:" + port + path)).headers(h -> h.setBearerAuth(admin)).exchange()
                    .expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.type").isEqualTo("urn:poverty-platform:problem:invalid-request");
        }
        assertThat(ECHO.calls()).isEqualTo(before);
    }

    @Test
    void a_services_actuator_is_not_reached_through_the_gateway() {
        int before = ECHO.calls();
        web.get().uri("/api/echo/actuator/prometheus").headers(h -> h.setBearerAuth(tokenFor("admin-621222"))).exchange()
                .expectStatus().isNotFound();
        web.get().uri("/api/echo/actuator").headers(h -> h.setBearerAuth(tokenFor("operator"))).exchange().expectStatus().isNotFound();
        assertThat(ECHO.calls()).isEqualTo(before);
    }

    @Test
    void the_gateways_metrics_and_health_are_not_on_the_port_the_ingress_exposes() {
        for (String path : List.of("/actuator/prometheus", "/actuator/health", "/actuator/health/readiness", "/actuator/info", "/actuator")) {
            // Without a token the security chain answers first (401 where no rule lets the path through): nothing is served.
            web.get().uri(path).exchange().expectStatus().value(status -> assertThat(status).isIn(401, 404));
            web.get().uri(path).headers(h -> h.setBearerAuth(tokenFor("operator"))).exchange().expectStatus().isNotFound();
        }
        // The cluster's scraper and the kubelet reach them on the management port, which only they may call.
        WebTestClient management = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort).build();
        management.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).value(metrics -> assertThat(metrics).contains("jvm_memory_used_bytes"));
        management.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }

    @Test
    void a_partner_reaches_only_the_counties_it_was_granted() {
        String partner = partnerToken("partner-taobao");
        web.post().uri("/api/echo/counties/621224/sales-reports").headers(h -> h.setBearerAuth(partner)).bodyValue("{}")
                .exchange().expectStatus().isCreated();
        web.post().uri("/api/echo/counties/621223/sales-reports").headers(h -> h.setBearerAuth(partner)).bodyValue("{}")
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void a_malformed_county_is_a_400_naming_the_county() {
        web.get().uri("/api/echo/counties/62122x/villages").headers(h -> h.setBearerAuth(tokenFor("admin-621222")))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:poverty-platform:problem:invalid-request")
                .jsonPath("$.invalid-params[0].name").isEqualTo("county");
    }

    @Test
    void a_suspended_county_is_refused_at_the_edge_to_all_but_operators_until_reinstated() throws Exception {
        String admin = tokenFor("admin-621223");
        web.get().uri("/api/echo/counties/621223/villages").headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk();

        publishCountyEvent("county.suspended.v1", "621223");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                web.get().uri("/api/echo/counties/621223/villages").headers(h -> h.setBearerAuth(admin)).exchange()
                        .expectStatus().isForbidden()
                        .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("suspended")));
        int before = ECHO.calls();
        web.post().uri("/api/echo/counties/621223/villages").headers(h -> h.setBearerAuth(admin)).bodyValue("{}")
                .exchange().expectStatus().isForbidden();
        assertThat(ECHO.calls()).isEqualTo(before);
        web.get().uri("/api/echo/counties/621223/villages").headers(h -> h.setBearerAuth(tokenFor("operator")))
                .exchange().expectStatus().isOk();

        publishCountyEvent("county.reinstated.v1", "621223");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                web.get().uri("/api/echo/counties/621223/villages").headers(h -> h.setBearerAuth(admin)).exchange()
                        .expectStatus().isOk());
    }
}
