package org.povertyalleviation.portal;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param gatewayUrl the platform's gateway, as the portal reaches it (in-cluster address)
 * @param issuerUri  Keycloak's realm, exactly as it appears in tokens and as browsers reach it
 * @param issuerBackchannelUri the same realm at the address the portal itself reaches (in a cluster, Keycloak's
 *                   in-cluster service) for the token, key and user-info calls; empty for the issuer itself
 * @param clientId   the portal's public OIDC client
 * @param publicUrl  the address users type; empty to derive it from each request (local runs)
 */
@ConfigurationProperties("portal")
public record PortalProperties(
        @DefaultValue("http://127.0.0.1:8080") URI gatewayUrl,
        @DefaultValue("http://127.0.0.1:8180/realms/poverty-platform") String issuerUri,
        @DefaultValue("") String issuerBackchannelUri,
        @DefaultValue("portal") String clientId,
        @DefaultValue("") String publicUrl) {

    /** Where the portal's own calls to Keycloak go; browsers are always sent to the issuer. */
    public String backchannel() {
        return issuerBackchannelUri.isBlank() ? issuerUri : issuerBackchannelUri.replaceAll("/+$", "");
    }

    /** Keycloak's origin, which the content security policy must allow as a form target (login, logout). */
    public String issuerOrigin() {
        URI issuer = URI.create(issuerUri);
        return issuer.getScheme() + "://" + issuer.getAuthority();
    }
}
