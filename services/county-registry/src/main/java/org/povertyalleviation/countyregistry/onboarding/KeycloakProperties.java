package org.povertyalleviation.countyregistry.onboarding;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where this service manages accounts ({@code county-registry.keycloak.*}).
 *
 * @param url          Keycloak's base URL, e.g. {@code http://keycloak:8080}
 * @param realm        the platform's realm
 * @param clientId     this service's confidential client; its service account reads through realm-management's
 *                     view-users, query-users, query-groups and view-realm and writes only what the realm's
 *                     fine-grained admin permissions let it (docs/services/county-registry.md)
 * @param clientSecret that client's secret (from a Kubernetes Secret)
 */
@Validated
@ConfigurationProperties("county-registry.keycloak")
public record KeycloakProperties(@NotBlank String url, @NotBlank String realm, @NotBlank String clientId, String clientSecret) {
}
