package org.povertyalleviation.platform.sample;

import java.util.List;

import org.povertyalleviation.platform.infra.KeycloakServer;
import org.povertyalleviation.platform.infra.PlatformRealm;
import org.povertyalleviation.platform.infra.ServiceProperties;
import org.povertyalleviation.platform.infra.SharedInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of platform-core's integration tests: the sample service against the JVM's shared real PostgreSQL and
 * Kafka. Every subclass gets the same Spring context (one per test JVM).
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class SampleServiceIT {

    /** The realm's password policy (12 characters or more) holds for test users too. */
    protected static final String PASSWORD = "test-password-2026";

    @LocalServerPort
    protected int port;

    /** A client of the running sample service, with no token: each test says who calls. */
    protected WebTestClient web;

    @BeforeEach
    void clientOfTheRunningService() {
        web = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }

    public static final String TOPIC = "sample.outbox";
    public static final String INPUT_TOPIC = "sample.events";
    public static final String DEAD_LETTER_TOPIC = "error.sample.events.platform-core-test";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceProperties.register(registry, "platform_core", SampleServiceIT::keycloak);
    }

    /** Real Keycloak with the repository's realm and one principal of each kind. */
    protected static KeycloakServer keycloak() {
        return SharedInfrastructure.keycloak(List.of(PlatformRealm.fromRepository()
                .user("admin-621222", PASSWORD, "county-admin", PlatformRealm.county("621222"))
                .user("admin-621224", PASSWORD, "county-admin", PlatformRealm.county("621224"))
                .user("officer-621200", PASSWORD, "city-officer", PlatformRealm.city("621200"))
                .user("auditor-621222", PASSWORD, "auditor", PlatformRealm.county("621222"))
                .user("operator", PASSWORD, "platform-operator")
                .person("clerk-621222-auditor-621224", PASSWORD, List.of(PlatformRealm.grant("county-clerk", PlatformRealm.county("621222")),
                        PlatformRealm.grant("auditor", PlatformRealm.county("621224"))))
                .partner("partner-taobao", "partner-secret", "621222", "621224")
                .json()));
    }

    protected static String tokenFor(String username) {
        return keycloak().passwordGrant(PlatformRealm.NAME, PlatformRealm.CLI_CLIENT, username, PASSWORD);
    }
}
