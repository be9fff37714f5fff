package org.povertyalleviation.platform.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import reactor.core.publisher.Mono;

/**
 * A token that cannot be checked because Keycloak's keys cannot be fetched (a fresh replica while Keycloak is down)
 * is the replica's trouble, not the caller's: a 503 problem with {@code Retry-After}, in the gateway and in every
 * service (PlatformSecurity; the gateway's EdgeSecurity). Left alone, Spring Security
 * answers it with a 500: the decoder fails with an {@link IllegalStateException} ("Could not obtain the keys") that
 * no security handler sees. The keys are fetched again with the next token (a failed fetch is not remembered), so
 * the replica recovers by itself when Keycloak is back. A bad token stays a 401.
 */
public final class KeycloakKeys {

    private static final Logger log = LoggerFactory.getLogger(KeycloakKeys.class);

    private KeycloakKeys() {
    }

    /**
     * Keycloak answers its key set in milliseconds; one that accepts no connection or does not answer (a node gone,
     * a dropped route) must not hold every new token's request for the HTTP client's defaults (30 s to connect,
     * no limit on the answer).
     */
    public static final java.time.Duration CONNECT_TIMEOUT = java.time.Duration.ofSeconds(2);
    public static final java.time.Duration ANSWER_TIMEOUT = java.time.Duration.ofSeconds(5);

    /** Fetches the key set with bounded waits ({@link #CONNECT_TIMEOUT}, {@link #ANSWER_TIMEOUT}). */
    public static org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.JwkSetUriReactiveJwtDecoderBuilderCustomizer boundedFetch() {
        reactor.netty.http.client.HttpClient http = reactor.netty.http.client.HttpClient.create()
                .option(io.netty.channel.ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis())
                .responseTimeout(ANSWER_TIMEOUT);
        org.springframework.web.reactive.function.client.WebClient client = org.springframework.web.reactive.function.client.WebClient.builder()
                .clientConnector(new org.springframework.http.client.reactive.ReactorClientHttpConnector(http)).build();
        return builder -> builder.webClient(client);
    }

    /** Wraps Boot's decoder (whether or not the platform's token cache wraps it first). */
    public static BeanPostProcessor failuresAsUnavailable() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof ReactiveJwtDecoder decoder && !(bean instanceof Decoder) ? new Decoder(decoder) : bean;
            }
        };
    }

    /**
     * Any failure other than the token's own ({@link JwtException}) is the key set's, the decoder's only remote
     * part: it becomes a {@link JwtException}, which the resource server turns into an
     * {@link AuthenticationServiceException} for {@link Unavailable}.
     */
    public static final class Decoder implements ReactiveJwtDecoder {

        private final ReactiveJwtDecoder delegate;

        public Decoder(ReactiveJwtDecoder delegate) {
            this.delegate = delegate;
        }

        @Override
        public Mono<Jwt> decode(String token) {
            return delegate.decode(token).onErrorMap(failure -> !(failure instanceof JwtException),
                    failure -> new JwtException("Keycloak's keys are unavailable", failure));
        }
    }

    /** The resource server's failure handler: 503 for a token that could not be checked, else the usual 401. */
    public static final class Unavailable implements ServerAuthenticationFailureHandler {

        private final ProblemSecurityHandlers problems;
        private final ServerAuthenticationEntryPointFailureHandler unauthenticated;

        public Unavailable(ProblemSecurityHandlers problems) {
            this.problems = problems;
            this.unauthenticated = new ServerAuthenticationEntryPointFailureHandler(problems);
        }

        @Override
        public Mono<Void> onAuthenticationFailure(WebFilterExchange exchange, AuthenticationException failure) {
            if (failure instanceof AuthenticationServiceException) {
                Throwable cause = failure.getCause() == null ? failure : failure.getCause();
                log.warn("Tokens cannot be checked: {}{}", cause, cause.getCause() == null ? "" : " (" + cause.getCause() + ")");
                return problems.keysUnavailable(exchange.getExchange());
            }
            return unauthenticated.onAuthenticationFailure(exchange, failure);
        }
    }
}
