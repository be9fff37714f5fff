package org.povertyalleviation.gateway;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.povertyalleviation.platform.observability.CorrelationIdFilter;
import org.povertyalleviation.platform.security.PlatformAuthorities;
import org.povertyalleviation.platform.security.ProblemSecurityHandlers;
import org.povertyalleviation.gateway.idempotency.IdempotentReplay;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * The gateway's security: Keycloak's JWTs as in every service (platform-core's authorities and problem answers),
 * plus what only the front door needs: the public paths, CORS for the portal's origin, and browser security
 * headers on every answer (a service's own headers, when it sends them, are kept).
 */
final class EdgeSecurity {

    /** Swagger UI and the services' OpenAPI documents, which describe the API and hold no data. */
    static final List<String> API_DOCUMENTATION = List.of("/swagger-ui.html", "/swagger-ui/**", "/webjars/swagger-ui/**",
            "/v3/api-docs/swagger-config", "/api/*/v3/api-docs", "/api/*/v3/api-docs/**");

    /** Swagger UI needs its own scripts and inline styles; nothing may frame the gateway's pages. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private EdgeSecurity() {
    }

    static SecurityWebFilterChain chain(ServerHttpSecurity http, GatewayProperties properties, PlatformAuthorities authorities,
                                        ProblemSecurityHandlers problems) {
        String[] publicPaths = properties.services().entrySet().stream()
                .flatMap(service -> service.getValue().publicPaths().stream()
                        .map(path -> "/api/" + service.getKey() + (path.startsWith("/") ? path : "/" + path)))
                .toArray(String[]::new);
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .cors(cors -> cors.configurationSource(cors(properties.portalOrigins())))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.NO_REFERRER)))
                .authorizeExchange(exchanges -> {
                    exchanges.pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll()
                            .pathMatchers(API_DOCUMENTATION.toArray(String[]::new)).permitAll();
                    if (publicPaths.length > 0) {
                        exchanges.pathMatchers(publicPaths).permitAll();
                    }
                    exchanges.anyExchange().authenticated();
                })
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(authorities))
                        .authenticationFailureHandler(new org.povertyalleviation.platform.security.KeycloakKeys.Unavailable(problems))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .build();
    }

    private static UrlBasedCorsConfigurationSource cors(List<String> origins) {
        CorsConfiguration portal = new CorsConfiguration();
        portal.setAllowedOrigins(origins);
        portal.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
        portal.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT,
                HttpHeaders.ACCEPT_LANGUAGE, IdempotentReplay.HEADER, CorrelationIdFilter.HEADER, "traceparent", "tracestate"));
        portal.setExposedHeaders(Stream.of(CorrelationIdFilter.HEADER, HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER,
                IdempotentReplay.REPLAYED_HEADER, "X-RateLimit-Remaining").toList());
        // Bearer tokens, not cookies: the browser need not send credentials.
        portal.setAllowCredentials(false);
        portal.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", portal);
        return source;
    }
}
