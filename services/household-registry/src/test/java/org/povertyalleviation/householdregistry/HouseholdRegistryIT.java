package org.povertyalleviation.householdregistry;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.povertyalleviation.platform.contracts.TopicWriter;
import org.povertyalleviation.platform.infra.Eventually;
import org.povertyalleviation.platform.infra.KeycloakServer;
import org.povertyalleviation.platform.infra.PlatformRealm;
import org.povertyalleviation.platform.infra.ServiceProperties;
import org.povertyalleviation.platform.infra.SharedInfrastructure;
import org.povertyalleviation.platform.web.ApiCalls;
import org.povertyalleviation.platform.web.ApiCallsSupport;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The household registry against the JVM's real PostgreSQL, Kafka and Keycloak; one context for every test class.
 * Counties join the way they do in production: the test publishes the county registry's county.joined.v1 and
 * village.registered.v1 events to Kafka and waits until the service's copy has them. Each test class registers its
 * own file numbers (a prefix per class), so classes run in any order.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class HouseholdRegistryIT extends ApiCallsSupport {

    /** Test keys (Base64 of 32 bytes); production keys come from a Kubernetes Secret. */
    public static final String TEST_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    public static final String OLD_KEY = "b2xkLWtleS1yb3RhdGVkLWF3YXktaW4tdGVzdHMtMzI=";
    public static final String TEST_LOOKUP_KEY = "bG9va3VwLWtleS1mb3ItdGVzdHMtb25seS0zMi1ieXRlcyE=";

    @LocalServerPort
    protected int port;

    protected WebTestClient web;
    private ApiCalls calls;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceProperties.register(registry, "household_registry", HouseholdRegistryIT::keycloak);
        registry.add("household-registry.personal-data.active-key-secret", () -> TEST_KEY);
        registry.add("household-registry.personal-data.active-key", () -> "k1");
        registry.add("household-registry.personal-data.lookup-key", () -> TEST_LOOKUP_KEY);
        // An earlier key, still readable: PersonalDataIT seals rows with it and rotates them to k1.
        registry.add("household-registry.personal-data.keys.k0", () -> OLD_KEY);
        // The sweep runs when a test asks for it, not on a schedule.
        registry.add("household-registry.early-warning.sweep-cron", () -> "-");
    }

    protected static KeycloakServer keycloak() {
        return SharedInfrastructure.keycloak(List.of(PlatformRealm.fromRepository()
                .user("operator", "secret", "platform-operator")
                .user("admin-621222", "secret", "county-admin", PlatformRealm.county("621222"))
                .user("clerk-621222", "secret", "county-clerk", PlatformRealm.county("621222"))
                .user("cadre-621222", "secret", "village-cadre", PlatformRealm.county("621222"))
                .user("auditor-621222", "secret", "auditor", PlatformRealm.county("621222"))
                .user("admin-621224", "secret", "county-admin", PlatformRealm.county("621224"))
                // CountyStatisticsIT's county, which no other test writes to, so that it can count all of it.
                .user("admin-621225", "secret", "county-admin", PlatformRealm.county("621225"))
                .user("officer-621200", "secret", "city-officer", PlatformRealm.city("621200"))
                .partner("partner-jd", "partner-secret", "621224")
                .json()));
    }

    /** A realm user's token, or a partner client's (client credentials) for a name starting with {@code partner-}. */
    protected static String tokenFor(String username) {
        return username.startsWith("partner-")
                ? keycloak().clientCredentialsGrant(PlatformRealm.NAME, username, "partner-secret")
                : keycloak().passwordGrant(PlatformRealm.NAME, PlatformRealm.CLI_CLIENT, username, "secret");
    }

    @BeforeEach
    void client() {
        web = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(60)).build();
        calls = new ApiCalls(web, HouseholdRegistryIT::tokenFor);
        joinOnce("621222", "文县");
        joinOnce("621224", "康县");
    }

    private static final java.util.Set<String> JOINED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Publishes the county registry's events for a county with three villages, and waits until the service knows them. */
    protected void joinOnce(String county, String nameZh) {
        if (!JOINED.add(county)) {
            return;
        }
        TopicWriter.countyJoined(county, nameZh, villages(county));
        String token = tokenFor("operator");
        String lastVillage = villages(county).get(villages(county).size() - 1);
        Eventually.await("county " + county + " joining the household registry's copy", Duration.ofSeconds(60),
                () -> web.get().uri("/counties/" + county + "/villages/" + lastVillage + "/income/summary")
                        .header("Authorization", "Bearer " + token).exchange().returnResult(String.class).getStatus().value(),
                status -> status == 200);
    }

    protected static List<String> villages(String county) {
        // IncomeIT's summary test has 103201 to itself, so that the village summary counts only its two households.
        return List.of(county + "101201", county + "101202", county + "102201", county + "102202", county + "103201");
    }

    /** Sends one structured CloudEvent the way the producing service's outbox relay does (key county:subject). */
    protected static String publish(String topic, String county, String subject, String type, String dataJson) {
        return TopicWriter.publish(topic, county, subject, type, dataJson);
    }

    protected static void publishWithId(String topic, String county, String subject, String type, String id, String dataJson) {
        TopicWriter.publishWithId(topic, county, subject, type, id, dataJson);
    }

    /** The clerk of Wen County, who registers and records in most tests. */
    protected static final String CLERK = "clerk-621222";

    /** Registers a household as the county's clerk (Wen) or admin (others); its id. */
    protected String register(String county, Map<String, Object> request) {
        return register(county, request, county.equals("621222") ? CLERK : "admin-" + county);
    }

    protected String register(String county, Map<String, Object> request, String user) {
        return idOf(post("/counties/" + county + "/households", user, request).expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody());
    }


    @Override
    protected ApiCalls calls() {
        return calls;
    }
}
