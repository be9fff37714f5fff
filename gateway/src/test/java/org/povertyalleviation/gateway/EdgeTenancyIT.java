package org.povertyalleviation.gateway;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

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
