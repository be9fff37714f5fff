package org.povertyalleviation.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
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
        GatewayReplica replica = GatewayReplica.start(Map.of(), List.of("-Xmx256m"));
        try {
            WebTestClient client = replica.client();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    client.get().uri("/api/echo/counties/621223/villages").headers(h -> h.setBearerAuth(admin)).exchange()
                            .expectStatus().isForbidden()
                            .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("suspended")));
            // Its neighbours pass: the refusal is the suspension, not a broken replica.
            client.get().uri("/api/echo/counties/621222/villages").headers(h -> h.setBearerAuth(tokenFor("admin-621222")))
                    .exchange().expectStatus().isOk();
        } finally {
            replica.close();
            publishCountyEvent("county.reinstated.v1", "621223");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    web.get().uri("/api/echo/counties/621223/villages").headers(h -> h.setBearerAuth(admin)).exchange()
                            .expectStatus().isOk());
        }
    }
}
