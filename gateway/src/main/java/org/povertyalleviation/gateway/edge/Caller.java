package org.povertyalleviation.gateway.edge;

import org.povertyalleviation.platform.security.PlatformAuthorities;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;

/**
 * Who is calling, as far as budgets and idempotency keys are concerned.
 *
 * <p>A partner platform is one OAuth2 client, so its budget and keys belong to the client id. Portal users share
 * the portal's client id, so theirs belong to each user, otherwise one busy clerk would spend the whole county's
 * budget, and one user could replay another's response by guessing a key. Anonymous callers (only the public
 * lookup) are known by their address ({@link ClientAddress}).
 *
 * @param key      the budget and idempotency scope, e.g. {@code client:partner-taobao}, {@code user:<subject>} or
 *                 {@code address:<ip>}
 * @param clientId the OAuth2 client ({@code azp}), for the access log; {@code null} when anonymous
 * @param kind     which default budget applies when none is configured for the key
 */
public record Caller(String key, String clientId, Kind kind) {

    /** Partners, portal users and callers without a token each have a default budget of their own. */
    public enum Kind { PARTNER, USER, ANONYMOUS }

    /** Exchange attribute under which the edge check leaves the caller for the later filters and the access log. */
    public static final String ATTRIBUTE = Caller.class.getName();
    /** Exchange attribute holding the county a request is for, when its path names one. */
    public static final String COUNTY_ATTRIBUTE = Caller.class.getName() + ".county";

    static Caller of(Authentication authentication) {
        if (authentication instanceof JwtAuthenticationToken token) {
            String client = token.getToken().getClaimAsString("azp");
            boolean partner = authentication.getAuthorities().stream()
                    .anyMatch(authority -> authority.getAuthority().equals(PlatformAuthorities.ROLE_PREFIX + "partner"));
            return partner ? new Caller("client:" + client, client, Kind.PARTNER)
                    : new Caller("user:" + token.getToken().getSubject(), client, Kind.USER);
        }
        return new Caller("user:" + authentication.getName(), null, Kind.USER);
    }

    static Caller anonymous(String address) {
        return new Caller("address:" + address, null, Kind.ANONYMOUS);
    }

    public boolean partner() {
        return kind == Kind.PARTNER;
    }

    public boolean anonymous() {
        return kind == Kind.ANONYMOUS;
    }

    /**
     * The caller the edge check recorded; it runs first on every route, so the peer's address is only a fallback
     * for a filter used without it.
     */
    public static Caller of(ServerWebExchange exchange) {
        Caller caller = exchange.getAttribute(ATTRIBUTE);
        if (caller != null) {
            return caller;
        }
        return anonymous(ClientAddress.peer(exchange));
    }
}
