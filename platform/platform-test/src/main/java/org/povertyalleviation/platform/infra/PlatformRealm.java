package org.povertyalleviation.platform.infra;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The platform's Keycloak realm (the repository's {@code keycloak/poverty-platform-realm.json}) with accounts
 * added for a test or the devstack. Scope is modelled with groups carrying attributes, which the realm's
 * mappers put into tokens: {@code /counties/<code>} (attribute {@code county}, claim {@code counties}),
 * {@code /cities/<code>} ({@code city}, claim {@code cities}), {@code /provinces/<code>} ({@code province},
 * claim {@code provinces}). Partners are confidential clients whose service account sits in the county
 * groups it was granted.
 */
public final class PlatformRealm {

    public static final String NAME = "poverty-platform";
    public static final String CLI_CLIENT = "devstack-cli";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ObjectNode realm;
    private final Set<String> groupPaths = new LinkedHashSet<>();

    private PlatformRealm(ObjectNode realm) {
        this.realm = realm;
    }

    /**
     * The repository's realm plus {@value #CLI_CLIENT}, a public client with the password grant for tests and
     * the local devstack only: it is not in the realm file, so no cluster ever imports it.
     */
    public static PlatformRealm fromRepository() {
        PlatformRealm realm = new PlatformRealm((ObjectNode) JSON.readTree(KeycloakServer.realmFromClasspath("keycloak/poverty-platform-realm.json")));
        ObjectNode cli = realm.clients().addObject();
        cli.put("clientId", CLI_CLIENT);
        cli.put("name", "Tests and the local devstack only: tokens by password grant");
        cli.put("publicClient", true);
        cli.put("standardFlowEnabled", false);
        cli.put("directAccessGrantsEnabled", true);
        cli.set("protocolMappers", realm.clients().get(0).get("protocolMappers").deepCopy());
        return realm;
    }

    /** A person with one realm role, scoped to the given groups, e.g. {@code county("621222")}. */
    public PlatformRealm user(String username, String password, String role, String... groupPaths) {
        ObjectNode user = users().addObject();
        user.put("username", username);
        user.put("enabled", true);
        user.put("email", username + "@demo.invalid");
        user.put("emailVerified", true);
        user.put("firstName", username);
        user.put("lastName", "Demo");
        user.set("credentials", JSON.valueToTree(List.of(Map.of("type", "password", "value", password, "temporary", false))));
        user.set("realmRoles", JSON.valueToTree(List.of(role)));
        user.set("groups", JSON.valueToTree(List.of(groupPaths)));
        for (String path : groupPaths) {
            ensureGroup(path);
        }
        return this;
    }

    /** A partner platform: a confidential client (client credentials) granted the given counties. */
    public PlatformRealm partner(String clientId, String secret, String... counties) {
        ObjectNode client = clients().addObject();
        client.put("clientId", clientId);
        client.put("name", "Partner " + clientId);
        client.put("publicClient", false);
        client.put("secret", secret);
        client.put("serviceAccountsEnabled", true);
        client.put("standardFlowEnabled", false);
        client.put("directAccessGrantsEnabled", false);
        client.set("protocolMappers", clients().get(0).get("protocolMappers").deepCopy());
        ObjectNode account = users().addObject();
        account.put("username", "service-account-" + clientId);
        account.put("enabled", true);
        account.put("serviceAccountClientId", clientId);
        account.set("realmRoles", JSON.valueToTree(List.of("partner")));
        String[] paths = java.util.Arrays.stream(counties).map(PlatformRealm::county).toArray(String[]::new);
        account.set("groups", JSON.valueToTree(List.of(paths)));
        for (String path : paths) {
            ensureGroup(path);
        }
        return this;
    }

    /** Sets the secret of a confidential client of the realm file (in a cluster it comes from a Secret). */
    public PlatformRealm clientSecret(String clientId, String secret) {
        for (JsonNode client : clients()) {
            if (client.get("clientId").asString().equals(clientId)) {
                ((ObjectNode) client).put("secret", secret);
                return this;
            }
        }
        throw new IllegalArgumentException("The realm has no client " + clientId);
    }

    /**
     * Points the portal client at the address the portal runs on here (the realm file names the default local
     * address, http://localhost:8090): Keycloak only sends users back to, and signs them out towards, that origin.
     */
    public PlatformRealm portalAt(String origin) {
        for (JsonNode client : clients()) {
            if (client.get("clientId").asString().equals("portal")) {
                ObjectNode portal = (ObjectNode) client;
                portal.set("redirectUris", JSON.valueToTree(List.of(origin + "/*")));
                portal.set("webOrigins", JSON.valueToTree(List.of(origin)));
                ((ObjectNode) portal.get("attributes")).put("post.logout.redirect.uris", origin + "/*");
                return this;
            }
        }
        throw new IllegalArgumentException("The realm has no portal client");
    }

    public static String county(String code) {
        return "/counties/" + code;
    }

    public static String city(String code) {
        return "/cities/" + code;
    }

    public static String province(String code) {
        return "/provinces/" + code;
    }

    public String json() {
        return JSON.writeValueAsString(realm);
    }

    private void ensureGroup(String path) {
        if (!groupPaths.add(path)) {
            return;
        }
        String[] parts = path.substring(1).split("/");
        String attribute = switch (parts[0]) {
            case "counties" -> "county";
            case "cities" -> "city";
            case "provinces" -> "province";
            default -> throw new IllegalArgumentException("Unknown group kind: " + path);
        };
        for (JsonNode parent : realm.get("groups")) {
            if (parent.get("name").asString().equals(parts[0])) {
                ((ArrayNode) parent.get("subGroups")).add(JSON.valueToTree(Map.of("name", parts[1],
                        "path", path, "attributes", Map.of(attribute, List.of(parts[1])))));
                return;
            }
        }
        throw new IllegalStateException("The realm has no top-level group " + parts[0]);
    }

    private ArrayNode users() {
        return realm.has("users") ? (ArrayNode) realm.get("users") : realm.putArray("users");
    }

    private ArrayNode clients() {
        return (ArrayNode) realm.get("clients");
    }
}
