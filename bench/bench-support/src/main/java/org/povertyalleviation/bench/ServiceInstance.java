package org.povertyalleviation.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.povertyalleviation.platform.infra.FreePorts;
import org.povertyalleviation.platform.infra.HttpProbe;
import org.povertyalleviation.platform.infra.LocalProcess;
import org.povertyalleviation.platform.infra.PostgresServer;
import org.povertyalleviation.platform.infra.Waiting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One service, started from its executable jar as a separate JVM the way the devstack starts it (the
 * environment of its application.yml: port, its database's two roles, Kafka, the token issuer, personal-data keys
 * made for the run), and an HTTP/1.1 client for it.
 */
public final class ServiceInstance implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServiceInstance.class);

    private final String name;
    private final LocalProcess process;
    private final Path logFile;
    private final String baseUrl;
    private final String managementUrl;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private boolean stopped;

    private ServiceInstance(String name, LocalProcess process, Path logFile, String baseUrl, String managementUrl) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.baseUrl = baseUrl;
        this.managementUrl = managementUrl;
    }

    /**
     * Starts the service's jar with the environment every service reads (port, database, Kafka, issuer) and what this
     * service needs beyond it ({@code environment}, e.g. the household registry's personal-data keys); waits until ready.
     */
    public static ServiceInstance start(String name, Path jar, List<String> jvmOptions, List<String> arguments, PostgresServer.Database database,
                                 String kafkaBootstrap, String issuer, Path runDirectory, Map<String, String> environmentOfService) {
        int port = FreePorts.next();
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PORT", Integer.toString(port));
        environment.put("DATABASE_R2DBC_URL", database.r2dbcUrl());
        environment.put("DATABASE_JDBC_URL", database.jdbcUrl());
        environment.put("DATABASE_APP_USER", database.appUsername());
        environment.put("DATABASE_APP_PASSWORD", database.appPassword());
        environment.put("DATABASE_OWNER_USER", database.ownerUsername());
        environment.put("DATABASE_OWNER_PASSWORD", database.ownerPassword());
        environment.put("SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS", kafkaBootstrap);
        environment.put("PLATFORM_ISSUER_URI", issuer);
        environment.putAll(environmentOfService);
        return launch(name, jar, jvmOptions, arguments, environment, runDirectory, port, port, "database " + database.name());
    }

    /**
     * Starts any executable jar (a service, or the gateway, which has no database) with exactly {@code environment}
     * plus PORT, and waits until {@code /actuator/health/readiness} on {@code managementPort} answers 200 (the app's
     * own port unless the environment sets MANAGEMENT_SERVER_PORT, as the devstack and the charts do).
     */
    public static ServiceInstance launch(String name, Path jar, List<String> jvmOptions, List<String> arguments, Map<String, String> environment,
                                         Path runDirectory, int port, int managementPort, String describe) {
        Map<String, String> withPort = new LinkedHashMap<>(environment);
        withPort.put("PORT", Integer.toString(port));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        command.addAll(arguments);
        Path logFile = runDirectory.resolve(name + ".log");
        LocalProcess process = LocalProcess.start(name, command, withPort, runDirectory, logFile, "TERM");
        String baseUrl = "http://127.0.0.1:" + port;
        String managementUrl = "http://127.0.0.1:" + managementPort;
        ServiceInstance instance = new ServiceInstance(name, process, logFile, baseUrl, managementUrl);
        String readiness = managementUrl + "/actuator/health/readiness";
        long started = System.nanoTime();
        try {
            Waiting.until(name, Duration.ofSeconds(240), process, () -> HttpProbe.status(readiness) == 200, logFile);
        } catch (RuntimeException e) {
            instance.close();
            throw e;
        }
        log.info("{} ready on {} after {} s ({}, log {})", name, baseUrl, (System.nanoTime() - started) / 1_000_000_000, describe, logFile);
        return instance;
    }

    /** Copies a packaged jar into the run directory, so that a build rewriting it meanwhile cannot pull classes from under the JVM. */
    public static Path copyJar(Path jar, Path runDirectory, String name) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (the benchmark's run.sh does)");
        }
        try {
            return Files.copy(jar, runDirectory.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Where its actuator answers: the app's own address unless it has a management port of its own (the gateway). */
    public String managementUrl() {
        return managementUrl;
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    public HttpClient http() {
        return http;
    }

    public HttpResponse<String> get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET().build());
    }

    /** A request with a JSON body ({@code null}: none) and a bearer token; any status is returned, not thrown. */
    public HttpResponse<String> json(String method, String path, String token, String body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json").header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build());
    }

    /** Uploads a file as the multipart field {@code file}, streamed from disk. */
    public HttpResponse<String> upload(String path, String token, Path file, String fileName, String contentType) {
        String boundary = "bench-" + Long.toHexString(System.nanoTime());
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: " + contentType + "\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        try {
            HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.concat(
                    HttpRequest.BodyPublishers.ofString(head, StandardCharsets.UTF_8), HttpRequest.BodyPublishers.ofFile(file),
                    HttpRequest.BodyPublishers.ofString(tail, StandardCharsets.UTF_8));
            return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofMinutes(10))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(body).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The last lines of the service's log, for a report of what went wrong. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Lines of the service's log at level ERROR or WARN (ECS JSON: "log":{"level":...}), less start-up noise. */
    public List<String> problems(int max) {
        try {
            return Files.readAllLines(logFile, StandardCharsets.UTF_8).stream()
                    .filter(line -> line.contains("\"level\":\"ERROR\"") || (line.contains("\"level\":\"WARN\"")
                            && !line.contains("OffsetFetcherUtils") && !line.contains("SpringDocAppInitializer")
                            && !line.contains("MeterRegistry")) || line.startsWith("ERROR") || line.contains(" ERROR "))
                    .limit(max).toList();
        } catch (IOException e) {
            return List.of("(log unreadable: " + e.getMessage() + ")");
        }
    }

    @Override
    public synchronized void close() {
        if (!stopped) {
            stopped = true;
            process.stop(Duration.ofSeconds(30));
        }
    }

    /** 32 random bytes in Base64: an AES-256 or HMAC-SHA256 key made for one run (the databases go with it). */
    public static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
