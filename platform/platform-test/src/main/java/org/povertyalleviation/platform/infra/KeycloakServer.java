package org.povertyalleviation.platform.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Keycloak 26 server from the {@code keycloak-quarkus-dist} zip on Maven Central: unpacked once into the
 * cache, started in dev mode with an in-memory database, realms imported through its admin API.
 * It costs 20-40 s to start, so tests share one per JVM and only tests that need real tokens ask for it.
 */
public final class KeycloakServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KeycloakServer.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    public static final String ADMIN_USER = "admin";

    private final Path runDirectory;
    private final int port;
    private final String adminPassword;
    private final int managementPort;
    private final LocalProcess process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private KeycloakServer(Path runDirectory, int port, int managementPort, String adminPassword, LocalProcess process) {
        this.runDirectory = runDirectory;
        this.port = port;
        this.managementPort = managementPort;
        this.adminPassword = adminPassword;
        this.process = process;
    }

    /** Starts Keycloak on a free port and imports each realm (a Keycloak realm representation as JSON). */
    public static KeycloakServer start(List<String> realms) {
        return start(realms, FreePorts.next());
    }

    /** Starts Keycloak on the given port (the devstack's is fixed, so that the README's commands work). */
    public static KeycloakServer start(List<String> realms, int port) {
        Path home = unpackedDistribution();
        Path run = Directories.runDirectory("keycloak");
        int managementPort = FreePorts.next();
        String adminPassword = UUID.randomUUID().toString();
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
        environment.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        environment.put("JAVA_OPTS_KC_HEAP", "-Xms128m -Xmx768m");
        Path logFile = run.resolve("keycloak.log");
        LocalProcess process = LocalProcess.start("Keycloak", List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + managementPort,
                "--db=dev-mem", "--health-enabled=true", "--cache=local"), environment, run, logFile, "TERM");
        KeycloakServer server = new KeycloakServer(run, port, managementPort, adminPassword, process);
        Waiting.until("Keycloak", Duration.ofSeconds(240), process, server::isReady, logFile);
        realms.forEach(server::importRealm);
        log.info("Keycloak ready at {} (admin user '{}', log {})", server.url(), ADMIN_USER, logFile);
        return server;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public String issuer(String realm) {
        return url() + "/realms/" + realm;
    }

    /** Keycloak's own readiness check, on its management port. */
    public boolean isReady() {
        return HttpProbe.status(healthUrl()) == 200;
    }

    public String healthUrl() {
        return "http://127.0.0.1:" + managementPort + "/health/ready";
    }

    public String adminPassword() {
        return adminPassword;
    }

    /** Imports a realm; a realm that already exists is left as it is. */
    public void importRealm(String realmJson) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url() + "/admin/realms"))
                .header("Authorization", "Bearer " + adminToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(realmJson)).build());
        if (response.statusCode() != 201 && response.statusCode() != 409) {
            throw new IllegalStateException("Realm import failed: " + response.statusCode() + " " + response.body());
        }
    }

    /** An access token for a user, through the resource-owner password grant (test and demo clients only). */
    public String passwordGrant(String realm, String clientId, String username, String password) {
        return token(realm, Map.of("grant_type", "password", "client_id", clientId, "username", username, "password", password));
    }

    /** An access token for a confidential client (a partner platform), through the client-credentials grant. */
    public String clientCredentialsGrant(String realm, String clientId, String clientSecret) {
        return token(realm, Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", clientSecret));
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(30));
        Directories.deleteRecursively(runDirectory);
    }

    private String adminToken() {
        return passwordGrant("master", "admin-cli", ADMIN_USER, adminPassword);
    }

    private String token(String realm, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(issuer(realm) + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Token request refused: " + response.statusCode() + " " + response.body());
        }
        JsonNode token = JSON.readTree(response.body());
        return token.get("access_token").asString();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The distribution zip is a Maven dependency of this module, so Maven has already fetched it into the local
     * repository; it is unpacked from there once per version.
     */
    static Path unpackedDistribution() {
        String version = InfrastructureVersions.keycloak();
        Path target = Directories.cache().resolve("keycloak-" + version);
        return Directories.locked(Directories.cache().resolve("keycloak.lock"), () -> {
            if (Files.exists(target.resolve(".complete"))) {
                return target;
            }
            Path zip = distributionZip(version);
            Directories.deleteRecursively(target);
            Path staging = Files.createTempDirectory(Directories.cache(), "keycloak-unpack");
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                ZipEntry entry;
                while ((entry = in.getNextEntry()) != null) {
                    Path path = staging.resolve(entry.getName()).normalize();
                    if (!path.startsWith(staging)) {
                        throw new IOException("Archive entry outside target: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(path);
                    } else {
                        Files.createDirectories(path.getParent());
                        Files.copy(in, path, StandardCopyOption.REPLACE_EXISTING);
                        if (entry.getName().endsWith(".sh")) {
                            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
                        }
                    }
                }
            }
            Files.move(staging.resolve("keycloak-" + version), target);
            Directories.deleteRecursively(staging);
            Files.createFile(target.resolve(".complete"));
            log.info("Unpacked Keycloak {} into {}", version, target);
            return target;
        });
    }

    private static Path distributionZip(String version) {
        String configured = System.getProperty("platform.keycloak.dist");
        Path repository = Path.of(System.getProperty("maven.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
        Path zip = configured != null ? Path.of(configured)
                : repository.resolve("org/keycloak/keycloak-quarkus-dist/" + version + "/keycloak-quarkus-dist-" + version + ".zip");
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("Keycloak distribution not found at " + zip
                    + "; build through Maven so that it fetches org.keycloak:keycloak-quarkus-dist:" + version + ":zip");
        }
        return zip;
    }

    /** Reads a realm JSON from the classpath. */
    public static String realmFromClasspath(String resource) {
        try (InputStream in = KeycloakServer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No realm at classpath:" + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
