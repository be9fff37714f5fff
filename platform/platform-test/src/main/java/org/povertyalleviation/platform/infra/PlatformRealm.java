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
 * added for a test or the devstack. A role is granted for a place by membership of a group that carries the grant,
 * which the realm's mappers put into tokens (docs/tenancy.md): {@code /counties/<code>/<role>} (attribute
 * {@code grant} = {@code <role>@<code>}, claim {@code grants}; the group also maps the realm role), under
 * {@code /counties/<code>} (attribute {@code county}, claim {@code counties}); likewise
 * {@code /cities/<code>/city-officer} and {@code /provinces/<code>/province-officer}; a village cadre's villages are
 * {@code /counties/<code>/village-cadre/<village>} (attribute {@code village}, claim {@code villages}). Partners are
 * confidential clients whose service account is in {@code /counties/<code>/partner} of the counties it was granted.
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

    /** A role granted for a place: a county, city or province path ({@link #county}, …) or a village ({@link #village}). */
    public record Grant(String role, String place) {
    }

    public static Grant grant(String role, String place) {
        return new Grant(role, place);
    }

    /**
     * A person with one role granted for each of the given places, e.g. {@code county("621222")}; without places
     * (the platform operator) the role is the realm role alone.
     */
    public PlatformRealm user(String username, String password, String role, String... places) {
        if (places.length == 0) {
            return person(username, password, List.of(role), List.of());
        }
        return person(username, password, java.util.Arrays.stream(places).map(place -> grant(role, place)).toList());
    }

    /** A person with several grants, e.g. a clerk of one county who audits another. */
    public PlatformRealm person(String username, String password, List<Grant> grants) {
        return person(username, password, grants.stream().map(Grant::role).distinct().toList(),
                grants.stream().map(grant -> membership(grant.role(), grant.place())).toList());
    }

    private PlatformRealm person(String username, String password, List<String> roles, List<String> groups) {
        ObjectNode user = users().addObject();
        user.put("username", username);
        user.put("enabled", true);
        user.put("email", username + "@demo.invalid");
        user.put("emailVerified", true);
        user.put("firstName", username);
        user.put("lastName", "Demo");
        user.set("credentials", JSON.valueToTree(List.of(Map.of("type", "password", "value", password, "temporary", false))));
        user.set("realmRoles", JSON.valueToTree(roles));
        user.set("groups", JSON.valueToTree(groups));
        groups.forEach(this::ensureGroup);
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
        List<String> groups = java.util.Arrays.stream(counties).map(county -> membership("partner", county(county))).toList();
        account.set("groups", JSON.valueToTree(groups));
        groups.forEach(this::ensureGroup);
        return this;
    }

    /** The group whose members hold the role for the place. */
    static String membership(String role, String place) {
        String[] parts = place.substring(1).split("/");
        if (parts.length == 2) {
            return place + "/" + role;
        }
        if (parts.length == 4 && parts[0].equals("counties") && parts[2].equals(role)) {
            return place;
        }
        throw new IllegalArgumentException("No grant of " + role + " for " + place);
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

    /** A village a village cadre is assigned to (the 12-digit code; its first six digits are the county). */
    public static String village(String code) {
        return "/counties/" + code.substring(0, 6) + "/village-cadre/" + code;
    }

    public String json() {
        return JSON.writeValueAsString(realm);
    }

    /** Creates the group and its parents: the place (its code), the role (its grant and realm role), a village. */
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
        ObjectNode top = null;
        for (JsonNode candidate : realm.get("groups")) {
            if (candidate.get("name").asString().equals(parts[0])) {
                top = (ObjectNode) candidate;
            }
        }
        if (top == null) {
            throw new IllegalStateException("The realm has no top-level group " + parts[0]);
        }
        ObjectNode place = child(top, parts[1], "/" + parts[0] + "/" + parts[1], Map.of(attribute, List.of(parts[1])), List.of());
        if (parts.length > 2) {
            ObjectNode role = child(place, parts[2], "/" + parts[0] + "/" + parts[1] + "/" + parts[2],
                    Map.of("grant", List.of(parts[2] + "@" + parts[1])), List.of(parts[2]));
            if (parts.length > 3) {
                child(role, parts[3], path, Map.of("village", List.of(parts[3])), List.of());
            }
        }
    }

    private static ObjectNode child(ObjectNode parent, String name, String path, Map<String, List<String>> attributes, List<String> realmRoles) {
        ArrayNode children = parent.has("subGroups") ? (ArrayNode) parent.get("subGroups") : parent.putArray("subGroups");
        for (JsonNode existing : children) {
            if (existing.get("name").asString().equals(name)) {
                return (ObjectNode) existing;
            }
        }
        ObjectNode group = children.addObject();
        group.put("name", name);
        group.put("path", path);
        group.set("attributes", JSON.valueToTree(attributes));
        if (!realmRoles.isEmpty()) {
            group.set("realmRoles", JSON.valueToTree(realmRoles));
        }
        group.putArray("subGroups");
        return group;
    }

    private ArrayNode users() {
        return realm.has("users") ? (ArrayNode) realm.get("users") : realm.putArray("users");
    }

    private ArrayNode clients() {
        return (ArrayNode) realm.get("clients");
    }
}
