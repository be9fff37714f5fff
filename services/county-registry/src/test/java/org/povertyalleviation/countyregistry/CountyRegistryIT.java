package org.povertyalleviation.countyregistry;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.povertyalleviation.platform.infra.KeycloakServer;
import org.povertyalleviation.platform.infra.PlatformRealm;
import org.povertyalleviation.platform.infra.SharedInfrastructure;
import org.povertyalleviation.platform.service.ServiceIT;
import org.povertyalleviation.platform.service.StandardRealm;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The county registry against the JVM's real PostgreSQL, Kafka and Keycloak; one context (and one database) for
 * every test class, in any order. Counties are therefore owned by one test class each: VillageAccessIT uses the
 * nine Longnan counties and 350825; OnboardingIT uses other Fujian counties (350821, 350823, 350824, 350881,
 * 350921), OpenApiDocumentIT 350822 and RegistryServiceAccountIT 350926, each test its own, so that "joined with this
 * call" holds whatever ran before.
 */
public abstract class CountyRegistryIT extends ServiceIT {

    public static final String REGISTRY_SECRET = StandardRealm.COUNTY_REGISTRY_SECRET;

    @DynamicPropertySource
    static void keycloakAdministration(DynamicPropertyRegistry registry) {
        registry.add("county-registry.keycloak.url", () -> keycloak().url());
        registry.add("county-registry.keycloak.client-secret", () -> REGISTRY_SECRET);
    }

    /** Real Keycloak with the repository's realm and the standard principals (StandardRealm). */
    protected static KeycloakServer keycloak() {
        return StandardRealm.keycloak();
    }

    /** Onboards a county as the operator (idempotent), with two townships and three villages. */
    protected WebTestClient.ResponseSpec onboard(String county, String nameZh, String adminUsername) {
        String csv = "township_code,township_name,village_code,village_name,poor\n"
                + county + "101,城关镇," + county + "101201,上坝村,true\n"
                + county + "101,城关镇," + county + "101202,下坝村,false\n"
                + county + "102,碧口镇," + county + "102201,李家村,true\n";
        return web.put().uri("/counties/" + county).header("Authorization", "Bearer " + tokenFor("operator"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(java.util.Map.of("nameZh", nameZh, "nameEn", "County " + county,
                        "firstAdministrator", java.util.Map.of("username", adminUsername, "email", adminUsername + "@demo.invalid"),
                        "villagesCsv", csv))
                .exchange();
    }

    /** A GET on the realm's admin API as Keycloak's own administrator (master realm): the body, or "HTTP <status>". */
    protected static String keycloakAdmin(String path) {
        try {
            String token = SharedInfrastructure.keycloak(List.of()).passwordGrant("master", "admin-cli", KeycloakServer.ADMIN_USER,
                    SharedInfrastructure.keycloak(List.of()).adminPassword());
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(keycloak().url() + "/admin/realms/" + PlatformRealm.NAME + path))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : "HTTP " + response.statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
