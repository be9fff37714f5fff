package org.povertyalleviation.countyregistry.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.countyregistry.CountyRegistryIT;
import org.povertyalleviation.platform.infra.KeycloakServer;
import org.povertyalleviation.platform.infra.PlatformRealm;
import org.povertyalleviation.platform.infra.SharedInfrastructure;
import org.povertyalleviation.platform.service.StandardRealm;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the county registry's own service account may do in Keycloak: exactly what onboarding needs (KeycloakAccounts),
 * and nothing that makes anyone a platform operator or a realm administrator. Every call below is made the way
 * KeycloakAccounts makes its calls, with the registry's client-credentials token against Keycloak's admin API; a
 * refusal is Keycloak's 403. The rights come from the realm's fine-grained admin permissions (docs/services/county-registry.md).
 * County 350926 (Zherong) is this class's.
 */
class RegistryServiceAccountIT extends CountyRegistryIT {

    private static final String COUNTY = "350926";
    private static final String ADMINISTRATOR = "zherong-admin";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record Answer(int status, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    @Test
    void onboarding_needs_no_realm_management_role_that_writes() {
        onboarded();

        JsonNode roles = JSON.readTree(keycloakAdmin("/users/" + userId("service-account-county-registry")
                + "/role-mappings/clients/" + clientId("realm-management")));
        assertThat(roles.findValuesAsString("name")).as("realm-management roles of the county registry's service account")
                .containsExactlyInAnyOrder("view-users", "query-users", "query-groups", "view-realm");
        assertThat(keycloakAdmin("/users/" + userId(ADMINISTRATOR) + "/groups")).contains("\"path\":\"/counties/" + COUNTY + "/county-admin\"");
    }

    @Test
    void it_cannot_map_platform_operator_to_a_user_or_a_group() {
        onboarded();
        List<JsonNode> operator = List.of(asRegistry("GET", "/roles/platform-operator", null).json());

        assertThat(asRegistry("POST", "/users/" + userId(ADMINISTRATOR) + "/role-mappings/realm", operator).status())
                .as("platform-operator to the administrator it created").isEqualTo(403);
        assertThat(asRegistry("POST", "/users/" + userId("service-account-county-registry") + "/role-mappings/realm", operator).status())
                .as("platform-operator to itself").isEqualTo(403);
        assertThat(asRegistry("POST", "/groups/" + groupId("counties/" + COUNTY + "/county-admin") + "/role-mappings/realm", operator).status())
                .as("platform-operator to a role group it created").isEqualTo(403);
        assertThat(asRegistry("POST", "/users/" + userId(ADMINISTRATOR) + "/role-mappings/realm",
                List.of(asRegistry("GET", "/roles/county-admin", null).json())).status())
                .as("even a county role, to a user rather than to its group").isEqualTo(403);
        assertThat(keycloakAdmin("/users/" + userId(ADMINISTRATOR) + "/role-mappings/realm/composite")).doesNotContain("platform-operator");
    }

    @Test
    void it_cannot_give_itself_or_a_group_realm_management_roles() {
        onboarded();
        String realmManagement = clientId("realm-management");
        for (String role : List.of("realm-admin", "manage-users", "manage-authorization")) {
            List<JsonNode> mapping = List.of(JSON.readTree(keycloakAdmin("/clients/" + realmManagement + "/roles/" + role)));
            assertThat(asRegistry("POST", "/users/" + userId("service-account-county-registry") + "/role-mappings/clients/" + realmManagement, mapping).status())
                    .as(role + " to itself").isEqualTo(403);
            assertThat(asRegistry("POST", "/groups/" + groupId("counties/" + COUNTY + "/county-admin") + "/role-mappings/clients/" + realmManagement, mapping).status())
                    .as(role + " to a county group").isEqualTo(403);
        }
    }

    @Test
    void it_adds_no_existing_account_to_any_group() {
        onboarded();
        String cityOfficers = groupId("cities/621200/city-officer");
        String countyAdmins = groupId("counties/" + COUNTY + "/county-admin");

        assertThat(asRegistry("PUT", "/users/" + userId(ADMINISTRATOR) + "/groups/" + cityOfficers, null).status())
                .as("its administrator into a group outside /counties").isEqualTo(403);
        assertThat(asRegistry("PUT", "/users/" + userId("service-account-county-registry") + "/groups/" + countyAdmins, null).status())
                .as("itself into a county group").isEqualTo(403);
        assertThat(asRegistry("PUT", "/users/" + userId("operator") + "/groups/" + countyAdmins, null).status())
                .as("the operator into a county group").isEqualTo(403);
        assertThat(asRegistry("PUT", "/users/" + userId("admin-621222") + "/groups/" + cityOfficers, null).status())
                .as("another county's administrator into a group outside /counties").isEqualTo(403);
    }

    @Test
    void it_cannot_take_over_the_operators_account() {
        String operator = userId("operator");

        // The values are the account's own, so that a call let through changes nothing the other tests use.
        assertThat(asRegistry("PUT", "/users/" + operator + "/reset-password",
                Map.of("type", "password", "value", StandardRealm.PASSWORD, "temporary", false)).status()).isEqualTo(403);
        assertThat(asRegistry("PUT", "/users/" + operator, Map.of("email", "operator@demo.invalid")).status()).isEqualTo(403);
        assertThat(asRegistry("POST", "/users/" + operator + "/impersonation", null).status()).isEqualTo(403);
    }

    @Test
    void it_changes_no_role_client_realm_setting_or_permission() {
        List<JsonNode> operator = List.of(asRegistry("GET", "/roles/platform-operator", null).json());
        assertThat(asRegistry("POST", "/roles/county-admin/composites", operator).status())
                .as("platform-operator into the county-admin role").isEqualTo(403);
        assertThat(asRegistry("GET", "/clients/" + clientId("platform-onboarding") + "/client-secret", null).status())
                .as("the operator client's secret").isEqualTo(403);
        assertThat(asRegistry("PUT", "", Map.of("adminPermissionsEnabled", false)).status())
                .as("switching the permissions off").isEqualTo(403);
        assertThat(asRegistry("POST", "/clients/" + clientId("admin-permissions") + "/authz/resource-server/permission/scope",
                Map.of("name", "more", "resourceType", "Users", "scopes", List.of("manage"), "policies", List.of("county-registry"))).status())
                .as("a permission of its own").isEqualTo(403);
    }

    /**
     * The limit of Keycloak's permissions, pinned so that it is not mistaken for a guarantee: a permission names groups
     * by id and does not reach their subgroups, and onboarding creates a county's groups and puts its first administrator
     * into one of them, so the service account holds its group permissions for every group. It can therefore create a
     * new account in any group (never one carrying platform-operator: no group does, and it cannot map that role) and
     * manage the members of any group. If this fails, Keycloak now confines it: tighten the docs.
     */
    @Test
    void what_the_permissions_cannot_confine_to_the_counties() {
        Answer created = asRegistry("POST", "/users", Map.of("username", "zherong-stray", "enabled", true,
                "groups", List.of("/cities/621200/city-officer")));
        try {
            assertThat(created.status()).as("a new account in a city officers' group").isEqualTo(201);
        } finally {
            if (created.status() == 201) {
                asMasterAdmin("DELETE", "/users/" + userId("zherong-stray"));
            }
        }
    }

    private void onboarded() {
        onboard(COUNTY, "柘荣县", ADMINISTRATOR).expectStatus().value(status -> assertThat(status).isIn(200, 201));
    }

    private static String userId(String username) {
        return JSON.readTree(keycloakAdmin("/users?exact=true&username=" + username)).get(0).get("id").asString();
    }

    private static String groupId(String path) {
        return JSON.readTree(keycloakAdmin("/group-by-path/" + path)).get("id").asString();
    }

    private static String clientId(String clientId) {
        return JSON.readTree(keycloakAdmin("/clients?clientId=" + clientId)).get(0).get("id").asString();
    }

    /** A call on the realm's admin API with the county registry's own token (client credentials, as KeycloakAccounts). */
    private static Answer asRegistry(String method, String path, Object body) {
        return send(method, path, body, keycloak().clientCredentialsGrant(PlatformRealm.NAME, "county-registry", REGISTRY_SECRET));
    }

    private static Answer asMasterAdmin(String method, String path) {
        KeycloakServer server = SharedInfrastructure.keycloak(List.of());
        return send(method, path, null, server.passwordGrant("master", "admin-cli", KeycloakServer.ADMIN_USER, server.adminPassword()));
    }

    private static Answer send(String method, String path, Object body, String token) {
        try {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(keycloak().url() + "/admin/realms/" + PlatformRealm.NAME + path))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
