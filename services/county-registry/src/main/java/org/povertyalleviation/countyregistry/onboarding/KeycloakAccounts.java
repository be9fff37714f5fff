package org.povertyalleviation.countyregistry.onboarding;

import java.net.URI;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import org.povertyalleviation.platform.problem.ConflictException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * A county's identities in Keycloak, through its admin REST API with this service's own client credentials:
 * the county's group {@code /counties/<code>} (attribute {@code county}), under it one group per county role
 * ({@code /counties/<code>/<role>}, attribute {@code grant} = {@code <role>@<code>}, which the realm maps into tokens,
 * and the realm role mapped to the group), and its first administrator, a member of {@code /counties/<code>/county-admin}.
 * A role holds only for the county whose group grants it (docs/tenancy.md). This service maps only county roles, and
 * only to the groups it creates; it never maps a role to a user. Keycloak lets its service account do no more than these
 * calls need: no other role, no role to a user (the realm's fine-grained admin permissions, docs/services/county-registry.md).
 * Every step looks before it creates, so running it again changes nothing.
 */
@Component
public class KeycloakAccounts {

    /** The first administrator; the password is only there when the account was created just now. */
    public record Administrator(String username, boolean created, String temporaryPassword) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

    private final KeycloakProperties properties;
    private final WebClient http;

    public KeycloakAccounts(KeycloakProperties properties) {
        this.properties = properties;
        this.http = WebClient.builder().build();
    }

    /** Fails with 409 when the username belongs to another county's account; changes nothing. */
    public Mono<Void> requireUsernameAvailable(String county, String username) {
        return token().flatMap(token -> http.get().uri(admin("/users?exact=true&username=" + username))
                .headers(h -> h.setBearerAuth(token)).retrieve().bodyToMono(JsonNode.class)
                .flatMap(users -> users.isEmpty() ? Mono.empty() : requireMemberOf(token, users.get(0).get("id").asString(), county)));
    }

    /** The roles a county grants, each through its own group. */
    static final List<String> COUNTY_ROLES = List.of("county-admin", "county-clerk", "village-cadre", "auditor", "partner");

    public Mono<Administrator> ensureCountyAndAdministrator(String county, String username, String email) {
        return token().flatMap(token -> ensureCountyGroup(token, county)
                .flatMap(countyGroup -> reactor.core.publisher.Flux.fromIterable(COUNTY_ROLES)
                        .concatMap(role -> ensureRoleGroup(token, county, countyGroup, role)).then())
                .then(ensureAdministrator(token, county, username, email)));
    }

    /** {@code /counties/<code>/<role>}: its grant attribute and the realm role mapped to it. */
    private Mono<String> ensureRoleGroup(String token, String county, String countyGroup, String role) {
        String path = "counties/" + county + "/" + role;
        return groupId(token, path).switchIfEmpty(http.post().uri(admin("/groups/" + countyGroup + "/children"))
                .headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", role, "attributes", Map.of("grant", List.of(role + "@" + county))))
                .retrieve().toBodilessEntity()
                .onErrorResume(WebClientResponseException.Conflict.class, e -> Mono.empty())
                .then(groupId(token, path))
                .flatMap(groupId -> http.get().uri(admin("/roles/" + role)).headers(h -> h.setBearerAuth(token))
                        .retrieve().bodyToMono(JsonNode.class)
                        .flatMap(realmRole -> http.post().uri(admin("/groups/" + groupId + "/role-mappings/realm"))
                                .headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(List.of(realmRole)).retrieve().toBodilessEntity())
                        .thenReturn(groupId)));
    }

    private Mono<String> ensureCountyGroup(String token, String county) {
        return groupId(token, "counties/" + county).switchIfEmpty(groupId(token, "counties")
                .switchIfEmpty(Mono.error(new IllegalStateException("The realm has no /counties group")))
                .flatMap(parent -> http.post().uri(admin("/groups/" + parent + "/children"))
                        .headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("name", county, "attributes", Map.of("county", List.of(county))))
                        .retrieve().toBodilessEntity()
                        .onErrorResume(WebClientResponseException.Conflict.class, e -> Mono.empty())
                        .then(groupId(token, "counties/" + county))));
    }

    private Mono<Administrator> ensureAdministrator(String token, String county, String username, String email) {
        return http.get().uri(admin("/users?exact=true&username=" + username)).headers(h -> h.setBearerAuth(token))
                .retrieve().bodyToMono(JsonNode.class)
                .flatMap(users -> users.isEmpty()
                        ? createAdministrator(token, county, username, email)
                        : requireMemberOf(token, users.get(0).get("id").asString(), county)
                                .thenReturn(new Administrator(username, false, null)));
    }

    private Mono<Void> requireMemberOf(String token, String userId, String county) {
        return http.get().uri(admin("/users/" + userId + "/groups")).headers(h -> h.setBearerAuth(token))
                .retrieve().bodyToMono(JsonNode.class)
                .flatMap(groups -> {
                    for (JsonNode group : groups) {
                        String path = group.get("path").asString();
                        if (path.equals("/counties/" + county) || path.startsWith("/counties/" + county + "/")) {
                            return Mono.empty();
                        }
                    }
                    return Mono.error(new ConflictException("username-taken",
                            "The username belongs to an account that is not of county " + county));
                });
    }

    private Mono<Administrator> createAdministrator(String token, String county, String username, String email) {
        String password = temporaryPassword();
        return http.post().uri(admin("/users")).headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "email", email, "enabled", true, "emailVerified", false,
                        "groups", List.of("/counties/" + county + "/county-admin"), "requiredActions", List.of("UPDATE_PASSWORD")))
                .retrieve().toBodilessEntity()
                .map(created -> idFrom(created.getHeaders().getLocation()))
                .flatMap(userId -> http.put().uri(admin("/users/" + userId + "/reset-password"))
                        .headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("type", "password", "value", password, "temporary", true))
                        .retrieve().toBodilessEntity())
                .thenReturn(new Administrator(username, true, password));
    }

    private Mono<String> groupId(String token, String path) {
        return http.get().uri(admin("/group-by-path/" + path)).headers(h -> h.setBearerAuth(token))
                .retrieve().bodyToMono(JsonNode.class)
                .map(group -> group.get("id").asString())
                .onErrorResume(WebClientResponseException.NotFound.class, e -> Mono.empty());
    }

    private Mono<String> token() {
        LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "client_credentials");
        form.add("client_id", properties.clientId());
        form.add("client_secret", properties.clientSecret() == null ? "" : properties.clientSecret());
        return http.post().uri(properties.url() + "/realms/" + properties.realm() + "/protocol/openid-connect/token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(form))
                .retrieve()
                .onStatus(HttpStatus.UNAUTHORIZED::equals, response -> Mono.error(
                        new IllegalStateException("Keycloak refused this service's client credentials")))
                .bodyToMono(JsonNode.class)
                .map(token -> token.get("access_token").asString());
    }

    private String admin(String path) {
        return properties.url() + "/admin/realms/" + properties.realm() + path;
    }

    private static String idFrom(URI location) {
        String path = location.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String temporaryPassword() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
