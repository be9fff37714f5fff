package org.povertyalleviation.platform.service;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.BeforeEach;
import org.povertyalleviation.platform.contracts.TopicWriter;
import org.povertyalleviation.platform.counties.JoinedCounties;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.infra.Eventually;
import org.povertyalleviation.platform.infra.ServiceProperties;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.povertyalleviation.platform.web.ApiCalls;
import org.povertyalleviation.platform.web.ApiCallsSupport;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The base of a service's integration tests: the service started once per test JVM against the JVM's real
 * PostgreSQL, Kafka and Keycloak (one Spring context for every test class), the standard realm's principals with
 * cached tokens ({@link StandardRealm}), request helpers as any of them, and, for a service that keeps the county
 * copy, Wen (621222) and Kang (621224) joined the way they join in production: the county registry's events
 * published to Kafka, then awaited in the service's own copy. A service's base extends this with only what is its own
 * (its properties, its helpers), in a few lines:
 *
 * <pre>{@code
 * public abstract class TrainingIT extends ServiceIT {
 * }
 * }</pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ServiceIT extends ApiCallsSupport {

    public static final String OPERATOR = "operator";
    public static final String ADMIN = "admin-621222";
    public static final String CLERK = "clerk-621222";
    public static final String CADRE = "cadre-621222";
    public static final String AUDITOR = "auditor-621222";
    public static final String CITY_OFFICER = "officer-621200";

    private static final Set<String> JOINED = ConcurrentHashMap.newKeySet();

    @LocalServerPort
    protected int port;

    protected WebTestClient web;
    private ApiCalls calls;

    @Autowired
    private ObjectProvider<JoinedCounties> joinedCounties;
    @Autowired
    private ObjectProvider<TenantTransactions> tenantTransactions;
    @Autowired
    private ObjectProvider<DatabaseClient> database;

    /** The service's database in the JVM's PostgreSQL: one per test JVM, and a JVM tests one service. */
    public static final String DATABASE = "service_under_test";

    @DynamicPropertySource
    static void platformInfrastructure(DynamicPropertyRegistry registry) {
        ServiceProperties.register(registry, DATABASE, StandardRealm::keycloak);
    }

    /**
     * As the service's own database role, with rows in the tables: every table with a county_code has forced row-level
     * security with the platform's policies, and nothing is visible without a county (CountyIsolation).
     */
    protected static void assertEveryTenantTableIsolated() throws java.sql.SQLException {
        org.povertyalleviation.platform.infra.PostgresServer.Database db = serviceDatabase();
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(db.jdbcUrl(), db.appUsername(), db.appPassword())) {
            org.povertyalleviation.platform.isolation.CountyIsolation.assertEveryTenantTableIsolated(connection);
        }
    }

    /** The service's database (its owner and app roles), for tests that look at what was stored. */
    protected static org.povertyalleviation.platform.infra.PostgresServer.Database serviceDatabase() {
        return org.povertyalleviation.platform.infra.SharedInfrastructure.postgres().database(DATABASE);
    }

    @BeforeEach
    void serviceClient() {
        web = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(60)).build();
        calls = new ApiCalls(web, StandardRealm::tokenFor);
        if (joinedCounties.getIfAvailable() != null) {
            joinOnce("621222", "文县");
            joinOnce("621224", "康县");
            joinOnce(org.povertyalleviation.platform.access.AccessMatrix.HOME, "秦州区");
        }
    }

    @Autowired
    private List<org.povertyalleviation.platform.access.AccessTable> accessTables;

    /**
     * The service's access table (its own rows and the platform's) proven for every operation of its OpenAPI document,
     * every realm role, the home and a foreign county, partners in and out of grant ({@code AccessMatrix}), and shown
     * in docs/tenancy.md under {@code ### <service>}.
     */
    protected void assertAccessMatrix(String service) {
        org.povertyalleviation.platform.access.AccessTable table = org.povertyalleviation.platform.access.AccessTable.merge(accessTables);
        tools.jackson.databind.JsonNode document = org.povertyalleviation.platform.contracts.ApiDocuments.checkAndKeep(web, service);
        org.povertyalleviation.platform.access.AccessMatrix.check(web, document, table, StandardRealm::tokenFor);
        org.povertyalleviation.platform.access.AccessMatrix.assertDocumented(service, table);
        org.povertyalleviation.platform.access.AccessMatrix.assertReadPostsListed(service, table);
    }

    /** A principal's token (cached): see {@link StandardRealm}. */
    protected static String tokenFor(String principal) {
        return StandardRealm.tokenFor(principal);
    }

    /** The county's villages the tests use: three townships, two villages each, all poor. */
    public static List<String> villages(String county) {
        return List.of(county + "101201", county + "101202", county + "102201", county + "102202", county + "103201", county + "103202");
    }

    /**
     * Once per JVM: publishes the county registry's county.joined.v1 and a village.registered.v1 per village, and waits
     * until the service's copy has the county and all its villages; then {@link #joined} adds what the service needs.
     */
    protected void joinOnce(String county, String nameZh) {
        if (!JOINED.add(county)) {
            return;
        }
        TopicWriter.countyJoined(county, nameZh, villages(county));
        awaitVillagesInCopy(county, villages(county).size());
        joined(county);
    }

    /** Sends one structured CloudEvent the way the producing service's outbox relay does (key county:subject); its id. */
    protected static String publish(String topic, String county, String subject, String type, String dataJson) {
        return TopicWriter.publish(topic, county, subject, type, dataJson);
    }

    /** As {@link #publish}, with the event id given (a redelivery). */
    protected static void publishWithId(String topic, String county, String subject, String type, String id, String dataJson) {
        TopicWriter.publishWithId(topic, county, subject, type, id, dataJson);
    }

    /** Waits until the service's copy has the county as joined and at least {@code villages} of its villages. */
    protected void awaitVillagesInCopy(String county, int villages) {
        CountyCode code = CountyCode.of(county);
        Eventually.await(villages + " villages of county " + county + " reaching the service's copy", Duration.ofSeconds(60),
                () -> joinedCounties.getObject().joined(code)
                        .zipWith(tenantTransactions.getObject().inCounty(code, () -> database.getObject()
                                .sql("select count(*) as villages from village where county_code = :county").bind("county", county)
                                .map(row -> row.get("villages", Long.class)).one()))
                        .map(joined -> joined.getT1() && joined.getT2() >= villages)
                        .block(Duration.ofSeconds(10)),
                Boolean::booleanValue);
    }

    /**
     * A household the household registry registered in the village (its household.registered.v1 published), once the
     * service's household copy has it (platform.household-copy.enabled); its id.
     */
    protected UUID registeredHousehold(String county, String village) {
        UUID household = UUID.randomUUID();
        publish("household.events", county, household.toString(), "household.registered.v1", "{\"county\":\"" + county + "\",\"household\":\""
                + household + "\",\"fileNumber\":\"F-" + household.toString().substring(0, 8) + "\",\"village\":\"" + village
                + "\",\"registrationYear\":2016,\"status\":\"REGISTERED\",\"members\":3,\"causes\":[\"ILLNESS\"],\"primaryCause\":\"ILLNESS\"}");
        CountyCode code = CountyCode.of(county);
        Eventually.await("household " + household + " in the service's copy", Duration.ofSeconds(60),
                () -> tenantTransactions.getObject().inCounty(code, () -> database.getObject()
                                .sql("select exists (select 1 from household where county_code = :county and id = :id) as known")
                                .bind("county", county).bind("id", household).map(row -> row.get("known", Boolean.class)).one())
                        .block(Duration.ofSeconds(10)),
                Boolean::booleanValue);
        return household;
    }

    /**
     * The RFC 9457 problem's body; for a field, it must name it: a 400's first invalid parameter, a 409's or 422's
     * {@code field}.
     */
    protected static tools.jackson.databind.JsonNode problem(WebTestClient.ResponseSpec response, String field) {
        tools.jackson.databind.JsonNode problem = tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree(response.expectBody(String.class).returnResult().getResponseBody());
        if (field != null) {
            String named = problem.has("invalid-params") ? problem.path("invalid-params").path(0).path("name").asString()
                    : problem.path("field").asString();
            org.assertj.core.api.Assertions.assertThat(named).as("the field %s names, in %s", field, problem).isEqualTo(field);
        }
        return problem;
    }

    /** What a service adds once a county joined (e.g. a village that is not poor); nothing by default. */
    protected void joined(String county) {
    }

    @Override
    protected ApiCalls calls() {
        return calls;
    }
}
