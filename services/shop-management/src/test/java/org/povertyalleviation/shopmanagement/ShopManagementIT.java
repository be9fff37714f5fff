package org.povertyalleviation.shopmanagement;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

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
 * Shop management against the JVM's real PostgreSQL, Kafka and Keycloak; one context for every test class.
 * Counties join and households get registered the way they do in production: the test publishes the county
 * registry's and the household registry's events to Kafka and waits until the service's copies have them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ShopManagementIT extends ApiCallsSupport {

    @LocalServerPort
    protected int port;

    protected WebTestClient web;
    private ApiCalls calls;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceProperties.register(registry, "shop_management", ShopManagementIT::keycloak);
        // The check runs when a test asks for it, not on a schedule.
        registry.add("shop-management.dormancy.check-cron", () -> "-");
        // Kang County pays its own amount (yuan); Wen County the default.
        registry.add("shop-management.subsidies.amounts.621224", () -> "12000");
    }

    protected static KeycloakServer keycloak() {
        return SharedInfrastructure.keycloak(List.of(PlatformRealm.fromRepository()
                .user("operator", "secret", "platform-operator")
                .user("admin-621222", "secret", "county-admin", PlatformRealm.county("621222"))
                .user("clerk-621222", "secret", "county-clerk", PlatformRealm.county("621222"))
                .user("cadre-621222", "secret", "village-cadre", PlatformRealm.county("621222"))
                .user("auditor-621222", "secret", "auditor", PlatformRealm.county("621222"))
                .user("admin-621224", "secret", "county-admin", PlatformRealm.county("621224"))
                // Xihe County: only StatisticsIT writes to it, so its counts are exact.
                .user("admin-621225", "secret", "county-admin", PlatformRealm.county("621225"))
                .user("officer-621200", "secret", "city-officer", PlatformRealm.city("621200"))
                .partner("partner-wen", "partner-secret", "621222")
                .json()));
    }

    /** Months relative to now (China time), so that reports stay within what a shop registered today may report. */
    protected static String monthsAgo(int months) {
        return java.time.YearMonth.now(java.time.ZoneId.of("Asia/Shanghai")).minusMonths(months).toString();
    }

    protected static final String ADMIN = "admin-621222";
    protected static final String CLERK = "clerk-621222";

    private record Token(String value, long obtainedAt) {
    }

    private static final Map<String, Token> TOKENS = new ConcurrentHashMap<>();

    /** A token of the user, reused for up to a minute: each grant costs Keycloak a password hash, tests ask for hundreds. */
    protected static String tokenFor(String username) {
        return TOKENS.compute(username, (user, token) -> token != null && System.nanoTime() - token.obtainedAt() < Duration.ofMinutes(1).toNanos()
                ? token
                : new Token(user.startsWith("partner-")
                        ? keycloak().clientCredentialsGrant(PlatformRealm.NAME, user, "partner-secret")
                        : keycloak().passwordGrant(PlatformRealm.NAME, PlatformRealm.CLI_CLIENT, user, "secret"), System.nanoTime())).value();
    }

    @BeforeEach
    void client() {
        web = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(60)).build();
        calls = new ApiCalls(web, ShopManagementIT::tokenFor);
        joinOnce("621222", "文县");
        joinOnce("621224", "康县");
    }

    private static final Set<String> JOINED = ConcurrentHashMap.newKeySet();

    protected void joinOnce(String county, String nameZh) {
        if (!JOINED.add(county)) {
            return;
        }
        TopicWriter.countyJoined(county, nameZh, villages(county));
        // A village that is not poor: the coverage leaves it out.
        TopicWriter.villageRegistered(county, county + "104201", false);
        String expected = "{\"county\":\"" + county + "\",\"poorVillages\":" + villages(county).size() + ",";
        awaitStatus("county " + county + " and its villages", () -> {
            var result = get("/counties/" + county + "/coverage", "operator").returnResult(String.class);
            String body = String.join("", result.getResponseBody().collectList().block());
            return result.getStatus().value() == 200 && body.startsWith(expected) ? 200 : result.getStatus().value();
        });
    }

    /** Villages 1xx201 and 1xx202 in three townships; every test class takes villages of its own where it counts shops. */
    protected static List<String> villages(String county) {
        return List.of(county + "101201", county + "101202", county + "102201", county + "102202", county + "103201", county + "103202");
    }

    /**
     * Publishes the registry's household.registered.v1 and waits until this service knows the household.
     *
     * @return the household's id
     */
    protected String knownHousehold(String county, String fileNumber, String village) {
        String id = UUID.randomUUID().toString();
        TopicWriter.publish("household.events", county, id, "household.registered.v1", "{\"county\":\"" + county + "\",\"household\":\""
                + id + "\",\"fileNumber\":\"" + fileNumber + "\",\"village\":\"" + village + "\",\"registrationYear\":2016,\"status\":\"REGISTERED\","
                + "\"members\":3,\"causes\":[\"LACK_OF_FUNDS\"],\"primaryCause\":\"LACK_OF_FUNDS\"}");
        awaitStatus("household " + fileNumber, () -> get("/counties/" + county + "/households/" + id + "/shops", "operator")
                .returnResult(String.class).getStatus().value());
        return id;
    }

    protected static void awaitStatus(String what, IntSupplier status) {
        Eventually.await(what + " reaching shop management", Duration.ofSeconds(60), status::getAsInt, answer -> answer == 200);
    }

    /** A shop of the county, registered by its admin with the given status; its id. */
    protected String shop(String county, String village, String name, String status) {
        return shop(county, Map.of("village", village, "name", name, "platform", "TAOBAO", "ownerCategory", "COOPERATIVE",
                "productCategories", List.of("花椒", "核桃"), "status", status));
    }

    protected String shop(String county, Map<String, Object> request) {
        return idOf(post("/counties/" + county + "/shops", "admin-" + county, request).expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody());
    }

    protected void link(String county, String shop, String household, String role, Map<String, Object> rule) {
        Map<String, Object> link = new java.util.HashMap<>(rule);
        link.put("role", role);
        put("/counties/" + county + "/shops/" + shop + "/households/" + household, "admin-" + county, link).expectStatus().isOk();
    }

    @Override
    protected ApiCalls calls() {
        return calls;
    }
}
