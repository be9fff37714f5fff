package org.povertyalleviation.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.server.WebFilterExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** A token that cannot be checked for want of the keys is the replica's 503; a bad token stays the caller's 401. */
class KeycloakKeysTest {

    private final KeycloakKeys.Unavailable handler = new KeycloakKeys.Unavailable(new ProblemSecurityHandlers(JsonMapper.builder().build()));

    @Test
    void a_failure_to_fetch_the_keys_becomes_a_jwt_exception_and_a_bad_token_stays_what_it_was() {
        KeycloakKeys.Decoder unreachable = new KeycloakKeys.Decoder(token -> Mono.error(new IllegalStateException("Could not obtain the keys")));
        KeycloakKeys.Decoder refusing = new KeycloakKeys.Decoder(token -> Mono.error(new BadJwtException("signature")));

        Throwable keys = unreachable.decode("t").map(jwt -> (Throwable) null).onErrorResume(Mono::just).block();
        assertThat(keys).isInstanceOf(JwtException.class).hasCauseInstanceOf(IllegalStateException.class);
        Throwable bad = refusing.decode("t").map(jwt -> (Throwable) null).onErrorResume(Mono::just).block();
        assertThat(bad).isExactlyInstanceOf(BadJwtException.class);
    }

    @Test
    void keys_unavailable_answer_503_with_retry_after_as_a_problem() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/counties/621222/households"));

        handler.onAuthenticationFailure(new WebFilterExchange(exchange, ignored -> Mono.empty()),
                new AuthenticationServiceException("keys", new JwtException("Keycloak's keys are unavailable"))).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(exchange.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat(exchange.getResponse().getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("service-unavailable", "identity provider's keys");
    }

    @Test
    void a_bad_token_is_still_a_401() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/counties/621222/households"));

        handler.onAuthenticationFailure(new WebFilterExchange(exchange, ignored -> Mono.empty()), new InvalidBearerTokenException("expired")).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }
}
