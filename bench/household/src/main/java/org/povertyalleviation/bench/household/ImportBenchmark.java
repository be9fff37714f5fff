package org.povertyalleviation.bench.household;

import org.povertyalleviation.bench.CountyCodes;
import org.povertyalleviation.bench.HouseholdFile;
import org.povertyalleviation.bench.CountyEvents;
import org.povertyalleviation.bench.Sampler;
import org.povertyalleviation.bench.ServiceInstance;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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

import org.postgresql.PGConnection;
import org.povertyalleviation.platform.infra.PostgresServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Benchmark 1: a county's household file through the service's bulk import, against PostgreSQL's COPY of the same
 * households and members into the same tables of a freshly migrated database.
 *
 * <p>The service gets the file the way a clerk's browser sends it (multipart {@code file} to
 * {@code POST /counties/621222/imports}, 202 with the job), and the time runs from the start of the upload until
 * {@code GET /counties/621222/imports/{id}} first shows the job ended. The baseline COPYs the rows the import stores
 * (household, then member), as the database's owner with {@code app.county} set (row-level security applies to the
 * owner too), with the personal data's ciphertexts and hashes as random bytes of the service's sizes.
 */
final class ImportBenchmark {

    private static final Logger log = LoggerFactory.getLogger(ImportBenchmark.class);

    static final double TARGET_RATIO = 0.5;
    static final double TARGET_SECONDS = 60;

    private final HouseholdBenchmark bench;
    private final BenchSettings settings;

    ImportBenchmark(HouseholdBenchmark bench) {
        this.bench = bench;
        this.settings = bench.settings;
    }

    record Result(HouseholdFile.Written file, int villages, double uploadSeconds, double importSeconds, double serverSeconds,
                  JsonNode job, String importSamples, long outboxEvents, long outboxPendingAtEnd, double outboxDrainSeconds,
                  boolean outboxDrained, Copies copies) {

        double copySeconds() {
            return copies.household() + copies.member();
        }

        double importRowsPerSecond() {
            return file.rows() / importSeconds;
        }

        double copyRowsPerSecond() {
            return file.rows() / copySeconds();
        }

        double ratio() {
            return importRowsPerSecond() / copyRowsPerSecond();
        }

        String report() {
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "### Import: %,d households (%,d rows, one per person; %.1f MB CSV) of county %s in "
                            + "%d villages%n%n", file.households(), file.rows(), file.csvBytes() / 1e6, HouseholdBenchmark.COUNTY, villages));
            out.append("| target | time s | rows/s | households/s |\n|---|---:|---:|---:|\n");
            out.append(String.format(Locale.ROOT, "| import (service: upload, check, seal, write, events) | %.1f | %,.0f | %,.0f |%n",
                    importSeconds, importRowsPerSecond(), file.households() / importSeconds));
            out.append(String.format(Locale.ROOT, "| COPY as superuser, the baseline (household %.1f s + member %.1f s) | %.1f | %,.0f | %,.0f |%n",
                    copies.household(), copies.member(), copySeconds(), copyRowsPerSecond(), file.households() / copySeconds()));
            out.append("\n| comparison | value | target | verdict |\n|---|---:|---|---|\n");
            out.append(String.format(Locale.ROOT, "| throughput import/COPY | %.3f | >= %.1f | %s |%n", ratio(), TARGET_RATIO,
                    HouseholdBenchmark.verdict(ratio() >= TARGET_RATIO, true)));
            out.append(String.format(Locale.ROOT, "| import time | %.1f s | <= %.0f s | %s |%n", importSeconds, TARGET_SECONDS,
                    HouseholdBenchmark.verdict(importSeconds <= TARGET_SECONDS, true)));
            out.append(String.format(Locale.ROOT, "%nUpload (multipart, loopback) took %.1f s of the import time; the job's own "
                            + "startedAt..finishedAt is %.1f s. Job: created %s, updated %s, unchanged %s, rejected %s rows. ",
                    uploadSeconds, serverSeconds, job.path("householdsCreated").asString(), job.path("householdsUpdated").asString(),
                    job.path("householdsUnchanged").asString(), job.path("rowsRejected").asString()));
            out.append("During the import: ").append(importSamples).append(' ');
            out.append(outboxDrained
                    ? String.format(Locale.ROOT, "The import's %,d events were all relayed to Kafka %.1f s after the job ended "
                    + "(%,d were still in the outbox when it ended).%n", outboxEvents, outboxDrainSeconds, outboxPendingAtEnd)
                    : String.format(Locale.ROOT, "Of the import's %,d events, %,d were still in the outbox when the job ended and "
                    + "some were still there %.0f s later (the benchmark stopped waiting).%n", outboxEvents, outboxPendingAtEnd,
                    outboxDrainSeconds));
            return out.toString();
        }
    }

    Result run() {
        List<String> villages = new ArrayList<>();
        for (int v = 0; v < settings.villages(); v++) {
            villages.add(CountyCodes.village(HouseholdBenchmark.COUNTY, v));
        }
        long generating = System.nanoTime();
        HouseholdFile.Written file = HouseholdFile.write(HouseholdBenchmark.COUNTY, villages, settings.households(), settings.seed(),
                bench.run.directory());
        log.info("Generated {} households, {} rows ({} MB CSV, plus the COPY files) in {} s", file.households(), file.rows(),
                file.csvBytes() / 1_000_000, (System.nanoTime() - generating) / 1_000_000_000);

        PostgresServer.Database database = bench.postgres.database("household_registry");
        ServiceInstance service = bench.startService("household-registry-import", database);
        join(service, villages);

        String token = bench.token(HouseholdBenchmark.ADMIN);
        log.info("Importing {} ({} rows) as {}", file.csv().getFileName(), file.rows(), HouseholdBenchmark.ADMIN);
        String path = "/counties/" + HouseholdBenchmark.COUNTY + "/imports";
        Sampler sampler = new Sampler(bench.postgres, database.name(), service.pid());
        long start = System.nanoTime();
        HttpResponse<String> accepted = service.upload(path, token, file.csv(), file.csv().getFileName().toString(), "text/csv");
        long uploaded = System.nanoTime();
        if (accepted.statusCode() != 202) {
            throw problem(service, "POST " + path + " (multipart file " + file.csv().getFileName() + ", " + file.csvBytes()
                    + " bytes) answered " + accepted.statusCode() + " instead of 202: " + accepted.body());
        }
        String id = bench.json.readTree(accepted.body()).path("id").asString();
        JsonNode job = awaitJob(service, token, path + "/" + id, start, database);
        long ended = System.nanoTime();
        sampler.close();
        double importSeconds = (ended - start) / 1e9;
        log.info("During the import: {}", sampler.summary());
        check(service, token, path + "/" + id, job, file, database);
        double serverSeconds = serverSeconds(job);
        log.info("Import done: {} s from the upload's start ({} rows/s)", String.format(Locale.ROOT, "%.1f", importSeconds),
                String.format(Locale.ROOT, "%.0f", file.rows() / importSeconds));

        // For information: how long the import's events take to leave the outbox for Kafka.
        long[] outbox = outbox(database);
        explainRelayClaim(database);
        long pendingAtEnd = outbox[1];
        long waitStart = System.nanoTime();
        long pending = pendingAtEnd;
        while (pending > 0 && System.nanoTime() - waitStart < settings.outboxWait().toNanos()) {
            HouseholdBenchmark.sleep(Duration.ofSeconds(1));
            pending = outbox(database)[1];
        }
        double drainSeconds = (System.nanoTime() - waitStart) / 1e9;
        log.info("Outbox: {} events, {} pending when the job ended, {} pending {} s later", outbox[0], pendingAtEnd, pending,
                String.format(Locale.ROOT, "%.0f", drainSeconds));
        service.close();

        Copies copies = copyBaseline(file, villages);
        return new Result(file, villages.size(), (uploaded - start) / 1e9, importSeconds, serverSeconds, job, sampler.summary(),
                outbox[0], pendingAtEnd, drainSeconds, pending == 0, copies);
    }

    /** The county joins with its villages (the county registry's events), and the service answers for each village. */
    private void join(ServiceInstance service, List<String> villages) {
        log.info("County {} joins with {} villages (county.joined.v1, village.registered.v1 on Kafka)", HouseholdBenchmark.COUNTY,
                villages.size());
        try (CountyEvents events = new CountyEvents(bench.kafka.bootstrapServers())) {
            events.countyJoined(HouseholdBenchmark.COUNTY, HouseholdBenchmark.COUNTY_NAME, CountyCodes.townships(villages.size()),
                    villages.size());
            for (int v = 0; v < villages.size(); v++) {
                events.villageRegistered(HouseholdBenchmark.COUNTY, villages.get(v), CountyCodes.township(HouseholdBenchmark.COUNTY, v),
                        "村" + (v + 1));
            }
            events.flush();
        }
        String token = bench.token(HouseholdBenchmark.OPERATOR);
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        for (String village : villages) {
            String path = "/counties/" + HouseholdBenchmark.COUNTY + "/villages/" + village + "/income/summary";
            while (true) {
                HttpResponse<String> response = service.get(path, token);
                if (response.statusCode() == 200) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw problem(service, "County " + HouseholdBenchmark.COUNTY + " did not join within 180 s: GET " + path
                            + " still answers " + response.statusCode() + ": " + response.body());
                }
                HouseholdBenchmark.sleep(Duration.ofMillis(200));
            }
        }
        log.info("County {} joined: every village's income summary answers 200", HouseholdBenchmark.COUNTY);
    }

    private JsonNode awaitJob(ServiceInstance service, String token, String path, long start, PostgresServer.Database database) {
        long deadline = start + settings.importTimeout().toNanos();
        long nextLog = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            HttpResponse<String> response = service.get(path, token);
            if (response.statusCode() != 200) {
                throw problem(service, "GET " + path + " answered " + response.statusCode() + " while the import ran: " + response.body());
            }
            JsonNode job = bench.json.readTree(response.body());
            if (!"RUNNING".equals(job.path("status").asString())) {
                return job;
            }
            long now = System.nanoTime();
            if (now > nextLog) {
                log.info("  {} s: {} rows read, {} households created{}", (now - start) / 1_000_000_000, job.path("rowsRead").asString(),
                        job.path("householdsCreated").asString(), statistics(database));
                nextLog = now + Duration.ofSeconds(10).toNanos();
            }
            if (now > deadline) {
                throw problem(service, "The import was still RUNNING after " + settings.importTimeout().toSeconds() + " s: " + response.body());
            }
            if (!service.isAlive()) {
                throw problem(service, "The service exited during the import");
            }
            HouseholdBenchmark.sleep(Duration.ofMillis(250));
        }
    }

    /** Every household was created, no row rejected, and the database holds exactly the file's households and members. */
    private void check(ServiceInstance service, String token, String path, JsonNode job, HouseholdFile.Written file,
                       PostgresServer.Database database) {
        boolean complete = "COMPLETED".equals(job.path("status").asString())
                && job.path("householdsCreated").asInt() == file.households()
                && job.path("rowsRead").asInt() == file.rows()
                && job.path("rowsRejected").asInt() == 0;
        if (!complete) {
            HttpResponse<String> rejections = service.get(path + "/rejections?limit=20", token);
            throw problem(service, "The import of " + file.households() + " valid households (" + file.rows() + " rows) ended as "
                    + job + "\nGET " + path + "/rejections?limit=20 -> " + rejections.statusCode() + ": " + rejections.body());
        }
        try (Connection connection = HouseholdBenchmark.owner(database); Statement statement = connection.createStatement()) {
            statement.execute("select set_config('app.county', '" + HouseholdBenchmark.COUNTY + "', false)");
            long households = count(statement, "select count(*) from household");
            long members = count(statement, "select count(*) from member");
            if (households != file.households() || members != file.rows()) {
                throw problem(service, "The import reported " + job + " but the database holds " + households + " households and "
                        + members + " members, not " + file.households() + " and " + file.rows());
            }
            log.info("Checked: job COMPLETED with {} households created, 0 rows rejected; the database holds {} households and {} members",
                    file.households(), households, members);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count the imported rows", e);
        }
    }

    /**
     * For the notes: the plan and time of one claim of the outbox relay (platform-core's OutboxRelay.CLAIM, copied
     * here without its FOR UPDATE SKIP LOCKED so as not to hold rows the relay wants) while the import's events wait.
     */
    private static void explainRelayClaim(PostgresServer.Database database) {
        String claim = """
                explain (analyze, buffers, costs off)
                select e.position, e.event_id, e.county_code, e.aggregate_id, e.topic, e.envelope, e.attempts
                  from outbox_event e
                 where e.sent_at is null
                   and e.next_attempt_at <= now()
                   and not exists (select 1 from outbox_event earlier
                                    where earlier.sent_at is null
                                      and earlier.topic = e.topic
                                      and earlier.county_code = e.county_code
                                      and earlier.aggregate_id = e.aggregate_id
                                      and earlier.position < e.position)
                 order by e.position
                 limit 100""";
        StringBuilder plan = new StringBuilder();
        try (Connection connection = HouseholdBenchmark.owner(database); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(claim)) {
            while (rows.next()) {
                plan.append('\n').append(rows.getString(1));
            }
            log.info("The outbox relay's claim (its CLAIM query without FOR UPDATE SKIP LOCKED) with the import's events pending:{}", plan);
        } catch (SQLException e) {
            log.warn("Could not explain the relay's claim: {}", e.getMessage());
        }
    }

    /**
     * For the progress lines: when autovacuum last analyzed the tables the import writes (the planner's row counts
     * come from there) and what it counted.
     */
    private static String statistics(PostgresServer.Database database) {
        StringBuilder out = new StringBuilder(" (statistics:");
        try (Connection connection = HouseholdBenchmark.owner(database); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     select c.relname, c.reltuples::bigint, s.last_autoanalyze, s.autoanalyze_count
                       from pg_class c join pg_stat_user_tables s on s.relid = c.oid
                      where c.relname in ('household', 'member', 'outbox_event') order by c.relname""")) {
            while (rows.next()) {
                out.append(' ').append(rows.getString(1)).append(" reltuples ").append(rows.getLong(2)).append(" analyzed ")
                        .append(rows.getInt(4)).append('x');
            }
        } catch (SQLException e) {
            out.append(' ').append(e.getMessage());
        }
        return out.append(')').toString();
    }

    /** {all outbox events, pending ones}: the outbox is platform data, without row-level security. */
    private static long[] outbox(PostgresServer.Database database) {
        try (Connection connection = HouseholdBenchmark.owner(database); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select count(*), count(*) filter (where sent_at is null) from outbox_event")) {
            rows.next();
            return new long[] {rows.getLong(1), rows.getLong(2)};
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the outbox", e);
        }
    }

    /**
     * The baseline, in a fresh database migrated by the service, with the county's villages inserted (as the owner,
     * with {@code app.county} set): a COPY of the file's households, then of its members, as the server's superuser.
     * PostgreSQL refuses COPY FROM into a table with row-level security for any role the policies bind ("COPY FROM
     * not supported with row-level security"), and the migration's FORCE binds the owner too; the superuser bypasses
     * the policies, which only compare county_code with a setting. Indexes, constraints and foreign keys are the same.
     */
    private Copies copyBaseline(HouseholdFile.Written file, List<String> villages) {
        PostgresServer.Database database = bench.postgres.database("household_copy");
        bench.migrate(database);
        try (Connection owner = HouseholdBenchmark.owner(database); Connection superuser = bench.postgres.connect(database.name())) {
            try (Statement statement = owner.createStatement()) {
                statement.execute("select set_config('app.county', '" + HouseholdBenchmark.COUNTY + "', false)");
            }
            try (PreparedStatement insert = owner.prepareStatement(
                    "insert into village (county_code, code, township_code, name_zh, poor) values (?, ?, ?, ?, true)")) {
                for (int v = 0; v < villages.size(); v++) {
                    insert.setString(1, HouseholdBenchmark.COUNTY);
                    insert.setString(2, villages.get(v));
                    insert.setString(3, CountyCodes.township(HouseholdBenchmark.COUNTY, v));
                    insert.setString(4, "村" + (v + 1));
                    insert.addBatch();
                }
                insert.executeBatch();
            }

            log.info("COPY baseline: {} households, then {} members, into {}", file.households(), file.rows(), database.name());
            long start = System.nanoTime();
            copy(superuser, "household (" + HouseholdFile.HOUSEHOLD_COLUMNS + ")", file.householdCopy(), file.households());
            long between = System.nanoTime();
            copy(superuser, "member (" + HouseholdFile.MEMBER_COLUMNS + ")", file.memberCopy(), file.rows());
            long end = System.nanoTime();
            log.info("COPY done: household {} s, member {} s", String.format(Locale.ROOT, "%.1f", (between - start) / 1e9),
                    String.format(Locale.ROOT, "%.1f", (end - between) / 1e9));

            return new Copies((between - start) / 1e9, (end - between) / 1e9);
        } catch (SQLException e) {
            throw new IllegalStateException("The COPY baseline failed: " + e.getMessage(), e);
        }
    }

    /** Seconds of the COPY of households and of members. */
    record Copies(double household, double member) {
    }

    private static void copy(Connection connection, String target, Path file, long expected) throws SQLException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            long rows = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + target + " from stdin", in, 1 << 16);
            if (rows != expected) {
                throw new IllegalStateException("COPY " + target + " wrote " + rows + " rows, not " + expected);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The job's own duration, from its startedAt and finishedAt (NaN if the service did not say). */
    private static double serverSeconds(JsonNode job) {
        try {
            return Duration.between(Instant.parse(job.path("startedAt").asString()), Instant.parse(job.path("finishedAt").asString()))
                    .toMillis() / 1000.0;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static HouseholdBenchmark.ServiceProblem problem(ServiceInstance service, String what) {
        return new HouseholdBenchmark.ServiceProblem(what + "\n\nService log (" + service.logFile() + "), warnings and errors:\n"
                + String.join("\n", service.problems(20)) + "\n\nits last lines:\n" + service.logTail(30));
    }
}
