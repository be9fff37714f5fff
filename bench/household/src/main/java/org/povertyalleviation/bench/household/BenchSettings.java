package org.povertyalleviation.bench.household;

import org.povertyalleviation.bench.CountyCodes;
import java.nio.file.Path;

import org.povertyalleviation.bench.CommandLine;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * How the benchmark runs: {@code --name=value} arguments (bench/household/run.sh passes its own through), durations
 * in seconds.
 *
 * @param only            {@code all}, {@code import} or {@code list}: which of the two benchmarks to run
 * @param households      households in the import file (county 621222), about three persons each
 * @param villages        villages of county 621222 the import's households live in
 * @param counties        counties in the village-list database
 * @param listHouseholds  households in the village-list database, spread evenly over its counties
 * @param listVillages    villages per county in the village-list database
 * @param listRequests    measured requests of the village list, to the service and to SQL alike
 * @param listWarmup      least load on the service's village list before measuring (discarded)
 * @param sqlWarmup       load on the SQL baseline before measuring it (discarded)
 * @param clients         concurrent clients of the village list (each sends its next request when its last is answered)
 * @param serviceJvm      JVM options of the service
 * @param serviceArgs     extra command-line arguments for the service (to try a setting), none by default
 * @param serviceJar      the household registry's executable jar (copied into the run directory before it starts)
 * @param importTimeout   the longest the import may run before the benchmark gives up
 * @param outboxWait      after the import, how long to wait for its events to leave the outbox (for information only)
 * @param seed            the generators' seed: the same seed gives the same files and the same request sequence
 * @param keepLogs        keep the run directory (service logs, generated files) after the run
 */
record BenchSettings(String only, int households, int villages, int counties, int listHouseholds, int listVillages,
                     int listRequests, Duration listWarmup, Duration sqlWarmup, int clients, String serviceJvm, String serviceArgs, Path serviceJar,
                     Duration importTimeout, Duration outboxWait, long seed, boolean keepLogs) {

    static final String USAGE = """
            usage: bench/household/run.sh [--option=value ...]
              --only=all             all, import or list: which benchmark to run
              --households=200000    households in the import file (county 621222, one row per person, ~3 each)
              --villages=400         villages of county 621222 for the import
              --counties=832         counties in the village-list database
              --list-households=N    households in the village-list database (default 3,000,000 x counties / 832)
              --list-villages=400    villages per county in the village-list database
              --list-requests=20000  measured village-list requests, to the service and to SQL alike
              --list-warmup=60       least seconds of village-list load on the service before measuring
              --sql-warmup=15        seconds of the same load on the SQL baseline before measuring it
              --clients=1            concurrent village-list clients (closed loop)
              --service-jvm="-Xms1g -Xmx1g"   JVM options of the service
              --service-args="--a.b=c ..."    extra arguments for the service (none by default)
              --service-jar=services/household-registry/target/household-registry-0.1.0-SNAPSHOT.jar
              --import-timeout=1800  seconds the import may take before the run gives up
              --outbox-wait=300      seconds to wait for the import's events to leave the outbox (information only)
              --seed=20261123        seed of the generated data and of the request sequence
              --keep-logs=false      keep the run directory (logs, generated files; kept anyway when the run fails)
            """;

    private static final Set<String> KNOWN = Set.of("only", "households", "villages", "counties", "list-households",
            "list-villages", "list-requests", "list-warmup", "sql-warmup", "clients", "service-jvm", "service-args", "service-jar",
            "import-timeout", "outbox-wait", "seed", "keep-logs");

    boolean runImport() {
        return only.equals("all") || only.equals("import");
    }

    boolean runList() {
        return only.equals("all") || only.equals("list");
    }

    static BenchSettings parse(String[] args) {
        Map<String, String> options = CommandLine.options(args, KNOWN);
        try {
            int counties = Integer.parseInt(options.getOrDefault("counties", "832"));
            String listHouseholds = options.get("list-households");
            BenchSettings settings = new BenchSettings(
                    options.getOrDefault("only", "all"),
                    Integer.parseInt(options.getOrDefault("households", "200000")),
                    Integer.parseInt(options.getOrDefault("villages", "400")),
                    counties,
                    listHouseholds != null ? Integer.parseInt(listHouseholds) : (int) Math.round(counties * 3_000_000.0 / 832),
                    Integer.parseInt(options.getOrDefault("list-villages", "400")),
                    Integer.parseInt(options.getOrDefault("list-requests", "20000")),
                    CommandLine.seconds(options.get("list-warmup"), 60),
                    CommandLine.seconds(options.get("sql-warmup"), 15),
                    Integer.parseInt(options.getOrDefault("clients", "1")),
                    options.getOrDefault("service-jvm", "-Xms1g -Xmx1g"),
                    options.getOrDefault("service-args", ""),
                    Path.of(options.getOrDefault("service-jar", "services/household-registry/target/household-registry-0.1.0-SNAPSHOT.jar")),
                    CommandLine.seconds(options.get("import-timeout"), 1800),
                    CommandLine.seconds(options.get("outbox-wait"), 300),
                    Long.parseLong(options.getOrDefault("seed", "20261123")),
                    Boolean.parseBoolean(options.getOrDefault("keep-logs", "false")));
            if (!Set.of("all", "import", "list").contains(settings.only)) {
                throw new CommandLine.Usage("--only must be all, import or list");
            }
            if (settings.households < 1 || settings.villages < 1 || settings.villages > 17_000 || settings.counties < 1
                    || settings.counties > CountyCodes.MAX || settings.listHouseholds < settings.counties || settings.listVillages < 1
                    || settings.listVillages > 17_000 || settings.listRequests < 1 || settings.clients < 1) {
                throw new CommandLine.Usage("Out-of-range option in " + options);
            }
            return settings;
        } catch (NumberFormatException e) {
            throw new CommandLine.Usage("Not a number: " + e.getMessage());
        }
    }
}
