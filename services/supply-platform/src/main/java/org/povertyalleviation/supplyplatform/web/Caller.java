package org.povertyalleviation.supplyplatform.web;

import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.core.publisher.Mono;

/** Who is calling: the user's name or the partner's client id (PlatformAuthorities), recorded as who did a change. */
public final class Caller {

    private Caller() {
    }

    public static Mono<String> name() {
        return ReactiveSecurityContextHolder.getContext().map(context -> context.getAuthentication().getName());
    }

    /** The OAuth2 client the token was issued to (azp): a partner platform's client id, e.g. partner-jd. */
    public static Mono<String> client() {
        return ReactiveSecurityContextHolder.getContext().map(context -> context.getAuthentication())
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(token -> String.valueOf(((JwtAuthenticationToken) token).getToken().getClaimAsString("azp")));
    }
}
