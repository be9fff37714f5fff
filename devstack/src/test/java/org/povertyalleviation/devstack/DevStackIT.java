package org.povertyalleviation.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.infra.FreePorts;

class DevStackIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void the_devstack_comes_up_healthy_with_demo_users_and_leaves_nothing_running() throws Exception {
        DevStack.Options options = new DevStack.Options(20130101L,
                Path.of(System.getProperty("devstack.apps.dir")), FreePorts.next(), FreePorts.next(), FreePorts.next());
        List<ProcessHandle> before = descendants();
        String gatewayHealth = "http://127.0.0.1:" + options.gatewayPort() + "/actuator/health";
        String stackHealth = "http://127.0.0.1:" + options.statusPort() + "/health";

        try (DevStack stack = DevStack.start(options)) {
            HttpResponse<String> health = get(stackHealth);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"")
                    .contains("\"postgres\":\"UP\"", "\"kafka\":\"UP\"", "\"redis\":\"UP\"", "\"keycloak\":\"UP\"",
                            "\"county-registry\":\"UP\"", "\"household-registry\":\"UP\"", "\"gateway\":\"UP\"");
            assertThat(get(gatewayHealth).body()).contains("\"status\":\"UP\"");

            String issuer = stack.urls().get("issuer");
            String tokenEndpoint = issuer + "/protocol/openid-connect/token";
            HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(tokenEndpoint))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "grant_type=password&client_id=devstack-cli&username=admin-621222&password=admin-621222-demo"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(token.statusCode()).isEqualTo(200);
            String accessToken = token.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");

            // Through the gateway to the county registry, which the devstack seeded with Wen County's villages.
            HttpResponse<String> villages = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + options.gatewayPort()
                    + "/api/county-registry/counties/621222/villages")).header("Authorization", "Bearer " + accessToken).build(),
                    HttpResponse.BodyHandlers.ofString());
            long wenVillages = stack.dataset().villages().stream().filter(v -> v.countyCode().equals("621222")).count();
            assertThat(villages.statusCode()).isEqualTo(200);
            assertThat(villages.body().split("\"code\":\"621222").length - 1).isEqualTo((int) wenVillages);
            HttpResponse<String> foreign = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + options.gatewayPort()
                    + "/api/county-registry/counties/621224/villages")).header("Authorization", "Bearer " + accessToken).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(foreign.statusCode()).isEqualTo(403);

            // The README's partner example: client credentials, then a call through the gateway within its grant.
            HttpResponse<String> partnerToken = http.send(HttpRequest.newBuilder(URI.create(tokenEndpoint))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=partner-demo"
                            + "&client_secret=partner-demo-secret"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(partnerToken.statusCode()).isEqualTo(200);
            String partner = partnerToken.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
            HttpResponse<String> partnerVillages = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + options.gatewayPort()
                    + "/api/county-registry/counties/621224/villages")).header("Authorization", "Bearer " + partner).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(partnerVillages.statusCode()).isEqualTo(200);
            assertThat(partnerVillages.headers().firstValue("X-RateLimit-Remaining")).isPresent();
            HttpResponse<String> outsideGrant = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + options.gatewayPort()
                    + "/api/county-registry/counties/621223/villages")).header("Authorization", "Bearer " + partner).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(outsideGrant.statusCode()).isEqualTo(403);
            // One Swagger UI at the gateway, listing the services' documents.
            assertThat(get("http://127.0.0.1:" + options.gatewayPort() + "/api/county-registry/v3/api-docs").statusCode()).isEqualTo(200);
            assertThat(stack.summary()).contains("admin-621222", "admin-621222-demo", "county-admin", "longnan-officer");
        }

        assertThat(refused(gatewayHealth)).as("gateway stopped").isTrue();
        assertThat(refused(stackHealth)).as("status server stopped").isTrue();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (descendants().size() > before.size() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(descendants()).as("child processes left running").hasSameSizeAs(before);
    }

    private static List<ProcessHandle> descendants() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private boolean refused(String url) throws Exception {
        try {
            get(url);
            return false;
        } catch (ConnectException e) {
            return true;
        }
    }
}
