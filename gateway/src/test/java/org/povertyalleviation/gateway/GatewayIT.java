package org.povertyalleviation.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.povertyalleviation.platform.events.EventCodec;
import org.povertyalleviation.platform.events.EventEnvelope;
import org.povertyalleviation.platform.infra.KeycloakServer;
import org.povertyalleviation.platform.infra.FreePorts;
import org.povertyalleviation.platform.infra.PlatformRealm;
import org.povertyalleviation.platform.infra.SharedInfrastructure;
import org.povertyalleviation.platform.domain.CountyCode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the gateway's integration tests: the real gateway in front of stub services, with the JVM's real Redis
 * (budgets, idempotency), Kafka (county statuses) and Keycloak (tokens). Every subclass shares one Spring context;
 * each uses its own stub service (a route of its own), so one class's breaker or budget never affects another's.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class GatewayIT {

    /** The realm's password policy (12 characters or more) holds for test users too. */
    static final String PASSWORD = "test-password-2026";

    static final StubService ECHO = new StubService();
    static final StubService FLAKY = new StubService();
    static final StubService LEDGER = new StubService();
    /** Its own breaker, for the tests whose calls fail on purpose. */
    static final StubService FRAGILE = new StubService();
    /** Stands for the supply platform, so that its real public paths (application.yml) are what the tests reach. */
    static final StubService SUPPLY = new StubService();

    @LocalServerPort
    protected int port;

    /** Actuator's own port, as in the charts: health and metrics never share the port the Ingress exposes. */
    @LocalManagementPort
    protected int managementPort;

    @Autowired
    protected JsonMapper json;

    /** A client of the running gateway with no token: each test says who calls. */
    protected WebTestClient web;

    @Autowired
    private org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory breakerFactory;

    @BeforeEach
    void clientOfTheRunningGateway() {
        web = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(30)).build();
    }

    /** The test classes share one gateway; failures one test causes on purpose must not open a breaker for the next. */
    @BeforeEach
    void closedBreakers() {
        breakerFactory.getCircuitBreakerRegistry().getAllCircuitBreakers()
                .forEach(io.github.resilience4j.circuitbreaker.CircuitBreaker::reset);
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        properties().forEach((name, value) -> registry.add(name, value));
    }

    /** The gateway's settings for the tests; a test that starts a second gateway passes the same. */
    static Map<String, java.util.function.Supplier<Object>> properties() {
        Map<String, java.util.function.Supplier<Object>> properties = new java.util.LinkedHashMap<>();
        properties.put("spring.data.redis.host", () -> SharedInfrastructure.redis().host());
        properties.put("spring.data.redis.port", () -> SharedInfrastructure.redis().port());
        properties.put("spring.cloud.stream.kafka.binder.brokers", () -> SharedInfrastructure.kafka().bootstrapServers());
        properties.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> keycloak().issuer(PlatformRealm.NAME));
        // The real route to the county registry stays configured; these stubs stand for services of each kind.
        properties.put("gateway.services.echo.uri", ECHO::url);
        properties.put("gateway.services.echo.timeout", () -> "1s");
        properties.put("gateway.services.echo.max-request-body", () -> "2KB");
        properties.put("gateway.services.echo.public-paths[0]", () -> "/public/**");
        properties.put("gateway.services.echo.read-posts[0]", () -> "/counties/*/households/lookup");
        properties.put("gateway.services.echo.uploads[0].path", () -> "/counties/*/uploads");
        properties.put("gateway.services.echo.uploads[0].max-request-body", () -> "8KB");
        properties.put("gateway.services.flaky.uri", FLAKY::url);
        properties.put("gateway.services.ledger.uri", LEDGER::url);
        properties.put("gateway.services.fragile.uri", FRAGILE::url);
        properties.put("gateway.services.supply-platform.uri", SUPPLY::url);
        // Nothing listens there: every call is refused before it reaches a service.
        properties.put("gateway.services.unreachable.uri", () -> "http://127.0.0.1:" + FreePorts.next());
        // Short enough for a test to see a claim that outlived a timeout run out.
        properties.put("gateway.idempotency.in-flight", () -> "4s");
        // Small, so that a test's answer can be larger than what is kept for replay.
        properties.put("gateway.idempotency.max-kept-answer", () -> "16KB");
        properties.put("gateway.breaker.minimum-calls", () -> "3");
        properties.put("gateway.breaker.window", () -> "5");
        properties.put("gateway.breaker.wait-in-open-state", () -> "2s");
        properties.put("gateway.breaker.trial-calls", () -> "1");
        properties.put("gateway.rate-limits.clients.partner-jd.requests-per-second", () -> "1");
        properties.put("gateway.rate-limits.clients.partner-jd.burst", () -> "3");
        // Small, so that a test spends it in a few requests.
        properties.put("gateway.rate-limits.anonymous-default.requests-per-second", () -> "1");
        properties.put("gateway.rate-limits.anonymous-default.burst", () -> "5");
        properties.put("gateway.portal-origins[0]", () -> "https://portal.example.org");
        properties.put("management.server.port", () -> "0");
        return properties;
    }

    /** Real Keycloak with the repository's realm and one principal of each kind. */
    static KeycloakServer keycloak() {
        return SharedInfrastructure.keycloak(List.of(PlatformRealm.fromRepository()
                .user("admin-621222", PASSWORD, "county-admin", PlatformRealm.county("621222"))
                .user("admin-621223", PASSWORD, "county-admin", PlatformRealm.county("621223"))
                .user("officer-621200", PASSWORD, "city-officer", PlatformRealm.city("621200"))
                .user("auditor-621222", PASSWORD, "auditor", PlatformRealm.county("621222"))
                .user("operator", PASSWORD, "platform-operator")
                .partner("partner-taobao", "partner-secret", "621222", "621224")
                .partner("partner-pinduoduo", "partner-secret", "621222")
                .partner("partner-jd", "partner-secret", "621222")
                .json()));
    }

    static String tokenFor(String username) {
        return keycloak().passwordGrant(PlatformRealm.NAME, PlatformRealm.CLI_CLIENT, username, PASSWORD);
    }

    static String partnerToken(String clientId) {
        return keycloak().clientCredentialsGrant(PlatformRealm.NAME, clientId, "partner-secret");
    }

    /** Publishes a county registry event, as the registry's outbox relay would. */
    void publishCountyEvent(String type, String county) throws Exception {
        EventEnvelope event = EventEnvelope.create("/services/county-registry", type, CountyCode.of(county), county,
                json.valueToTree(Map.of("county", county)));
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("county.events", event.partitionKey(), new EventCodec(json).write(event)))
                    .get(30, TimeUnit.SECONDS);
        }
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> echoed(byte[] body) {
        return json.readValue(body, Map.class);
    }
}
