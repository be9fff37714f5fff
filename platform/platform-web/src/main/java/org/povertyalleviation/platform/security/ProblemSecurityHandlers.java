package org.povertyalleviation.platform.security;

import java.net.URI;

import org.povertyalleviation.platform.problem.ProblemTypes;
import org.povertyalleviation.platform.problem.ProblemWebExceptionHandler;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** 401, 403 and 503 from the security filters, as problem+json like every other error. */
public class ProblemSecurityHandlers implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    private final JsonMapper json;

    public ProblemSecurityHandlers(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return write(exchange, HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHENTICATED, "Unauthenticated",
                "A valid bearer token is required");
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException ex) {
        return write(exchange, HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden",
                ex instanceof org.povertyalleviation.platform.access.AccessTableAuthorization.RuleDenied ? ex.getMessage() : "You may not do this");
    }

    /** 503 for a token that could not be checked because the identity provider's keys are unavailable (KeycloakKeys). */
    public Mono<Void> keysUnavailable(ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
        return write(exchange, HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE, "Service unavailable",
                "Tokens cannot be checked right now (the identity provider's keys are unavailable); retry shortly");
    }

    private Mono<Void> write(ServerWebExchange exchange, HttpStatus status, URI type, String title, String detail) {
        return ProblemWebExceptionHandler.write(exchange, status, ProblemTypes.problem(status, type, title, detail), json);
    }
}
