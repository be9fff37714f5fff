package org.povertyalleviation.gateway;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.povertyalleviation.platform.infra.FreePorts;
import org.povertyalleviation.platform.infra.PlatformRealm;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults only a fresh replica shows, on one replica of the packaged gateway in a JVM of its own with a bounded heap
 * (256 MB, a third of the pod's 768 MiB; direct memory 128 MB): started while Keycloak's keys cannot be fetched,
 * and then ten concurrent 120 MB keyed uploads, with the real household registry route (its import path's 120 MB,
 * 1 MB elsewhere) pointed at a stub that counts what it receives. The order matters: the replica must not have
 * fetched the keys before the first test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaFaultsIT extends GatewayIT {

    private static final long UPLOAD = 120L * 1024 * 1024;
    private static final StubService HOUSEHOLDS = StubService.sink();
    private static final SwitchableKeySet KEYS = new SwitchableKeySet();
    private static GatewayReplica replica;

    @BeforeAll
    static void aReplicaThatCannotReachKeycloak() throws Exception {
        replica = GatewayReplica.start(Map.of(
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri", KEYS::url,
                "gateway.services.household-registry.uri", HOUSEHOLDS::url),
                List.of("-Xmx256m", "-XX:MaxDirectMemorySize=128m", "-XX:+UseParallelGC"));
    }

    @AfterAll
    static void stop() {
        if (replica != null) {
            replica.close();
        }
        KEYS.off();
        HOUSEHOLDS.close();
    }

    @Test
    @Order(1)
    void a_fresh_replica_without_keycloaks_keys_answers_503_problems_and_recovers_by_itself_when_they_are_back() {
        String admin = tokenFor("admin-621222");
        WebTestClient client = replica.client();
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            EntityExchangeResult<byte[]> answer = client.get().uri("/api/echo/counties/621222/villages")
                    .headers(h -> h.setBearerAuth(admin)).exchange().expectBody().returnResult();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(answer.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(answer.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(answer.getResponseHeaders().getFirst("Retry-After")).isNotBlank();
            assertThat(new String(answer.getResponseBody(), StandardCharsets.UTF_8))
                    .contains("urn:poverty-platform:problem:service-unavailable");
        }
        // A request without a token is still the caller's fault.
        client.get().uri("/api/echo/counties/621222/villages").exchange().expectStatus().isUnauthorized();

        // A key set that accepts the connection and never answers holds a request for the fetch's 5 s, no longer.
        KEYS.hang();
        long start = System.nanoTime();
        client.get().uri("/api/echo/counties/621222/villages").headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        KEYS.off();

        KEYS.on();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                client.get().uri("/api/echo/counties/621222/villages").headers(h -> h.setBearerAuth(admin)).exchange()
                        .expectStatus().isOk());
    }

    @Test
    @Order(2)
    void ten_concurrent_120_mb_keyed_uploads_pass_through_and_the_replica_stays_up_within_its_heap() throws Exception {
        KEYS.on();
        String admin = tokenFor("admin-621222");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        List<String> keys = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> uploads = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            keys.add(UUID.randomUUID().toString());
            uploads.add(http.sendAsync(upload(admin, keys.get(i), i), HttpResponse.BodyHandlers.ofString()));
        }
        CompletableFuture.allOf(uploads.toArray(CompletableFuture[]::new)).get(300, TimeUnit.SECONDS);
        long took = Duration.ofNanos(System.nanoTime() - start).toMillis();

        int handled = 0;
        for (CompletableFuture<HttpResponse<String>> upload : uploads) {
            HttpResponse<String> answer = upload.join();
            if (answer.statusCode() == 201) {
                assertThat(answer.body()).contains("\"bytes\":" + UPLOAD);
                handled++;
            } else {
                assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("application/problem+json"));
            }
        }
        assertThat(handled).as("uploads that reached the service whole").isPositive();
        assertThat(replica.alive()).isTrue();
        assertThat(replica.ready()).isTrue();
        String log = Files.readString(replica.log());
        assertThat(log).doesNotContain("OutOfMemoryError").doesNotContain("OutOfDirectMemoryError");
        long peak = replica.peakResidentMiB();
        System.out.printf("Ten 120 MB keyed uploads: %d handled in %d ms; replica (-Xmx256m) peak resident %d MiB%n", handled, took, peak);
        assertThat(peak).as("the replica's peak resident memory, against the pod's 768 MiB").isLessThan(768);

        // A resend of a whole upload is recognised by its streamed fingerprint and replayed, without a second run.
        int calls = HOUSEHOLDS.calls();
        HttpResponse<String> resent = http.send(upload(admin, keys.get(0), 0), HttpResponse.BodyHandlers.ofString());
        if (uploads.get(0).join().statusCode() == 201) {
            assertThat(resent.statusCode()).isEqualTo(201);
            assertThat(resent.headers().firstValue("Idempotent-Replayed")).hasValue("true");
            assertThat(resent.body()).isEqualTo(uploads.get(0).join().body());
            assertThat(HOUSEHOLDS.calls()).isEqualTo(calls);
        }
        // And an ordinary request afterwards is served.
        replica.client().get().uri("/api/echo/counties/621222/villages").headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk();
    }

    @Test
    @Order(3)
    void only_the_import_path_of_the_household_registry_takes_large_bodies() {
        KEYS.on();
        String admin = tokenFor("admin-621222");
        int calls = HOUSEHOLDS.calls();
        replica.client().post().uri("/api/household-registry/counties/621222/households").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("x".repeat(2 * 1024 * 1024)).exchange()
                .expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.type").isEqualTo("urn:poverty-platform:problem:request-too-large");
        assertThat(HOUSEHOLDS.calls()).isEqualTo(calls);
        replica.client().post().uri("/api/household-registry/counties/621222/imports").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(new byte[2 * 1024 * 1024]).exchange()
                .expectStatus().isCreated();
    }

    private HttpRequest upload(String token, String key, int seed) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replica.port + "/api/household-registry/counties/621222/imports"))
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", key)
                .header("Content-Type", "application/octet-stream")
                .timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> new Generated(UPLOAD, seed)), UPLOAD))
                .build();
    }

    /** A body of the given size made up as it is read, different per seed: the test JVM never holds an upload. */
    private static final class Generated extends InputStream {

        private final byte[] pattern = new byte[8192];
        private long left;
        private int position;

        Generated(long size, int seed) {
            this.left = size;
            for (int i = 0; i < pattern.length; i++) {
                pattern[i] = (byte) (seed * 31 + i * 7);
            }
        }

        @Override
        public int read() {
            if (left == 0) {
                return -1;
            }
            left--;
            int b = pattern[position] & 0xff;
            position = (position + 1) % pattern.length;
            return b;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(length, Math.min(left, pattern.length - position));
            System.arraycopy(pattern, position, into, offset, n);
            position = (position + n) % pattern.length;
            left -= n;
            return n;
        }
    }

    /**
     * Keycloak's key set behind a switch: off, nothing listens on its port, as when Keycloak is down; hung, connections
     * are accepted and never answered, as when it is stuck or a route drops its packets.
     */
    static final class SwitchableKeySet {

        private final int port = FreePorts.next();
        private final HttpClient http = HttpClient.newHttpClient();
        private DisposableServer server;
        /** Whether the server there answers with the keys (on), rather than never (hang). */
        private boolean serving;

        String url() {
            return "http://127.0.0.1:" + port + "/certs";
        }

        synchronized void hang() {
            off();
            server = HttpServer.create().host("127.0.0.1").port(port).handle((request, response) -> Mono.never()).bindNow();
        }

        synchronized void on() {
            if (server != null && !serving) {
                off();
            }
            if (server == null) {
                serving = true;
                String certs = keycloak().issuer(PlatformRealm.NAME) + "/protocol/openid-connect/certs";
                server = HttpServer.create().host("127.0.0.1").port(port)
                        .handle((request, response) -> response.header("Content-Type", "application/json")
                                .sendString(Mono.fromCallable(() -> http.send(HttpRequest.newBuilder(URI.create(certs)).build(),
                                        HttpResponse.BodyHandlers.ofString()).body()).subscribeOn(Schedulers.boundedElastic())))
                        .bindNow();
            }
        }

        synchronized void off() {
            if (server != null) {
                server.disposeNow(Duration.ofSeconds(5));
                server = null;
                serving = false;
            }
        }
    }
}
