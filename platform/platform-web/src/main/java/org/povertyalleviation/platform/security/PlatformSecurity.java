package org.povertyalleviation.platform.security;

import org.povertyalleviation.platform.access.AccessTable;
import org.povertyalleviation.platform.access.AccessTableAuthorization;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every service is an OAuth2 resource server validating Keycloak's JWTs
 * (docs/adr/0002-oauth2-resource-server-not-keycloak-adapter.md). Only health, info, metrics and the OpenAPI
 * document are open; every other request needs a row of the service's {@link AccessTable} that lets the caller in.
 * The API is stateless, so there is no session and no CSRF token.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class PlatformSecurity {

    @Bean
    @ConditionalOnMissingBean
    PlatformAuthorities platformAuthorities() {
        return new PlatformAuthorities();
    }

    /** Without a database (the gateway) there is no suspension table; the gateway checks suspension itself. */
    @Bean
    @ConditionalOnMissingBean
    CountyAccess countyAccess(org.springframework.beans.factory.ObjectProvider<CountySuspensionCheck> suspensions) {
        CountySuspensionCheck known = suspensions.getIfAvailable();
        return known == null ? new CountyAccess() : new CountyAccess(known::isSuspended);
    }

    /** Boot's JWT decoder (issuer, audience and key set from configuration), remembering the tokens it accepted. */
    @Bean
    static BeanPostProcessor cacheAcceptedTokens() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof ReactiveJwtDecoder decoder && !(bean instanceof CachedJwtDecoder)
                        ? new CachedJwtDecoder(decoder) : bean;
            }
        };
    }

    /** A token that cannot be checked for want of Keycloak's keys is a 503, not a 500 (KeycloakKeys). */
    @Bean
    static BeanPostProcessor keycloakKeysUnavailable() {
        return KeycloakKeys.failuresAsUnavailable();
    }

    @Bean
    org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.JwkSetUriReactiveJwtDecoderBuilderCustomizer keycloakKeysFetchedWithinBounds() {
        return KeycloakKeys.boundedFetch();
    }

    @Bean
    ProblemSecurityHandlers problemSecurityHandlers(JsonMapper json) {
        return new ProblemSecurityHandlers(json);
    }

    @Bean
    @ConditionalOnMissingBean(SecurityWebFilterChain.class)
    SecurityWebFilterChain platformSecurityFilterChain(ServerHttpSecurity http, PlatformAuthorities authorities,
                                                       ProblemSecurityHandlers problems,
                                                       org.springframework.beans.factory.ObjectProvider<AccessTable> accessTable,
                                                       org.springframework.context.ApplicationContext context) {
        // Deny by default: a service without an access table serves nothing but its public paths.
        AccessTableAuthorization rules = new AccessTableAuthorization(AccessTable.merge(accessTable.orderedStream().toList()),
                exchange -> context.getBeanProvider(org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping.class)
                        .orderedStream().findFirst()
                        .map(mapping -> mapping.getHandler(exchange).hasElement())
                        .orElse(reactor.core.publisher.Mono.just(false)));
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/actuator/health/**", "/actuator/health", "/actuator/info", "/actuator/prometheus").permitAll()
                        .pathMatchers("/v3/api-docs", "/v3/api-docs/**").permitAll()
                        .anyExchange().access(rules))
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(authorities))
                        .authenticationFailureHandler(new KeycloakKeys.Unavailable(problems))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .build();
    }
}
