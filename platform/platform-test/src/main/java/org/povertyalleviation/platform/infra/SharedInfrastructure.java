package org.povertyalleviation.platform.infra;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The infrastructure of one test JVM: each server starts on first use and stops when the JVM exits, so every
 * test class in a module shares one PostgreSQL, one Kafka, one Redis and (only if asked for) one Keycloak.
 */
public final class SharedInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(SharedInfrastructure.class);

    private static PostgresServer postgres;
    private static KafkaBroker kafka;
    private static RedisServer redis;
    private static KeycloakServer keycloak;

    private SharedInfrastructure() {
    }

    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = onShutdownClose(PostgresServer.start());
        }
        return postgres;
    }

    public static synchronized KafkaBroker kafka() {
        if (kafka == null) {
            kafka = onShutdownClose(KafkaBroker.start());
        }
        return kafka;
    }

    public static synchronized RedisServer redis() {
        if (redis == null) {
            redis = onShutdownClose(RedisServer.start());
        }
        return redis;
    }

    /** Keycloak with the given realms; the first caller's realms are imported, later callers' realms are added. */
    public static synchronized KeycloakServer keycloak(List<String> realms) {
        if (keycloak == null) {
            keycloak = onShutdownClose(KeycloakServer.start(realms));
        } else {
            realms.forEach(keycloak::importRealm);
        }
        return keycloak;
    }

    private static <T extends AutoCloseable> T onShutdownClose(T server) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                log.warn("Stopping {} failed: {}", server.getClass().getSimpleName(), e.getMessage());
            }
        }, "stop-" + server.getClass().getSimpleName()));
        return server;
    }
}
