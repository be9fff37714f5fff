package org.povertyalleviation.gateway;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.infra.Directories;
import org.povertyalleviation.platform.infra.FreePorts;
import org.povertyalleviation.platform.infra.HttpProbe;
import org.povertyalleviation.platform.infra.LocalProcess;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A gateway replica that starts after a county was suspended still refuses it: each replica reads the county
 * statuses from the beginning of the topic, not from where another replica (or its own last run) left off. The
 * replica is the packaged gateway in a JVM of its own, as in a cluster.
 */
class SuspensionAtStartIT extends GatewayIT {

    @Test
    void a_gateway_replica_started_after_a_suspension_refuses_the_county() throws Exception {
        String admin = tokenFor("admin-621223");
        publishCountyEvent("county.suspended.v1", "621223");
        // The running gateway has seen it, so it is on the topic before the replica starts.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                web.get().uri("/api/echo/counties/621223/villages").headers(h -> h.setBearerAuth(admin)).exchange()
                        .expectStatus().isForbidden());
        int replicaPort = FreePorts.next();
        int replicaManagementPort = FreePorts.next();
        LocalProcess replica = startReplica(replicaPort, replicaManagementPort);
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> HttpProbe.status("http://127.0.0.1:" + replicaManagementPort + "/actuator/health/readiness") == 200);
            WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + replicaPort).build();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    client.get().uri("/api/echo/counties/621223/villages").headers(h -> h.setBearerAuth(admin)).exchange()
                            .expectStatus().isForbidden()
                            .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("suspended")));
            // Its neighbours pass: the refusal is the suspension, not a broken replica.
            client.get().uri("/api/echo/counties/621222/villages").headers(h -> h.setBearerAuth(tokenFor("admin-621222")))
                    .exchange().expectStatus().isOk();
        } finally {
            replica.stop(Duration.ofSeconds(10));
            publishCountyEvent("county.reinstated.v1", "621223");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    web.get().uri("/api/echo/counties/621223/villages").headers(h -> h.setBearerAuth(admin)).exchange()
                            .expectStatus().isOk());
        }
    }

    private static LocalProcess startReplica(int port, int managementPort) throws Exception {
        Path jar;
        try (Stream<Path> built = Files.list(Path.of("target"))) {
            jar = built.filter(p -> p.getFileName().toString().matches("gateway-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("The packaged gateway is missing from target/"));
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toAbsolutePath().toString(), "--server.port=" + port));
        Map<String, java.util.function.Supplier<Object>> properties = new java.util.LinkedHashMap<>(properties());
        properties.put("management.server.port", () -> managementPort);
        properties.forEach((name, value) -> command.add("--" + name + "=" + value.get()));
        Path run = Directories.runDirectory("gateway-replica");
        return LocalProcess.start("gateway replica", command, Map.of(), run, run.resolve("gateway.log"), "TERM");
    }
}
