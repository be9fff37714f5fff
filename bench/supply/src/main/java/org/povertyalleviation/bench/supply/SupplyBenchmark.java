package org.povertyalleviation.bench.supply;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.povertyalleviation.bench.BenchRun;
import org.povertyalleviation.bench.BenchData;
import org.povertyalleviation.bench.CommandLine;
import org.povertyalleviation.bench.CountyCodes;
import org.povertyalleviation.bench.CountyEvents;
import org.povertyalleviation.bench.HouseholdFile;
import org.povertyalleviation.bench.Machine;
import org.povertyalleviation.bench.ServiceInstance;
import org.povertyalleviation.platform.infra.BuildRepository;
import org.povertyalleviation.platform.infra.KafkaBroker;
import org.povertyalleviation.platform.infra.KeycloakServer;
import org.povertyalleviation.platform.infra.PlatformRealm;
import org.povertyalleviation.platform.infra.PostgresServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The supply platform's income mechanisms under load, end to end: a dividend run over many shareholdings and a payday
 * of many wage records, each timed from the request to the supply platform until the last of its ledger entries is in
 * the household registry (outbox, relay, Kafka, the registry's idempotent consumer), with the events per second that
 * makes. The baseline, measured in the same run: the same number of ledger rows written by one SQL statement into the
 * registry's database (what the database alone costs). Both services run from their packaged jars as separate JVMs
 * against platform-test's PostgreSQL, Kafka and Keycloak. See bench/supply/README.md.
 */
public final class SupplyBenchmark implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SupplyBenchmark.class);

    static final String COUNTY = "621222";
    static final String ADMIN = "admin-" + COUNTY;
    static final String PASSWORD = "bench-password-2026";
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** How the benchmark runs (run.sh passes its arguments through). */
    record Settings(int shareholders, int workers, int villages, String serviceJvm, Path registryJar, Path supplyJar, Duration timeout, long seed,
                    boolean keepLogs) {

        static final String USAGE = """
                usage: bench/supply/run.sh [--option=value ...]
                  --shareholders=10000   shareholdings in the dividend run (one household each)
                  --workers=5000         wage records on the payday (one household each)
                  --villages=100         villages of county 621222 the households live in
                  --service-jvm="-Xms512m -Xmx1g"   JVM options of each service
                  --registry-jar=services/household-registry/target/household-registry-0.1.0-SNAPSHOT.jar
                  --supply-jar=services/supply-platform/target/supply-platform-0.1.0-SNAPSHOT.jar
                  --timeout=900          seconds a run's ledger entries may take before the benchmark gives up
                  --seed=20261205        seed of the generated households
                  --keep-logs=false      keep the run directory (logs, generated files; kept anyway when the run fails)
                """;

        private static final Set<String> KNOWN = Set.of("shareholders", "workers", "villages", "service-jvm", "registry-jar", "supply-jar",
                "timeout", "seed", "keep-logs");

        static Settings parse(String[] args) {
            Map<String, String> options = CommandLine.options(args, KNOWN);
            try {
                Settings settings = new Settings(Integer.parseInt(options.getOrDefault("shareholders", "10000")),
                        Integer.parseInt(options.getOrDefault("workers", "5000")), Integer.parseInt(options.getOrDefault("villages", "100")),
                        options.getOrDefault("service-jvm", "-Xms512m -Xmx1g"),
                        Path.of(options.getOrDefault("registry-jar", "services/household-registry/target/household-registry-0.1.0-SNAPSHOT.jar")),
                        Path.of(options.getOrDefault("supply-jar", "services/supply-platform/target/supply-platform-0.1.0-SNAPSHOT.jar")),
                        CommandLine.seconds(options.get("timeout"), 900), Long.parseLong(options.getOrDefault("seed", "20261205")),
                        Boolean.parseBoolean(options.getOrDefault("keep-logs", "false")));
                if (settings.shareholders < 1 || settings.workers < 1 || settings.villages < 1 || settings.villages > 17_000) {
                    throw new CommandLine.Usage("Out-of-range option in " + options);
                }
                return settings;
            } catch (NumberFormatException e) {
                throw new CommandLine.Usage("Not a number: " + e.getMessage());
            }
        }
    }

    /** One run: its request, its entries and the baseline of the same number of rows. */
    record Result(String what, int entries, double requestSeconds, double lastEntrySeconds, double baselineSeconds) {

        double eventsPerSecond() {
            return entries / lastEntrySeconds;
        }

        String row() {
            return String.format(Locale.ROOT, "| %s | %,d | %.2f | %.2f | %,.0f | %.3f | %.0f× |", what, entries, requestSeconds, lastEntrySeconds,
                    eventsPerSecond(), baselineSeconds, lastEntrySeconds / baselineSeconds);
        }
    }

    private final Settings settings;
    private final BenchRun run;
    private final JsonMapper json = JsonMapper.builder().build();
    private PostgresServer postgres;
    private KeycloakServer keycloak;

    private SupplyBenchmark(Settings settings) {
        this.settings = settings;
        this.run = new BenchRun("supply-bench", settings.keepLogs());
    }

    public static void main(String[] args) {
        Settings settings = CommandLine.parseOrExit(args, Settings::parse, Settings.USAGE);
        try (SupplyBenchmark bench = new SupplyBenchmark(settings)) {
            Runtime.getRuntime().addShutdownHook(new Thread(bench::close));
            try {
                bench.run();
            } catch (RuntimeException | Error e) {
                bench.run.failed();
                throw e;
            }
        }
    }

    private void run() {
        BuildRepository.useTheBuilds(SupplyBenchmark.class, "/bench-build.properties");
        Path registryJar = ServiceInstance.copyJar(settings.registryJar(), run.directory(), "household-registry.jar");
        Path supplyJar = ServiceInstance.copyJar(settings.supplyJar(), run.directory(), "supply-platform.jar");
        String startLoad = Machine.loadAverage();
        String startedAt = Machine.startedAt();

        log.info("Starting PostgreSQL, Kafka and Keycloak");
        postgres = run.track(PostgresServer.start());
        KafkaBroker kafka = run.track(KafkaBroker.start());
        keycloak = run.track(KeycloakServer.start(List.of(BenchData.realmWithCountyAdmin(COUNTY, ADMIN, PASSWORD))));
        String issuer = keycloak.issuer(PlatformRealm.NAME);
        PostgresServer.Database registryDb = postgres.database("household_registry");
        PostgresServer.Database supplyDb = postgres.database("supply_platform");
        List<String> jvm = List.of(settings.serviceJvm().trim().split("\\s+"));
        ServiceInstance registry = run.track(ServiceInstance.start("household-registry", registryJar, jvm, List.of(), registryDb,
                kafka.bootstrapServers(), issuer, run.directory(), Map.of("PII_ACTIVE_KEY_ID", "k1", "PII_ACTIVE_KEY", ServiceInstance.randomKey(),
                        "PII_LOOKUP_KEY", ServiceInstance.randomKey())));
        ServiceInstance supply = run.track(ServiceInstance.start("supply-platform", supplyJar, jvm, List.of(), supplyDb, kafka.bootstrapServers(),
                issuer, run.directory(), Map.of()));
        String token = keycloak.passwordGrant(PlatformRealm.NAME, PlatformRealm.CLI_CLIENT, ADMIN, PASSWORD);

        List<String> villages = new ArrayList<>();
        for (int v = 0; v < settings.villages(); v++) {
            villages.add(CountyCodes.village(COUNTY, v));
        }
        try (CountyEvents events = new CountyEvents(kafka.bootstrapServers())) {
            events.countyJoined(COUNTY, "文县", CountyCodes.townships(villages.size()), villages.size());
            for (int v = 0; v < villages.size(); v++) {
                events.villageRegistered(COUNTY, villages.get(v), CountyCodes.township(COUNTY, v), "村" + v);
            }
            events.flush();
        }
        BenchData.awaitCount(postgres, registryDb.name(), "select count(*) from village where county_code = '" + COUNTY + "'", villages.size(),
                "villages in the registry", settings.timeout());
        BenchData.awaitCount(postgres, supplyDb.name(), "select count(*) from village where county_code = '" + COUNTY + "'", villages.size(),
                "villages in the supply platform", settings.timeout());

        int households = Math.max(settings.shareholders(), settings.workers());
        log.info("Importing {} households into the registry", households);
        HouseholdFile.Written file = HouseholdFile.write(COUNTY, villages, households, settings.seed(), run.directory());
        BenchData.importHouseholds(registry, token, COUNTY, file, settings.timeout());
        BenchData.awaitCount(postgres, supplyDb.name(), "select count(*) from household where county_code = '" + COUNTY + "'", households,
                "households in the supply platform's copy", settings.timeout());
        List<UUID> ids = ids(supplyDb);

        String cooperative = post(supply, "/counties/" + COUNTY + "/organisations", token, Map.of("kind", "COOPERATIVE", "name", "基准测试合作社",
                "legalId", "93621222MA74XB2K1B", "contactName", "理事长")).path("id").asString();
        String workshop = post(supply, "/counties/" + COUNTY + "/workshops", token, Map.of("organisation", cooperative, "name", "基准测试车间",
                "village", villages.get(0))).path("id").asString();
        LocalDate today = LocalDate.now(CHINA);
        setUpStakesAndWages(supplyDb, cooperative, workshop, ids, today);

        double baselineDividend = baseline(registryDb, ids.subList(0, settings.shareholders()));
        Result dividend = measure("Dividend run (" + String.format(Locale.ROOT, "%,d", settings.shareholders()) + " shareholdings)", registryDb,
                "supply:dividend:", settings.shareholders(), baselineDividend,
                () -> post(supply, "/counties/" + COUNTY + "/organisations/" + cooperative + "/dividends", token,
                        Map.of("year", today.getYear(), "paidOn", today.toString(), "rateBasisPoints", 1000)).path("id").asString());
        double baselinePayday = baseline(registryDb, ids.subList(0, settings.workers()));
        Result payday = measure("Payday (" + String.format(Locale.ROOT, "%,d", settings.workers()) + " wage records)", registryDb,
                "supply:payday:", settings.workers(), baselinePayday,
                () -> post(supply, "/counties/" + COUNTY + "/workshops/" + workshop + "/paydays", token,
                        Map.of("paidOn", today.toString())).path("id").asString());

        System.out.println(report(startedAt, startLoad, List.of(dividend, payday)));
    }

    /** Shareholdings and wage records go in by SQL (setting up is not what is measured), one household each. */
    private void setUpStakesAndWages(PostgresServer.Database supplyDb, String cooperative, String workshop, List<UUID> ids, LocalDate today) {
        try (Connection superuser = postgres.connect(supplyDb.name())) {
            superuser.setAutoCommit(false);
            try (PreparedStatement stake = superuser.prepareStatement("""
                    insert into shareholding (county_code, id, organisation_id, household_id, kind, amount_fen, invested_on, terms, recorded_by, recorded_at)
                    values (?, ?, ?, ?, 'FUND', 5000000, ?, '', 'bench', now())""")) {
                for (UUID household : ids.subList(0, settings.shareholders())) {
                    stake.setString(1, COUNTY);
                    stake.setObject(2, UUID.randomUUID());
                    stake.setObject(3, UUID.fromString(cooperative));
                    stake.setObject(4, household);
                    stake.setObject(5, today.minusYears(1));
                    stake.addBatch();
                }
                stake.executeBatch();
            }
            try (PreparedStatement wage = superuser.prepareStatement("""
                    insert into wage_record (county_code, id, workshop_id, household_id, worker, worked_on, basis, task, amount_fen, below_minimum,
                                             recorded_by, recorded_at)
                    values (?, ?, ?, ?, ?, ?, 'DAY', '分拣', 12000, false, 'bench', now())""")) {
                for (int w = 0; w < settings.workers(); w++) {
                    wage.setString(1, COUNTY);
                    wage.setObject(2, UUID.randomUUID());
                    wage.setObject(3, UUID.fromString(workshop));
                    wage.setObject(4, ids.get(w));
                    wage.setString(5, "W-" + w);
                    wage.setObject(6, today.minusDays(1));
                    wage.addBatch();
                }
                wage.executeBatch();
            }
            superuser.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("Setting up the stakes and wages failed: " + e.getMessage(), e);
        }
    }

    /**
     * Times the request, then waits for its ledger entries in the registry: the last one's recorded_at (the database's
     * clock, the same machine's) against the moment the request was sent.
     */
    private Result measure(String what, PostgresServer.Database registryDb, String originPrefix, int expected, double baseline,
                           java.util.function.Supplier<String> request) {
        log.info("{}: sending the request", what);
        Instant sent = Instant.now();
        long start = System.nanoTime();
        String id = request.get();
        double requestSeconds = (System.nanoTime() - start) / 1e9;
        String prefix = originPrefix + id + ":";
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        while (true) {
            try (Connection superuser = postgres.connect(registryDb.name());
                 PreparedStatement count = superuser.prepareStatement(
                         "select count(*), max(recorded_at) from income_entry where county_code = ? and origin like ?")) {
                count.setString(1, COUNTY);
                count.setString(2, prefix + "%");
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    int entries = rows.getInt(1);
                    if (entries >= expected) {
                        Instant last = rows.getObject(2, OffsetDateTime.class).toInstant();
                        Result result = new Result(what, entries, requestSeconds, Duration.between(sent, last).toNanos() / 1e9, baseline);
                        log.info("{}: {} entries, the last {} s after the request", what, entries, String.format(Locale.ROOT, "%.2f",
                                result.lastEntrySeconds()));
                        return result;
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(what + ": only " + entries + " of " + expected + " ledger entries after " + settings.timeout());
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            pause(100);
        }
    }

    /** The same number of ledger rows written by one INSERT … SELECT in the registry's database, rolled back. */
    private double baseline(PostgresServer.Database registryDb, List<UUID> households) {
        try (Connection superuser = postgres.connect(registryDb.name())) {
            superuser.setAutoCommit(false);
            long best = Long.MAX_VALUE;
            for (int round = 0; round < 3; round++) {
                try (PreparedStatement insert = superuser.prepareStatement("""
                        insert into income_entry (county_code, id, household_id, month, source, amount_fen, origin, revision, recorded_by)
                        select county_code, gen_random_uuid(), id, date_trunc('month', current_date)::date, 'DIVIDEND', 500000,
                               'baseline:' || id, 1, 'bench'
                          from household where county_code = ? and id = any(?)""")) {
                    insert.setString(1, COUNTY);
                    insert.setArray(2, superuser.createArrayOf("uuid", households.toArray()));
                    long start = System.nanoTime();
                    insert.executeUpdate();
                    superuser.commit();
                    best = Math.min(best, System.nanoTime() - start);
                }
                try (Statement delete = superuser.createStatement()) {
                    delete.executeUpdate("delete from income_entry where origin like 'baseline:%'");
                    superuser.commit();
                }
            }
            return best / 1e9;
        } catch (SQLException e) {
            throw new IllegalStateException("The baseline failed: " + e.getMessage(), e);
        }
    }

    private String report(String startedAt, String startLoad, List<Result> results) {
        StringBuilder out = new StringBuilder("\n## Supply platform benchmark, ").append(startedAt).append("\n\n");
        out.append(String.format(Locale.ROOT, "Machine: %d CPUs, %d GiB memory, load average %s at start, %s at end. Each service's JVM: %s. "
                        + "PostgreSQL, Kafka and Keycloak on the same machine.%n%n", Runtime.getRuntime().availableProcessors(), Machine.memoryGiB(),
                startLoad, Machine.loadAverage(), settings.serviceJvm()));
        out.append("| run | ledger entries | request (s) | last entry after the request (s) | events/s end to end | baseline: one INSERT … SELECT (s) | ratio |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|\n");
        results.forEach(result -> out.append(result.row()).append('\n'));
        return out.toString();
    }

    private JsonNode post(ServiceInstance service, String path, String token, Object body) {
        try {
            HttpResponse<String> response = service.http().send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                    .timeout(Duration.ofMinutes(10)).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + " " + response.body());
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<UUID> ids(PostgresServer.Database supplyDb) {
        List<UUID> ids = new ArrayList<>();
        try (Connection superuser = postgres.connect(supplyDb.name()); Statement statement = superuser.createStatement();
             ResultSet rows = statement.executeQuery("select id from household where county_code = '" + COUNTY + "' order by id")) {
            while (rows.next()) {
                ids.add(rows.getObject(1, UUID.class));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() {
        run.close();
    }
}
