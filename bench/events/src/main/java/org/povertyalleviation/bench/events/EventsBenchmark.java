package org.povertyalleviation.bench.events;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.postgresql.PGConnection;
import org.povertyalleviation.bench.BenchRun;
import org.povertyalleviation.bench.CommandLine;
import org.povertyalleviation.bench.CountyCodes;
import org.povertyalleviation.bench.Machine;
import org.povertyalleviation.bench.ServiceInstance;
import org.povertyalleviation.platform.infra.BuildRepository;
import org.povertyalleviation.platform.infra.KafkaBroker;
import org.povertyalleviation.platform.infra.PostgresServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event pipeline at a sustained rate (issue 23, P4): events committed into the household registry's outbox, its
 * relay, Kafka, and shop management's idempotent household copy writing to its own database, each service a JVM of
 * its own from its packaged jar. Beside it, in the same run and on the same broker, Kafka's own
 * {@code ProducerPerformance} with the same record size and acks=all: the bus's limit on this machine.
 *
 * <p>The producer's commits are made by the benchmark: it inserts household.updated.v1 rows into the registry's
 * {@code outbox_event} at a fixed rate (open loop, a statement every 100 ms), as the registry's own transactions would
 * append them; what is measured is everything after the commit. Latency per event: the consumer's
 * {@code processed_event.processed_at} (its transaction's start; the commit follows within the batch's few
 * milliseconds) minus the outbox row's {@code created_at} (the producer's commit), both on PostgreSQL's clock. Then a
 * burst of events committed at once shows the pipeline's own ceiling. Checks: every event applied exactly once, and
 * each household's copy holds its last event's status (order per aggregate). See bench/events/README.md.
 */
public final class EventsBenchmark implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventsBenchmark.class);

    static final String COUNTY = "621222";
    static final String[] STATUSES = {"REGISTERED", "MONITORED", "LIFTED", "RETURNED"};
    static final Pattern TOOL_RESULT = Pattern.compile("([\\d]+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, "
            + "([\\d.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th");

    record Settings(int rate, Duration duration, int households, int burst, int toolRecords, int concurrency, String serviceJvm, Path registryJar, Path shopJar,
                    Duration timeout, boolean keepLogs) {

        static final String USAGE = """
                usage: bench/events/run.sh [--option=value ...]
                  --rate=5000            events committed per second during the sustained run
                  --duration=300         seconds of the sustained run
                  --households=100000    households the events are about (each event one household's update)
                  --burst=200000         events committed at once after the sustained run (0: none)
                  --tool-records=1000000 records Kafka's ProducerPerformance sends
                  --consumer-concurrency=3  consumer threads of the household copy (the platform's default; household.events has 3 partitions)
                  --service-jvm="-Xms512m -Xmx1g"   JVM options of each service
                  --registry-jar=services/household-registry/target/household-registry-0.1.0-SNAPSHOT.jar
                  --shop-jar=services/shop-management/target/shop-management-0.1.0-SNAPSHOT.jar
                  --timeout=600          seconds the consumer may take to catch up after a run
                  --keep-logs=false      keep the run directory (logs; kept anyway when the run fails)
                """;

        private static final Set<String> KNOWN = Set.of("rate", "duration", "households", "burst", "tool-records", "consumer-concurrency", "service-jvm", "registry-jar",
                "shop-jar", "timeout", "keep-logs");

        static Settings parse(String[] args) {
            Map<String, String> options = CommandLine.options(args, KNOWN);
            try {
                Settings settings = new Settings(Integer.parseInt(options.getOrDefault("rate", "5000")), CommandLine.seconds(options.get("duration"), 300),
                        Integer.parseInt(options.getOrDefault("households", "100000")), Integer.parseInt(options.getOrDefault("burst", "200000")),
                        Integer.parseInt(options.getOrDefault("tool-records", "1000000")),
                        Integer.parseInt(options.getOrDefault("consumer-concurrency", "3")), options.getOrDefault("service-jvm", "-Xms512m -Xmx1g"),
                        Path.of(options.getOrDefault("registry-jar", "services/household-registry/target/household-registry-0.1.0-SNAPSHOT.jar")),
                        Path.of(options.getOrDefault("shop-jar", "services/shop-management/target/shop-management-0.1.0-SNAPSHOT.jar")),
                        CommandLine.seconds(options.get("timeout"), 600), Boolean.parseBoolean(options.getOrDefault("keep-logs", "false")));
                if (settings.rate < 10 || settings.households < 1 || settings.burst < 0 || settings.toolRecords < 1000 || settings.concurrency < 1) {
                    throw new CommandLine.Usage("Out-of-range option in " + options);
                }
                return settings;
            } catch (NumberFormatException e) {
                throw new CommandLine.Usage("Not a number: " + e.getMessage());
            }
        }
    }

    /** Kafka's ProducerPerformance result line. */
    record ToolResult(long records, double recordsPerSecond, double megabytesPerSecond, double averageMs, double maxMs, long p50, long p95, long p99) {
    }

    /** A phase's events: how many, the pipeline's rate over them, their latencies. */
    record Phase(String what, long events, double seconds, double p50, double p99, double max, double relayP50, double relayP99, List<String> perMinute) {

        double rate() {
            return events / seconds;
        }
    }

    private final Settings settings;
    private final BenchRun run;
    private final Random random = new Random(20261205);
    private final String[] lastStatus;
    private final UUID[] households;
    private PostgresServer postgres;

    private EventsBenchmark(Settings settings) {
        this.settings = settings;
        this.run = new BenchRun("events-bench", settings.keepLogs());
        this.lastStatus = new String[settings.households()];
        this.households = new UUID[settings.households()];
        for (int i = 0; i < households.length; i++) {
            households[i] = new UUID(0x6212_2200_0000_4000L, 0x8000_0000_0000_0000L | i);
        }
    }

    public static void main(String[] args) {
        Settings settings = CommandLine.parseOrExit(args, Settings::parse, Settings.USAGE);
        EventsBenchmark bench = new EventsBenchmark(settings);
        bench.run.runAndExit("events benchmark", bench::run, bench::close);
    }

    private void run() {
        BuildRepository.useTheBuilds(EventsBenchmark.class, "/bench-build.properties");
        Path registryJar = ServiceInstance.copyJar(settings.registryJar(), run.directory(), "household-registry.jar");
        Path shopJar = ServiceInstance.copyJar(settings.shopJar(), run.directory(), "shop-management.jar");
        String startLoad = Machine.loadAverage();
        String startedAt = Machine.startedAt();

        log.info("Starting PostgreSQL and Kafka");
        postgres = run.track(PostgresServer.start());
        KafkaBroker kafka = run.track(KafkaBroker.start());

        int recordSize = envelope(UUID.randomUUID(), 0, "REGISTERED").getBytes(StandardCharsets.UTF_8).length;
        ToolResult tool = producerPerformance(kafka, recordSize);

        PostgresServer.Database registryDb = postgres.database("household_registry");
        PostgresServer.Database shopDb = postgres.database("shop_management");
        List<String> jvm = List.of(settings.serviceJvm().trim().split("\\s+"));
        // No Keycloak: nothing here calls an API; the issuer is only read when a token arrives.
        String issuer = "http://127.0.0.1:9/realms/poverty-platform";
        run.track(ServiceInstance.start("household-registry", registryJar, jvm, List.of(), registryDb, kafka.bootstrapServers(), issuer,
                run.directory(), Map.of("PII_ACTIVE_KEY_ID", "k1", "PII_ACTIVE_KEY", ServiceInstance.randomKey(), "PII_LOOKUP_KEY", ServiceInstance.randomKey())));
        run.track(ServiceInstance.start("shop-management", shopJar, jvm,
                List.of("--spring.cloud.stream.bindings.householdChanged-in-0.consumer.concurrency=" + settings.concurrency()), shopDb, kafka.bootstrapServers(), issuer, run.directory(), Map.of()));

        try (Connection registry = postgres.connect(registryDb.name()); Connection shop = postgres.connect(shopDb.name())) {
            log.info("Warming up: every household registered once ({} events)", settings.households());
            long warmUp = commitAtOnce(registry, settings.households(), true);
            awaitConsumed(shop, warmUp, "warm-up");

            Instant sustainedStart = databaseNow(registry);
            long sustained = sustainedRun(registry, shop);
            long consumedBefore = awaitConsumed(shop, warmUp + sustained, "sustained run");
            Instant burstStart = databaseNow(registry);
            long burst = 0;
            if (settings.burst() > 0) {
                log.info("Burst: {} events committed at once", settings.burst());
                burst = commitAtOnce(registry, settings.burst(), false);
                awaitConsumed(shop, consumedBefore + burst, "burst");
            }

            copyConsumed(shop, registry);
            Phase sustainedPhase = phase(registry, "Sustained " + settings.rate() + "/s for " + settings.duration().toSeconds() + " s", sustainedStart,
                    burstStart, sustained);
            Phase burstPhase = burst == 0 ? null : phase(registry, "Burst of " + burst + " committed at once", burstStart, null, burst);
            long mismatched = mismatchedCopies(shop);
            long processedTwice = processedTwice(shop);
            System.out.println(report(startedAt, startLoad, tool, recordSize, sustainedPhase, burstPhase, mismatched, processedTwice));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** ProducerPerformance as its own JVM on this classpath, against the run's broker, before the services start. */
    private ToolResult producerPerformance(KafkaBroker kafka, int recordSize) {
        log.info("Kafka's ProducerPerformance: {} records of {} bytes, acks=all", settings.toolRecords(), recordSize);
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-cp",
                System.getProperty("java.class.path"), "org.apache.kafka.tools.ProducerPerformance", "--topic", "bench.producer-performance",
                "--num-records", Integer.toString(settings.toolRecords()), "--record-size", Integer.toString(recordSize), "--throughput", "-1",
                "--producer-props", "bootstrap.servers=" + kafka.bootstrapServers(), "acks=all", "enable.idempotence=true", "linger.ms=5");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String last = null;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (TOOL_RESULT.matcher(line).find()) {
                        last = line;
                    }
                }
            }
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0 || last == null) {
                throw new IllegalStateException("ProducerPerformance failed (exit " + (process.isAlive() ? "none" : process.exitValue()) + ")");
            }
            Matcher m = TOOL_RESULT.matcher(last);
            m.find();
            ToolResult result = new ToolResult(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)),
                    Double.parseDouble(m.group(4)), Double.parseDouble(m.group(5)), Long.parseLong(m.group(6)), Long.parseLong(m.group(7)),
                    Long.parseLong(m.group(8)));
            log.info("ProducerPerformance: {}", last);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Commits {@code rate / 10} events every 100 ms for the duration; returns how many. */
    private long sustainedRun(Connection registry, Connection shop) {
        int perTick = Math.max(1, settings.rate() / 10);
        long ticks = settings.duration().toMillis() / 100;
        AtomicLong committed = new AtomicLong();
        AtomicLong tick = new AtomicLong();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        log.info("Sustained run: {} events every 100 ms for {} s", perTick, settings.duration().toSeconds());
        ScheduledExecutorService generator = Executors.newSingleThreadScheduledExecutor();
        generator.scheduleAtFixedRate(() -> {
            if (tick.getAndIncrement() >= ticks || failure.get() != null) {
                return;
            }
            try {
                committed.addAndGet(insertRandom(registry, perTick));
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
        try {
            long next = System.nanoTime();
            while (tick.get() < ticks && failure.get() == null) {
                next += TimeUnit.SECONDS.toNanos(10);
                Machine.pause(Duration.ofNanos(Math.max(0, next - System.nanoTime())));
                log.info("  committed {}, applied by the consumer {}", committed.get(), consumed(shop));
            }
        } finally {
            generator.shutdown();
            try {
                generator.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return committed.get();
    }

    /** Commits {@code count} events in statements of 10,000; {@code registering} gives each household one, in order. */
    private long commitAtOnce(Connection registry, int count, boolean registering) {
        long done = 0;
        int next = 0;
        while (done < count) {
            int size = (int) Math.min(10_000, count - done);
            done += registering ? insertRegistrations(registry, next, size) : insertRandom(registry, size);
            next += size;
        }
        return done;
    }

    private long insertRegistrations(Connection registry, int from, int size) {
        List<Integer> indexes = new ArrayList<>(size);
        for (int i = from; i < from + size; i++) {
            indexes.add(i);
        }
        return insertEvents(registry, indexes);
    }

    private long insertRandom(Connection registry, int size) {
        List<Integer> indexes = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            indexes.add(random.nextInt(households.length));
        }
        return insertEvents(registry, indexes);
    }

    /** One statement, one commit: the outbox rows of household.updated.v1 events, as the registry appends them. */
    private synchronized long insertEvents(Connection registry, List<Integer> indexes) {
        int size = indexes.size();
        UUID[] ids = new UUID[size];
        String[] aggregates = new String[size];
        String[] envelopes = new String[size];
        for (int i = 0; i < size; i++) {
            int household = indexes.get(i);
            String status = lastStatus[household] == null ? "REGISTERED" : STATUSES[random.nextInt(STATUSES.length)];
            lastStatus[household] = status;
            ids[i] = UUID.randomUUID();
            aggregates[i] = households[household].toString();
            envelopes[i] = envelope(ids[i], household, status);
        }
        try (PreparedStatement insert = registry.prepareStatement("""
                insert into outbox_event (event_id, county_code, aggregate_id, event_type, topic, envelope)
                select e.id, ?, e.aggregate, 'household.updated.v1', 'household.events', e.envelope
                  from unnest(?::uuid[], ?::text[], ?::text[]) with ordinality as e(id, aggregate, envelope, n)
                 order by e.n""")) {
            Array idArray = registry.createArrayOf("uuid", ids);
            insert.setString(1, COUNTY);
            insert.setArray(2, idArray);
            insert.setArray(3, registry.createArrayOf("text", aggregates));
            insert.setArray(4, registry.createArrayOf("text", envelopes));
            return insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Committing outbox rows failed: " + e.getMessage(), e);
        }
    }

    /** A household.updated.v1 envelope as the registry writes it (docs/events/household.updated.v1.example.json). */
    private String envelope(UUID id, int household, String status) {
        String subject = households[household].toString();
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/services/household-registry\",\"type\":\"household.updated.v1\","
                + "\"subject\":\"" + subject + "\",\"time\":\"" + Instant.now() + "\",\"datacontenttype\":\"application/json\",\"county\":\"" + COUNTY
                + "\",\"data\":{\"county\":\"" + COUNTY + "\",\"household\":\"" + subject + "\",\"fileNumber\":\"" + COUNTY + "-" + household
                + "\",\"village\":\"" + CountyCodes.village(COUNTY, household % 200) + "\",\"registrationYear\":2014,\"status\":\"" + status
                + "\",\"members\":4,\"causes\":[\"ILLNESS\",\"LACK_OF_FUNDS\"],\"primaryCause\":\"ILLNESS\"}}";
    }

    private long awaitConsumed(Connection shop, long expected, String what) {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        long consumed = consumed(shop);
        while (consumed < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + ": only " + consumed + " of " + expected + " events applied after " + settings.timeout());
            }
            Machine.pause(Duration.ofMillis(500));
            consumed = consumed(shop);
        }
        log.info("{}: all {} events applied", what, consumed);
        return consumed;
    }

    private static long consumed(Connection shop) {
        return single(shop, "select count(*) from processed_event where consumer = 'household-copy'");
    }

    /** The consumer's (event id, processed at) into the registry's database, to join with the outbox rows there. */
    private void copyConsumed(Connection shop, Connection registry) {
        Path file = run.directory().resolve("consumed.tsv");
        try {
            try (OutputStream out = Files.newOutputStream(file)) {
                shop.unwrap(PGConnection.class).getCopyAPI().copyOut(
                        "copy (select event_id, processed_at from processed_event where consumer = 'household-copy') to stdout", out);
            }
            try (Statement statement = registry.createStatement()) {
                statement.execute("create table bench_consumed (event_id uuid primary key, processed_at timestamptz not null)");
            }
            try (var in = Files.newInputStream(file)) {
                registry.unwrap(PGConnection.class).getCopyAPI().copyIn("copy bench_consumed from stdin", in);
            }
            try (Statement statement = registry.createStatement()) {
                statement.execute("analyze bench_consumed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Latencies of the events committed from {@code from} to {@code to} (null: to the end), overall and per minute. */
    private Phase phase(Connection registry, String what, Instant from, Instant to, long expected) throws SQLException {
        String window = "o.created_at >= ?" + (to == null ? "" : " and o.created_at < ?");
        String latency = "extract(epoch from c.processed_at - o.created_at)";
        // The relay's share: until the row was marked sent, after Kafka's acknowledgement.
        String relay = "extract(epoch from o.sent_at - o.created_at)";
        try (PreparedStatement overall = registry.prepareStatement("select count(*), extract(epoch from max(c.processed_at) - min(o.created_at)),"
                + " percentile_cont(0.5) within group (order by " + latency + "), percentile_cont(0.99) within group (order by " + latency + "), max("
                + latency + "), percentile_cont(0.5) within group (order by " + relay + "), percentile_cont(0.99) within group (order by " + relay + ")"
                + " from outbox_event o join bench_consumed c using (event_id) where " + window);
             PreparedStatement minutes = registry.prepareStatement("select floor(extract(epoch from o.created_at - ?) / 60)::int as minute, count(*),"
                     + " percentile_cont(0.99) within group (order by " + latency + "), max(" + latency + ")"
                     + " from outbox_event o join bench_consumed c using (event_id) where " + window + " group by 1 order by 1")) {
            bind(overall, 1, from, to);
            minutes.setObject(1, java.time.OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC));
            bind(minutes, 2, from, to);
            long events;
            double seconds;
            double p50;
            double p99;
            double max;
            double relayP50;
            double relayP99;
            try (ResultSet rows = overall.executeQuery()) {
                rows.next();
                events = rows.getLong(1);
                seconds = rows.getDouble(2);
                p50 = rows.getDouble(3);
                p99 = rows.getDouble(4);
                max = rows.getDouble(5);
                relayP50 = rows.getDouble(6);
                relayP99 = rows.getDouble(7);
            }
            if (events != expected) {
                throw new IllegalStateException(what + ": " + events + " of " + expected + " committed events were applied");
            }
            List<String> perMinute = new ArrayList<>();
            try (ResultSet rows = minutes.executeQuery()) {
                while (rows.next()) {
                    perMinute.add(String.format(Locale.ROOT, "minute %d: %,d events, p99 %.3f s, max %.3f s", rows.getInt(1) + 1, rows.getLong(2),
                            rows.getDouble(3), rows.getDouble(4)));
                }
            }
            return new Phase(what, events, seconds, p50, p99, max, relayP50, relayP99, perMinute);
        }
    }

    private static void bind(PreparedStatement statement, int first, Instant from, Instant to) throws SQLException {
        statement.setObject(first, java.time.OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC));
        if (to != null) {
            statement.setObject(first + 1, java.time.OffsetDateTime.ofInstant(to, java.time.ZoneOffset.UTC));
        }
    }

    /** Households whose copy does not hold their last event's status: an event applied out of order, or lost. */
    private long mismatchedCopies(Connection shop) throws SQLException {
        long mismatched = 0;
        try (Statement statement = shop.createStatement();
             ResultSet rows = statement.executeQuery("select id, status from household where county_code = '" + COUNTY + "'")) {
            int seen = 0;
            while (rows.next()) {
                UUID id = rows.getObject(1, UUID.class);
                int index = (int) (id.getLeastSignificantBits() & 0xFFFF_FFFFL);
                seen++;
                if (index >= lastStatus.length || !rows.getString(2).equals(lastStatus[index])) {
                    mismatched++;
                }
            }
            mismatched += households.length - seen;
        }
        return mismatched;
    }

    /** Events with more than one processed row: impossible by the primary key, counted so the report says so. */
    private static long processedTwice(Connection shop) {
        return single(shop, "select count(*) from (select event_id from processed_event where consumer = 'household-copy'"
                + " group by event_id having count(*) > 1) twice");
    }

    private static Instant databaseNow(Connection connection) {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("select clock_timestamp()")) {
            rows.next();
            return rows.getObject(1, java.time.OffsetDateTime.class).toInstant();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long single(Connection connection, String sql) {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String report(String startedAt, String startLoad, ToolResult tool, int recordSize, Phase sustained, Phase burst, long mismatched,
                          long processedTwice) {
        StringBuilder out = new StringBuilder("\n## Event pipeline benchmark, ").append(startedAt).append("\n\n");
        out.append(String.format(Locale.ROOT, "Machine: %d CPUs, %d GiB memory, load average %s at start, %s at end. Each service's JVM: %s. "
                        + "PostgreSQL and Kafka (one broker) on the same machine; records of %d bytes; the household copy's consumer threads: %d.%n%n",
                Runtime.getRuntime().availableProcessors(), Machine.memoryGiB(), startLoad, Machine.loadAverage(), settings.serviceJvm(), recordSize,
                settings.concurrency()));
        out.append("| run | events | events/s | p50 (s) | p99 (s) | max (s) | events/s ÷ Kafka tool's |\n|---|---:|---:|---:|---:|---:|---:|\n");
        out.append(String.format(Locale.ROOT, "| Kafka ProducerPerformance, acks=all (the bus's limit) | %,d | %,.0f | %.3f | %.3f | %.3f | 1.00 |%n",
                tool.records(), tool.recordsPerSecond(), tool.p50() / 1000.0, tool.p99() / 1000.0, tool.maxMs() / 1000.0));
        for (Phase phase : burst == null ? List.of(sustained) : List.of(sustained, burst)) {
            out.append(String.format(Locale.ROOT, "| %s: outbox → relay → Kafka → household copy | %,d | %,.0f | %.3f | %.3f | %.3f | %.3f |%n",
                    phase.what(), phase.events(), phase.rate(), phase.p50(), phase.p99(), phase.max(), phase.rate() / tool.recordsPerSecond()));
        }
        for (Phase phase : burst == null ? List.of(sustained) : List.of(sustained, burst)) {
            out.append(String.format(Locale.ROOT, "%n%s: the relay's share (commit to marked sent, after Kafka's acknowledgement) p50 %.3f s, p99 %.3f s.",
                    phase.what(), phase.relayP50(), phase.relayP99()));
        }
        out.append("\n\nPer minute of the sustained run (from the producer's commit to the consumer's transaction):\n\n");
        sustained.perMinute().forEach(line -> out.append("- ").append(line).append('\n'));
        out.append(String.format(Locale.ROOT, "%nEvery event applied once: %s (events processed twice: %d). Copies holding their household's last "
                + "status: %s (%d of %,d differ).%n", processedTwice == 0 ? "yes" : "NO", processedTwice, mismatched == 0 ? "all" : "NOT all",
                mismatched, households.length));
        out.append(String.format(Locale.ROOT, "Target (issue 23): ≥ 5,000 events/s sustained for 5 minutes with p99 ≤ 1 s: %s.%n",
                sustained.rate() >= 5000 * 0.99 && sustained.p99() <= 1.0 && settings.rate() >= 5000 && settings.duration().toSeconds() >= 300
                        ? "met" : "NOT met"));
        return out.toString();
    }

    @Override
    public synchronized void close() {
        run.close();
    }
}
