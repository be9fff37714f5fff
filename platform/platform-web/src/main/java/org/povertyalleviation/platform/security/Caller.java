package org.povertyalleviation.platform.security;

import java.util.Set;

import org.povertyalleviation.platform.domain.CountyCode;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.core.publisher.Mono;

/**
 * Who is calling, as a county's records see it: the principal's name, the OAuth2 client the token was issued to, and
 * the roles it holds for the county. A partner platform (a marketplace, a carrier) is known by its client id
 * ({@code azp}, e.g. {@code partner-jd}), which is what a record binds to it; Keycloak's service-account user name means
 * nothing to a county.
 *
 * @param name   the user's name, or the client id for a client without a user
 * @param client the client id of the token ({@code azp}); null for a token without one
 * @param roles  the roles it holds for the county (an operator: {@code platform-operator} alone)
 */
public record Caller(String name, String client, Set<String> roles) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    /** The caller of this request, with its roles for the county. */
    public static Mono<Caller> of(CountyCode county) {
        return ReactiveSecurityContextHolder.getContext().map(context -> context.getAuthentication())
                .map(authentication -> of(authentication, county));
    }

    static Caller of(Authentication authentication, CountyCode county) {
        String client = authentication instanceof JwtAuthenticationToken jwt ? jwt.getToken().getClaimAsString("azp") : null;
        return new Caller(authentication.getName(), client, CountyScope.of(authentication).rolesFor(county));
    }

    /**
     * The bearer token of this request, for a call another service must answer as this caller (the token relayed, not a
     * service identity: the other service applies its own rules to the same person). Empty without a JWT.
     */
    public static Mono<String> bearerToken() {
        return ReactiveSecurityContextHolder.getContext().map(context -> context.getAuthentication())
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(authentication -> ((JwtAuthenticationToken) authentication).getToken().getTokenValue());
    }

    /** Whether the caller reaches the county only as a partner platform: it sees only what is bound to it. */
    public boolean partnerOnly() {
        return roles.equals(Set.of("partner"));
    }

    /** Whether the caller reaches the county only as a village cadre: it works only in its assigned villages. */
    public boolean cadreOnly() {
        return roles.equals(Set.of("village-cadre"));
    }

    /** Whether the caller may see personal data in full: county staff and the operator, never a partner or a cadre alone. */
    public boolean countyStaff() {
        return roles.contains(CountyScope.OPERATOR) || roles.contains("county-admin") || roles.contains("county-clerk");
    }

    /** Who did a change, as the record keeps it: a partner by its client id, anyone else by name. */
    public String recordedAs() {
        return partnerOnly() && client != null ? client : name;
    }
}
