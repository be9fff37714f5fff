package org.povertyalleviation.bench.household;

import org.povertyalleviation.bench.BenchRun;
import org.povertyalleviation.bench.ServiceInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.povertyalleviation.bench.CommandLine;
import org.povertyalleviation.bench.Machine;
import org.povertyalleviation.platform.infra.BuildRepository;
import org.povertyalleviation.platform.infra.KafkaBroker;
import org.povertyalleviation.platform.infra.KeycloakServer;
import org.povertyalleviation.platform.infra.PlatformRealm;
import org.povertyalleviation.platform.infra.PostgresServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The household registry's two performance targets, each against a baseline measured in the same run on the same
 * machine: the bulk import of a county's household file against PostgreSQL's COPY of the same rows, and the
 * village list page against the same SQL sent over JDBC. Starts real PostgreSQL, Kafka and Keycloak (platform-test's
 * launchers), runs the service from its packaged jar as a separate JVM, makes counties join the way the county
 * registry does (its events on Kafka), and prints a Markdown report. See bench/household/README.md.
 */
public final class HouseholdBenchmark implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HouseholdBenchmark.class);

    static final String COUNTY = "621222";
    static final String COUNTY_NAME = "文县";
    static final String ADMIN = "admin-" + COUNTY;
    static final String OPERATOR = "operator";
    /** The realm's password policy (12 characters or more) holds for the benchmark's users too. */
    static final String PASSWORD = "bench-password-2026";

    final BenchSettings settings;
    final BenchRun run;
    final JsonMapper json = JsonMapper.builder().build();
    private Path serviceJar;
    PostgresServer postgres;
    KafkaBroker kafka;
    KeycloakServer keycloak;
    private String sourceVersion = "(unknown)";

    private HouseholdBenchmark(BenchSettings settings) {
        this.settings = settings;
        this.run = new BenchRun("household-bench", settings.keepLogs());
    }

    private void run() {
        BuildRepository.useTheBuilds(HouseholdBenchmark.class, "/bench-build.properties");
        if (!Files.isRegularFile(settings.serviceJar())) {
            throw new IllegalStateException(settings.serviceJar() + " is missing: build first (bench/household/run.sh does)");
        }
        // A copy, so that a rebuild of the service during the run cannot change the jar under a running JVM.
        serviceJar = run.directory().resolve("household-registry.jar");
        try {
            Files.copy(settings.serviceJar(), serviceJar, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String startLoad = Machine.loadAverage();
        sourceVersion = sourceVersion();
        String startedAt = Machine.startedAt();
        log.info("Run directory {}; service jar {} ({} KB, modified {})", run.directory(), settings.serviceJar(),
                settings.serviceJar().toFile().length() / 1024, Files.isRegularFile(settings.serviceJar())
                        ? java.time.Instant.ofEpochMilli(settings.serviceJar().toFile().lastModified()) : "?");

        log.info("Starting PostgreSQL, Kafka and Keycloak (Keycloak takes half a minute)");
        postgres = run.track(PostgresServer.start());
        kafka = run.track(KafkaBroker.start());
        keycloak = run.track(KeycloakServer.start(List.of(realm())));

        ImportBenchmark.Result importResult = settings.runImport() ? new ImportBenchmark(this).run() : null;
        VillageListBenchmark.Result listResult = settings.runList() ? new VillageListBenchmark(this).run() : null;
        System.out.println(report(startedAt, startLoad, Machine.loadAverage(), importResult, listResult));
    }

    /** Starts a household registry on the database (its Flyway migrations run at start) and stops it with the run. */
    ServiceInstance startService(String name, PostgresServer.Database database) {
        // Personal data is sealed with keys made for this run: the databases go with it.
        ServiceInstance instance = ServiceInstance.start(name, serviceJar, split(settings.serviceJvm()), split(settings.serviceArgs()), database,
                kafka.bootstrapServers(), keycloak.issuer(PlatformRealm.NAME), run.directory(), java.util.Map.of("PII_ACTIVE_KEY_ID", "k1",
                        "PII_ACTIVE_KEY", ServiceInstance.randomKey(), "PII_LOOKUP_KEY", ServiceInstance.randomKey()));
        return run.track(instance);
    }

    /** Applies the service's migrations to a fresh database the way the service does: by starting it once on it. */
    void migrate(PostgresServer.Database database) {
        log.info("Migrating database {} by starting the service on it once", database.name());
        try (ServiceInstance instance = startService("migrate-" + database.name(), database)) {
            log.info("Database {} migrated", database.name());
        }
    }

    String token(String username) {
        return keycloak.passwordGrant(PlatformRealm.NAME, PlatformRealm.CLI_CLIENT, username, PASSWORD);
    }

    static Connection owner(PostgresServer.Database database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.ownerUsername(), database.ownerPassword());
    }

    static Connection app(PostgresServer.Database database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.appUsername(), database.appPassword());
    }

    /** The repository's realm with the benchmark's two users, and tokens that outlast any run. */
    private String realm() {
        ObjectNode realm = (ObjectNode) json.readTree(PlatformRealm.fromRepository()
                .user(ADMIN, PASSWORD, "county-admin", PlatformRealm.county(COUNTY))
                .user(OPERATOR, PASSWORD, "platform-operator")
                .json());
        realm.put("accessTokenLifespan", 24 * 3600);
        return json.writeValueAsString(realm);
    }

    private String report(String startedAt, String startLoad, String endLoad, ImportBenchmark.Result importResult,
                          VillageListBenchmark.Result listResult) {
        StringBuilder out = new StringBuilder();
        out.append("\n## Household registry benchmark, ").append(startedAt).append("\n\n");
        out.append(String.format(Locale.ROOT, "Machine: %d CPUs, %d GiB memory, load average %s at start, %s at end. Service JVM: %s. "
                        + "PostgreSQL 17 (platform-test's launcher: fsync off, default shared_buffers), Kafka and Keycloak on the "
                        + "same machine; the clients too.%n", Runtime.getRuntime().availableProcessors(), Machine.memoryGiB(), startLoad, endLoad,
                settings.serviceJvm()));
        out.append("Service built from ").append(sourceVersion).append(".\n");
        if (!settings.serviceArgs().isBlank()) {
            out.append("The service ran with extra arguments: ").append(settings.serviceArgs()).append('\n');
        }
        if (importResult != null) {
            out.append('\n').append(importResult.report());
        }
        if (listResult != null) {
            out.append('\n').append(listResult.report());
        }
        return out.toString();
    }

    static String verdict(boolean met, boolean valid) {
        return !valid ? "INVALID" : met ? "**MET**" : "**MISS**";
    }

    @Override
    public synchronized void close() {
        run.close();
    }

    /** The commit the service was built from, and whether its sources (or the platform's) differed from it. */
    private static String sourceVersion() {
        try {
            String commit = git("rev-parse", "--short", "HEAD");
            String changed = git("status", "--porcelain", "--", "services/household-registry", "platform");
            return "commit " + commit + (changed.isBlank() ? "" : " with uncommitted changes in " + changed.lines()
                    .map(line -> line.substring(3)).collect(java.util.stream.Collectors.joining(", ")));
        } catch (RuntimeException e) {
            return "(unknown commit: " + e.getMessage() + ")";
        }
    }

    private static String git(String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(arguments));
        try {
            Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(git.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
            if (git.waitFor() != 0) {
                throw new IllegalStateException(output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<String> split(String options) {
        return options.isBlank() ? List.of() : List.of(options.trim().split("\\s+"));
    }


    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The service did something the harness cannot explain by its own doing (an unexpected status, a failed or
     * short import, different rows than SQL returns): reported with the request, the answer and the service's log,
     * and the run stops.
     */
    static final class ServiceProblem extends RuntimeException {
        ServiceProblem(String message) {
            super(message);
        }
    }

    public static void main(String[] args) {
        BenchSettings settings = CommandLine.parseOrExit(args, BenchSettings::parse, BenchSettings.USAGE);
        HouseholdBenchmark benchmark = new HouseholdBenchmark(settings);
        Machine.runAndExit("household-bench", benchmark::run, benchmark::close, e -> {
            benchmark.run.failed();
            if (e instanceof ServiceProblem) {
                log.error("THE SERVICE MISBEHAVED; the run stops here:\n{}", e.getMessage());
                return 3;
            }
            log.error("Benchmark failed: {}", e.getMessage(), e);
            return 1;
        });
    }
}
