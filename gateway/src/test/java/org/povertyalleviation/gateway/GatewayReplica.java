package org.povertyalleviation.gateway;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.povertyalleviation.platform.infra.Directories;
import org.povertyalleviation.platform.infra.FreePorts;
import org.povertyalleviation.platform.infra.HttpProbe;
import org.povertyalleviation.platform.infra.LocalProcess;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.awaitility.Awaitility.await;

/**
 * Another gateway replica: the packaged gateway in a JVM of its own, as in a cluster, with the tests' settings
 * ({@link GatewayIT#properties()}) and the given overrides. A JVM of its own also gives it a heap of its own, which
 * a test can bound and measure.
 */
final class GatewayReplica implements AutoCloseable {

    final int port;
    final int managementPort;
    private final LocalProcess process;
    private final Path log;

    private GatewayReplica(int port, int managementPort, LocalProcess process, Path log) {
        this.port = port;
        this.managementPort = managementPort;
        this.process = process;
        this.log = log;
    }

    /** Starts it and waits, up to 120 s on a loaded machine, until it is ready. */
    static GatewayReplica start(Map<String, Supplier<Object>> overrides, List<String> jvmOptions) throws Exception {
        Path jar;
        try (Stream<Path> built = Files.list(Path.of("target"))) {
            jar = built.filter(p -> p.getFileName().toString().matches("gateway-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("The packaged gateway is missing from target/"));
        }
        int port = FreePorts.next();
        int managementPort = FreePorts.next();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "--server.port=" + port));
        Map<String, Supplier<Object>> properties = new LinkedHashMap<>(GatewayIT.properties());
        properties.put("management.server.port", () -> managementPort);
        properties.putAll(overrides);
        properties.forEach((name, value) -> command.add("--" + name + "=" + value.get()));
        Path run = Directories.runDirectory("gateway-replica");
        Path log = run.resolve("gateway.log");
        GatewayReplica replica = new GatewayReplica(port, managementPort,
                LocalProcess.start("gateway replica", command, Map.of(), run, log, "TERM"), log);
        try {
            await().atMost(Duration.ofSeconds(120)).until(replica::ready);
        } catch (RuntimeException notReady) {
            replica.close();
            throw new IllegalStateException("The gateway replica did not become ready; its log: " + log, notReady);
        }
        return replica;
    }

    boolean ready() {
        return process.isAlive() && HttpProbe.status("http://127.0.0.1:" + managementPort + "/actuator/health/readiness") == 200;
    }

    boolean alive() {
        return process.isAlive();
    }

    WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(60)).build();
    }

    /** The most memory the replica's process has held (VmHWM), in MiB: what a pod's memory limit is checked against. */
    long peakResidentMiB() throws Exception {
        return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
                .filter(line -> line.startsWith("VmHWM:"))
                .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024)
                .findFirst().orElseThrow();
    }

    Path log() {
        return log;
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(10));
    }
}
