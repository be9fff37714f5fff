package org.povertyalleviation.platform.infra;

import java.util.function.Supplier;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a service under test at the JVM's shared infrastructure, as its Helm values do in a cluster: its own
 * database (the app role serves, the owner migrates), Kafka, and Keycloak's realm as the token issuer.
 *
 * <pre>{@code
 * @DynamicPropertySource
 * static void infrastructure(DynamicPropertyRegistry registry) {
 *     ServiceProperties.register(registry, "household_registry", MyServiceIT::keycloak);
 * }
 * }</pre>
 */
public final class ServiceProperties {

    private ServiceProperties() {
    }

    public static void register(DynamicPropertyRegistry registry, String database, Supplier<KeycloakServer> keycloak) {
        PostgresServer.Database db = SharedInfrastructure.postgres().database(database);
        registry.add("spring.r2dbc.url", db::r2dbcUrl);
        registry.add("spring.r2dbc.username", db::appUsername);
        registry.add("spring.r2dbc.password", db::appPassword);
        registry.add("spring.flyway.url", db::jdbcUrl);
        registry.add("spring.flyway.user", db::ownerUsername);
        registry.add("spring.flyway.password", db::ownerPassword);
        registry.add("spring.flyway.placeholders.app_role", db::appUsername);
        registry.add("spring.cloud.stream.kafka.binder.brokers", () -> SharedInfrastructure.kafka().bootstrapServers());
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> keycloak.get().issuer(PlatformRealm.NAME));
    }
}
