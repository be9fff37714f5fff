package org.povertyalleviation.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.povertyalleviation.platform.infra.PostgresServer;

/**
 * Where the time of a phase went, for the notes: CPU seconds of the service's JVM, of PostgreSQL (the postmaster's
 * children) and of the whole machine (anything else running shows up there), and what the service's database
 * sessions were doing, sampled from pg_stat_activity every 200 ms (statement and wait event); and of other JVMs named
 * by the benchmark (the trace benchmark's gateway).
 */
public final class Sampler implements AutoCloseable {

    private static final long TICKS_PER_SECOND = 100;

    private final long servicePid;
    private final String database;
    private final Connection connection;
    private final long postmasterPid;
    private final Thread thread;
    private final Map<Long, Long> postgresTicks = new HashMap<>();
    /** Each PostgreSQL process's title when first seen, e.g. "household_list_app household_list" or "autovacuum worker". */
    private final Map<Long, String> postgresTitles = new HashMap<>();
    /** Each PostgreSQL process's CPU when the phase began, so that only the phase's CPU counts. */
    private final Map<Long, Long> postgresAtStart = new HashMap<>();
    private final Map<String, Integer> statements = new HashMap<>();
    private final Map<String, Integer> waits = new HashMap<>();
    private final long[] machineStart;
    private final long serviceStart;
    private final long startNanos = System.nanoTime();
    private volatile boolean running = true;
    private int samples;
    private long[] machineEnd;
    private long serviceEnd;
    private long endNanos;

    private final Map<String, Long> others;
    private final Map<String, Long> othersStart = new LinkedHashMap<>();
    private final Map<String, Long> othersEnd = new LinkedHashMap<>();

    public Sampler(PostgresServer postgres, String database, long servicePid) {
        this(postgres, database, servicePid, Map.of());
    }

    /** @param others further processes whose CPU the summary reports, by name (e.g. "gateway JVM") */
    public Sampler(PostgresServer postgres, String database, long servicePid, Map<String, Long> others) {
        this.servicePid = servicePid;
        this.others = new LinkedHashMap<>(others);
        this.others.forEach((name, pid) -> othersStart.put(name, ticks(pid)));
        this.database = database;
        try {
            this.connection = postgres.connect("postgres");
            try (ResultSet pid = connection.createStatement().executeQuery("select pg_backend_pid()")) {
                pid.next();
                this.postmasterPid = parentOf(pid.getLong(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot sample PostgreSQL: " + e.getMessage(), e);
        }
        this.machineStart = machine();
        this.serviceStart = ticks(servicePid);
        sampleCpu();
        synchronized (this) {
            postgresAtStart.putAll(postgresTicks);
        }
        this.thread = new Thread(this::loop, "sampler");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void loop() {
        try (PreparedStatement activity = connection.prepareStatement("""
                select coalesce(wait_event_type || ':' || wait_event, 'on CPU') as wait,
                       left(regexp_replace(query, '\\s+', ' ', 'g'), 90) as query
                  from pg_stat_activity
                 where datname = ? and state = 'active' and pid <> pg_backend_pid()""")) {
            activity.setString(1, database);
            while (running) {
                sampleCpu();
                synchronized (this) {
                    samples++;
                    try (ResultSet rows = activity.executeQuery()) {
                        while (rows.next()) {
                            statements.merge(rows.getString(2), 1, Integer::sum);
                            waits.merge(rows.getString(1), 1, Integer::sum);
                        }
                    }
                }
                Thread.sleep(200);
            }
        } catch (SQLException | InterruptedException e) {
            // The phase ended (or the server went away): what was sampled stands.
        }
    }

    /** PostgreSQL's processes: the postmaster and its children, each with the most CPU it was seen with. */
    private synchronized void sampleCpu() {
        postgresTicks.merge(postmasterPid, ticks(postmasterPid), Math::max);
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            processes.filter(path -> path.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(path -> {
                long[] stat = stat(Long.parseLong(path.getFileName().toString()));
                if (stat != null && stat[0] == postmasterPid) {
                    long pid = Long.parseLong(path.getFileName().toString());
                    postgresTicks.merge(pid, stat[1], Math::max);
                    postgresTitles.computeIfAbsent(pid, Sampler::title);
                }
            });
        } catch (IOException e) {
            // sampled next time
        }
    }

    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        sampleCpu();
        machineEnd = machine();
        serviceEnd = ticks(servicePid);
        others.forEach((name, pid) -> othersEnd.put(name, ticks(pid)));
        endNanos = System.nanoTime();
        try {
            thread.join(2000);
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            // closing anyway
        }
    }

    public double wallSeconds() {
        return ((running ? System.nanoTime() : endNanos) - startNanos) / 1e9;
    }

    public double serviceCpuSeconds() {
        return (serviceEnd - serviceStart) / (double) TICKS_PER_SECOND;
    }

    public synchronized double postgresCpuSeconds() {
        long total = 0;
        for (Map.Entry<Long, Long> entry : postgresTicks.entrySet()) {
            total += entry.getValue() - postgresAtStart.getOrDefault(entry.getKey(), 0L);
        }
        return total / (double) TICKS_PER_SECOND;
    }

    /** CPU seconds of PostgreSQL's processes by title: sessions by role and database, and each background process. */
    public synchronized Map<String, Double> postgresCpuByProcess() {
        Map<String, Double> byTitle = new HashMap<>();
        for (Map.Entry<Long, Long> entry : postgresTicks.entrySet()) {
            long ticks = entry.getValue() - postgresAtStart.getOrDefault(entry.getKey(), 0L);
            byTitle.merge(postgresTitles.getOrDefault(entry.getKey(), "postmaster"), ticks / (double) TICKS_PER_SECOND, Double::sum);
        }
        return byTitle;
    }

    /** CPU seconds of the PostgreSQL sessions of one role in one database. */
    public double postgresCpuSeconds(String role, String database) {
        return postgresCpuByProcess().getOrDefault(role + " " + database, 0.0);
    }

    /** A process's title without its client address and state: "role database", or e.g. "autovacuum worker". */
    private static String title(long pid) {
        try {
            String title = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), java.nio.charset.StandardCharsets.UTF_8)
                    .replace('\0', ' ').trim();
            title = title.startsWith("postgres: ") ? title.substring("postgres: ".length()) : title;
            int client = title.indexOf(" 127.0.0.1(");
            if (client < 0) {
                client = title.indexOf(" [local]");
            }
            if (client > 0) {
                return title.substring(0, client);
            }
            String[] words = title.split("\\s+");
            return String.join(" ", java.util.Arrays.copyOf(words, Math.min(words.length, 2)));
        } catch (IOException | RuntimeException e) {
            return "(unknown)";
        }
    }

    /** Busy CPU seconds of the whole machine (every core, every process). */
    public double machineBusySeconds() {
        return (machineEnd[0] - machineStart[0]) / (double) TICKS_PER_SECOND;
    }

    /** A sentence for the report: CPU by process and the statements most often seen running. */
    public synchronized String summary() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "CPU over %.0f s: service JVM %.0f s, PostgreSQL %.0f s, whole machine %.0f s busy of %.0f s available (%d CPUs)",
                wallSeconds(), serviceCpuSeconds(), postgresCpuSeconds(), machineBusySeconds(),
                wallSeconds() * Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().availableProcessors()));
        others.forEach((name, pid) -> out.append(String.format(Locale.ROOT, ", %s %.0f s", name,
                (othersEnd.getOrDefault(name, 0L) - othersStart.getOrDefault(name, 0L)) / (double) TICKS_PER_SECOND)));
        Map<String, Double> byProcess = postgresCpuByProcess();
        out.append("; PostgreSQL's by process: ").append(byProcess.entrySet().stream()
                .filter(entry -> entry.getValue() >= 0.5)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(6)
                .map(entry -> String.format(Locale.ROOT, "`%s` %.0f s", entry.getKey(), entry.getValue()))
                .collect(Collectors.joining(", ")));
        if (samples > 0 && !statements.isEmpty()) {
            out.append(String.format(Locale.ROOT, ". Database sessions of the service, sampled %d times: ", samples));
            out.append(top(statements, 5));
            out.append("; waits: ").append(top(waits, 4));
        }
        return out.append('.').toString();
    }

    private String top(Map<String, Integer> counts, int limit) {
        Map<String, Integer> sorted = counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(limit).collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        return sorted.entrySet().stream()
                .map(entry -> String.format(Locale.ROOT, "`%s` %.0f %%", entry.getKey().replace('`', '\''),
                        100.0 * entry.getValue() / samples))
                .collect(Collectors.joining(", "));
    }

    private static long ticks(long pid) {
        long[] stat = stat(pid);
        return stat == null ? 0 : stat[1];
    }

    private static long parentOf(long pid) {
        long[] stat = stat(pid);
        if (stat == null) {
            throw new IllegalStateException("No process " + pid);
        }
        return stat[0];
    }

    /** {parent pid, utime + stime} from /proc/<pid>/stat, or null if the process is gone. */
    private static long[] stat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) may hold spaces and parentheses: fields are counted after its closing one.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(fields[1]), Long.parseLong(fields[11]) + Long.parseLong(fields[12])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** {busy ticks, all ticks} of the machine from /proc/stat. */
    private static long[] machine() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            String[] fields = lines.get(0).trim().split("\\s+");
            long busy = 0;
            long all = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) {
                long value = Long.parseLong(fields[i]);
                all += value;
                if (i != 4 && i != 5) {
                    busy += value;
                }
            }
            return new long[] {busy, all};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }
}
