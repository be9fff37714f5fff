package org.povertyalleviation.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.povertyalleviation.platform.infra.FreePorts;
import org.povertyalleviation.platform.infra.KafkaBroker;
import org.povertyalleviation.platform.infra.KeycloakServer;
import org.povertyalleviation.platform.infra.PlatformRealm;
import org.povertyalleviation.platform.infra.PostgresServer;
import org.povertyalleviation.platform.infra.RedisServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a benchmark of a service behind the gateway starts before it seeds anything: PostgreSQL, Kafka, Redis and
 * Keycloak from platform-test's launchers (the realm the benchmark made), then the service's jar and the gateway's jar,
 * each a JVM of its own, the gateway configured as the devstack configures it. Everything started is tracked by the
 * run, so it stops however the run ends.
 */
public final class BenchStack {

    private static final Logger log = LoggerFactory.getLogger(BenchStack.class);

    /** Only loopback is a trusted proxy: each X-Forwarded-For address a load sends is then a caller of its own. */
    public static final String LOOPBACK_ONLY = "127\\.0\\.0\\.1|0:0:0:0:0:0:0:1";

    /**
     * The services' URLs the gateway's application.yml reads (its services-list). Those a benchmark does not run point
     * nowhere, rather than at the defaults, where a devstack on this machine could answer.
     */
    static final List<String> SERVICE_URLS = List.of("COUNTY_REGISTRY_URL", "HOUSEHOLD_REGISTRY_URL", "SHOP_MANAGEMENT_URL",
            "SUPPLY_PLATFORM_URL", "LOGISTICS_BOOKING_URL", "TRAINING_URL", "CROWDFUNDING_URL");
    private static final String NOWHERE = "http://127.0.0.1:9";

    private final BenchRun run;
    private final PostgresServer postgres;
    private final KafkaBroker kafka;
    private final RedisServer redis;
    private final KeycloakServer keycloak;

    private BenchStack(BenchRun run, PostgresServer postgres, KafkaBroker kafka, RedisServer redis, KeycloakServer keycloak) {
        this.run = run;
        this.postgres = postgres;
        this.kafka = kafka;
        this.redis = redis;
        this.keycloak = keycloak;
    }

    /** Starts PostgreSQL, Kafka, Redis and Keycloak (with {@code realm}, the JSON of {@link PlatformRealm#NAME}). */
    public static BenchStack start(BenchRun run, String realm) {
        log.info("Starting PostgreSQL, Kafka, Redis and Keycloak");
        PostgresServer postgres = run.track(PostgresServer.start());
        KafkaBroker kafka = run.track(KafkaBroker.start());
        RedisServer redis = run.track(RedisServer.start());
        KeycloakServer keycloak = run.track(KeycloakServer.start(List.of(realm)));
        return new BenchStack(run, postgres, kafka, redis, keycloak);
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public RedisServer redis() {
        return redis;
    }

    public KeycloakServer keycloak() {
        return keycloak;
    }

    public String issuer() {
        return keycloak.issuer(PlatformRealm.NAME);
    }

    /** The service's jar with its database, Kafka and the issuer, plus {@code environment} (what it reads beyond them). */
    public ServiceInstance service(String name, Path jar, List<String> jvmOptions, List<String> arguments, PostgresServer.Database database,
                                   Map<String, String> environment) {
        return run.track(ServiceInstance.start(name, jar, jvmOptions, arguments, database, kafka.bootstrapServers(), issuer(), run.directory(),
                environment));
    }

    /**
     * The gateway jar as the devstack configures it: the routed services' URLs ({@code routes}: the variable, e.g.
     * {@code TRAINING_URL}, to the service), Redis, Kafka, the issuer, management on a port of its own; the other
     * services point nowhere. {@code trustedProxies} null keeps the gateway's default; {@code arguments} are Spring
     * properties the benchmark sets (a client's budget, say), printed by the benchmark that sets them.
     */
    public ServiceInstance gateway(Path jar, List<String> jvmOptions, Map<String, ServiceInstance> routes, String trustedProxies, List<String> arguments) {
        int port = FreePorts.next();
        int managementPort = FreePorts.next();
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("MANAGEMENT_SERVER_PORT", Integer.toString(managementPort));
        environment.put("SPRING_DATA_REDIS_HOST", redis.host());
        environment.put("SPRING_DATA_REDIS_PORT", Integer.toString(redis.port()));
        environment.put("SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS", kafka.bootstrapServers());
        environment.put("PLATFORM_ISSUER_URI", issuer());
        if (trustedProxies != null) {
            environment.put("TRUSTED_PROXIES", trustedProxies);
        }
        for (String url : SERVICE_URLS) {
            environment.put(url, NOWHERE);
        }
        routes.forEach((url, service) -> {
            if (!SERVICE_URLS.contains(url)) {
                throw new IllegalArgumentException(url + " is not one of the gateway's service URLs " + SERVICE_URLS);
            }
            environment.put(url, service.baseUrl());
        });
        return run.track(ServiceInstance.launch("gateway", jar, jvmOptions, arguments, environment, run.directory(), port, managementPort,
                "management on " + managementPort + (trustedProxies == null ? "" : ", trusted proxies " + trustedProxies)));
    }
}
