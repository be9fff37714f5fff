package org.povertyalleviation.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.security.PlatformSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.povertyalleviation.platform.sample.SampleApplication;
import org.povertyalleviation.platform.sample.SampleController;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@WebFluxTest(controllers = SampleController.class)
@ContextConfiguration(classes = SampleApplication.class)
@Import({ProblemResponses.class, PlatformSecurity.class})
class ProblemResponsesTest {

    @Autowired
    org.springframework.context.ApplicationContext context;

    WebTestClient web;

    @MockitoBean
    ReactiveJwtDecoder jwtDecoder;

    @BeforeEach
    void authenticated() {
        web = WebTestClient.bindToApplicationContext(context).apply(SecurityMockServerConfigurers.springSecurity())
                .configureClient().build().mutateWith(SecurityMockServerConfigurers.mockJwt()
                        .authorities(new org.springframework.security.core.authority.SimpleGrantedAuthority("ROLE_platform-operator")));
    }

    @Test
    void a_body_failing_validation_is_a_400_naming_each_field() {
        web.post().uri("/samples").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"county\":\"62122\",\"parcels\":[{\"product\":\"walnut\",\"kilograms\":0}]}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:poverty-platform:problem:invalid-request")
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.instance").isEqualTo("/samples")
                .jsonPath("$['invalid-params'][?(@.name == 'county')].reason").exists()
                .jsonPath("$['invalid-params'][?(@.name == 'parcels[0].kilograms')].reason").exists()
                .jsonPath("$['invalid-params'].length()").isEqualTo(2);
    }

    @Test
    void a_value_of_the_wrong_type_is_a_400_naming_its_json_path() {
        web.post().uri("/samples").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"county\":\"621222\",\"parcels\":[{\"product\":\"walnut\",\"kilograms\":\"many\"}]}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$['invalid-params'][0].name").isEqualTo("parcels[0].kilograms");
    }

    @Test
    void malformed_json_is_a_400_about_the_body() {
        web.post().uri("/samples").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"county\": ")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$['invalid-params'][0].name").isEqualTo("body");
    }

    @Test
    void a_path_variable_of_the_wrong_type_is_a_400_naming_it() {
        web.get().uri("/samples/abc").exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$['invalid-params'][0].name").isEqualTo("id");
    }

    @Test
    void domain_errors_carry_their_own_status_type_and_reason() {
        web.get().uri("/samples/1").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:poverty-platform:problem:not-found");
        web.get().uri("/samples/409").exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.reason").isEqualTo("illegal-transition");
        web.get().uri("/samples/422").exchange()
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.rule").isEqualTo("budget-exceeded");
    }

    @Test
    void an_unexpected_error_is_a_500_problem_without_internals() {
        String body = web.get().uri("/samples/500").exchange()
                .expectStatus().is5xxServerError()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).contains("internal-error").doesNotContain("secret internal detail").doesNotContain("at org.");
    }
}
