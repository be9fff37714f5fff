package org.povertyalleviation.countyregistry;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.povertyalleviation.platform.infra.KeycloakServer;
import org.povertyalleviation.platform.infra.PlatformRealm;
import org.povertyalleviation.platform.infra.ServiceProperties;
import org.povertyalleviation.platform.infra.SharedInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The county registry against the JVM's real PostgreSQL, Kafka and Keycloak; one context (and one database) for
 * every test class, in any order. Counties are therefore owned by one test class each: VillageAccessIT uses the
 * nine Longnan counties and 350825; OnboardingIT uses other Fujian counties (350821, 350823, 350824, 350881,
 * 350921), each test its own, so that "joined with this call" holds whatever ran before.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class CountyRegistryIT {

    public static final String REGISTRY_SECRET = "county-registry-test-secret";

    @LocalServerPort
    protected int port;

    protected WebTestClient web;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceProperties.register(registry, "county_registry", CountyRegistryIT::keycloak);
        registry.add("county-registry.keycloak.url", () -> keycloak().url());
        registry.add("county-registry.keycloak.client-secret", () -> REGISTRY_SECRET);
    }

    /** Real Keycloak with the repository's realm and a principal of each kind. */
    protected static KeycloakServer keycloak() {
        return SharedInfrastructure.keycloak(List.of(PlatformRealm.fromRepository()
                .clientSecret("county-registry", REGISTRY_SECRET)
                .user("operator", "secret", "platform-operator")
                .user("admin-621222", "secret", "county-admin", PlatformRealm.county("621222"))
                .user("admin-621224", "secret", "county-admin", PlatformRealm.county("621224"))
                .user("admin-350825", "secret", "county-admin", PlatformRealm.county("350825"))
                .user("admin-621228", "secret", "county-admin", PlatformRealm.county("621228"))
                .user("officer-621200", "secret", "city-officer", PlatformRealm.city("621200"))
                .partner("partner-jd", "partner-secret", "621224")
                .json()));
    }

    protected static String tokenFor(String username) {
        return keycloak().passwordGrant(PlatformRealm.NAME, PlatformRealm.CLI_CLIENT, username, "secret");
    }

    @BeforeEach
    void client() {
        web = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
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
}
