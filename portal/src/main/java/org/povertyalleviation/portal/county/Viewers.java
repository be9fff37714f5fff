package org.povertyalleviation.portal.county;

import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.povertyalleviation.portal.gateway.Gateway;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Builds the {@link Viewer} of a request once and keeps it on the exchange for the page's other parts. */
@Component
public class Viewers {

    private static final String ATTRIBUTE = Viewer.class.getName();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Gateway gateway;
    private final ServerOAuth2AuthorizedClientRepository authorizedClients;

    Viewers(Gateway gateway, ServerOAuth2AuthorizedClientRepository authorizedClients) {
        this.gateway = gateway;
        this.authorizedClients = authorizedClients;
    }

    public Mono<Viewer> current(ServerWebExchange exchange) {
        Mono<Viewer> cached = exchange.getAttribute(ATTRIBUTE);
        if (cached == null) {
            cached = build(exchange).cache();
            exchange.getAttributes().put(ATTRIBUTE, cached);
        }
        return cached;
    }

    private Mono<Viewer> build(ServerWebExchange exchange) {
        return ReactiveSecurityContextHolder.getContext()
                .map(context -> context.getAuthentication())
                .ofType(OAuth2AuthenticationToken.class)
                .flatMap(authentication -> authorizedClients.loadAuthorizedClient(authentication.getAuthorizedClientRegistrationId(),
                                authentication, exchange)
                        .map(client -> roles(client.getAccessToken().getTokenValue()))
                        .defaultIfEmpty(Set.of())
                        .zipWith(gateway.list(uri -> uri.path(Gateway.COUNTY_REGISTRY + "/counties").build(), County.class))
                        .map(found -> {
                            OidcUser user = (OidcUser) authentication.getPrincipal();
                            String name = user.getFullName() != null ? user.getFullName() : user.getPreferredUsername();
                            List<County> counties = found.getT2().stream().filter(county -> !"SUSPENDED".equals(county.status()))
                                    .sorted(Comparator.comparing(County::code)).toList();
                            return new Viewer(user.getPreferredUsername(), name, found.getT1(), counties);
                        }));
    }

    /**
     * The realm roles of the access token. Its signature was checked by the gateway on every call; the portal received
     * it from Keycloak's token endpoint itself, so reading its payload to choose which buttons to show is safe.
     */
    @SuppressWarnings("unchecked")
    static Set<String> roles(String accessToken) {
        String[] parts = accessToken.split("\\.");
        if (parts.length < 2) {
            return Set.of();
        }
        Map<String, Object> claims = JSON.readValue(Base64.getUrlDecoder().decode(parts[1]), Map.class);
        if (claims.get("realm_access") instanceof Map<?, ?> realmAccess && realmAccess.get("roles") instanceof List<?> roles) {
            Set<String> names = new HashSet<>();
            roles.forEach(role -> names.add(String.valueOf(role)));
            return Set.copyOf(names);
        }
        return Set.of();
    }
}
