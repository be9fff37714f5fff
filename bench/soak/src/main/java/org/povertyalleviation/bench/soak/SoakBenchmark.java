package org.povertyalleviation.bench.soak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.povertyalleviation.bench.BenchData;
import org.povertyalleviation.bench.BenchRun;
import org.povertyalleviation.bench.BenchStack;
import org.povertyalleviation.bench.CommandLine;
import org.povertyalleviation.bench.CountyCodes;
import org.povertyalleviation.bench.CountyEvents;
import org.povertyalleviation.bench.FixedRateLoad;
import org.povertyalleviation.bench.HouseholdFile;
import org.povertyalleviation.bench.Machine;
import org.povertyalleviation.bench.ServiceInstance;
import org.povertyalleviation.platform.infra.BuildRepository;
import org.povertyalleviation.platform.infra.PlatformRealm;
import org.povertyalleviation.platform.infra.PostgresServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 22's soak: the gateway and three services (household registry, shop management, supply platform), each from
 * its packaged jar in a JVM of its own with a fixed heap, against real PostgreSQL, Kafka, Redis and Keycloak; a county
 * joined the way the county registry announces it, households imported, shops, an organisation and a workshop
 * registered. A ramp finds the gateway's peak for the mix; then an open-loop load at a fraction of it runs for the
 * duration, every request with the county admin's Keycloak token, every POST with an Idempotency-Key of its own.
 * Every minute: requests, errors, p50/p99/max, and each app's heap after GC and RSS; at the end the table for
 * docs/performance.md with the slopes and the verdict. See bench/soak/README.md.
 */
public final class SoakBenchmark {

    private static final Logger log = LoggerFactory.getLogger(SoakBenchmark.class);

    static final String COUNTY = "621222";
    static final String ADMIN = "admin-" + COUNTY;
    static final String PASSWORD = "bench-password-2026";

    /**
     * A fixed heap, every page of it touched at start: otherwise RSS climbs for many minutes as the collector first
     * uses regions of the heap, a slope that is no leak; pre-touched, what RSS still gains is memory outside the heap.
     */
    static final String FIXED_HEAP = "-Xms512m -Xmx512m -XX:+AlwaysPreTouch";

    record Settings(Duration duration, double fraction, int rate, double writes, int connections, Duration warmup, int warmupRate, Duration step,
                    int startRate, double growth, int maxSteps, double rampP99, Duration pause, int settleMinutes, double heapFlat, double rssFlat, int households,
                    int villages, int shops, Duration responseTimeout, String serviceJvm, String gatewayJvm, Path gatewayJar, Path registryJar,
                    Path shopJar, Path supplyJar, boolean keepLogs) {

        static final String USAGE = """
                usage: bench/soak/run.sh [--option=value ...]
                the soak:
                  --duration=1800        seconds of the soak at the fixed rate (whole minutes are reported; at least 60)
                  --fraction=0.7         the soak's rate as a fraction of the peak the ramp measured
                  --rate=0               a fixed rate in requests/s instead (no ramp; 0: ramp and use the fraction)
                  --writes=0.3           the share of keyed POSTs in the mix, spread evenly over the three services
                  --connections=64       keep-alive connections of the load to the gateway
                  --response-timeout=60  seconds a request may wait for its answer once sent (then it is an error)
                the peak (a ramp of open-loop steps, before the soak):
                  --warmup=60            seconds of load at --warmup-rate before the ramp (the JVMs' JIT)
                  --warmup-rate=50       requests/s of the warm-up
                  --step=20              seconds of each step
                  --start-rate=50        the first step's rate; each next one --growth times the last
                  --growth=1.25
                  --max-steps=20
                  --ramp-p99=500         ms: a step keeps up when every request got a 2xx within this p99 and the
                                         gateway answered at least 95 % of the offered rate; the ramp stops at the
                                         first that does not, and the peak is the most 2xx/s any step delivered
                  --pause=30             seconds between the ramp's last (overloading) step and the soak
                the verdict:
                  --settle=5             minutes of warm-up left out of the slopes (a run of fewer than twice as many
                                         leaves out its first third instead)
                  --heap-flat=5          MiB per 10 minutes: heap after GC is flat below this slope
                  --rss-flat=10          MiB per 10 minutes: RSS is flat below this slope
                the data:
                  --households=2000      households imported into the registry (and copied, through Kafka, to the supply platform)
                  --villages=20          villages of county 621222
                  --shops=100            shops registered in shop management
                the apps:
                  --service-jvm="-Xms512m -Xmx512m -XX:+AlwaysPreTouch"  JVM options of each service (a fixed heap,
                                         touched at start, so RSS does not grow as the heap is first used)
                  --gateway-jvm="-Xms512m -Xmx512m -XX:+AlwaysPreTouch"  JVM options of the gateway
                  --gateway-jar=gateway/target/gateway-0.1.0-SNAPSHOT.jar
                  --registry-jar=services/household-registry/target/household-registry-0.1.0-SNAPSHOT.jar
                  --shop-jar=services/shop-management/target/shop-management-0.1.0-SNAPSHOT.jar
                  --supply-jar=services/supply-platform/target/supply-platform-0.1.0-SNAPSHOT.jar
                  --keep-logs=false      keep the run directory (logs; kept anyway when the run fails)
                """;

        private static final Set<String> KNOWN = Set.of("duration", "fraction", "rate", "writes", "connections", "response-timeout", "warmup", "warmup-rate",
                "step", "start-rate", "growth", "max-steps", "ramp-p99", "pause", "settle", "heap-flat", "rss-flat", "households", "villages", "shops", "service-jvm",
                "gateway-jvm", "gateway-jar", "registry-jar", "shop-jar", "supply-jar", "keep-logs");

        static Settings parse(String[] args) {
            Map<String, String> o = CommandLine.options(args, KNOWN);
            Settings s = new Settings(CommandLine.seconds(o.get("duration"), 1800), Double.parseDouble(o.getOrDefault("fraction", "0.7")),
                    Integer.parseInt(o.getOrDefault("rate", "0")), Double.parseDouble(o.getOrDefault("writes", "0.3")),
                    Integer.parseInt(o.getOrDefault("connections", "64")), CommandLine.seconds(o.get("warmup"), 60),
                    Integer.parseInt(o.getOrDefault("warmup-rate", "50")), CommandLine.seconds(o.get("step"), 20),
                    Integer.parseInt(o.getOrDefault("start-rate", "50")), Double.parseDouble(o.getOrDefault("growth", "1.25")),
                    Integer.parseInt(o.getOrDefault("max-steps", "20")), Double.parseDouble(o.getOrDefault("ramp-p99", "500")), CommandLine.seconds(o.get("pause"), 30),
                    Integer.parseInt(o.getOrDefault("settle", "5")), Double.parseDouble(o.getOrDefault("heap-flat", "5")),
                    Double.parseDouble(o.getOrDefault("rss-flat", "10")), Integer.parseInt(o.getOrDefault("households", "2000")),
                    Integer.parseInt(o.getOrDefault("villages", "20")), Integer.parseInt(o.getOrDefault("shops", "100")),
                    CommandLine.seconds(o.get("response-timeout"), 60), o.getOrDefault("service-jvm", FIXED_HEAP),
                    o.getOrDefault("gateway-jvm", FIXED_HEAP), Path.of(o.getOrDefault("gateway-jar", "gateway/target/gateway-0.1.0-SNAPSHOT.jar")),
                    Path.of(o.getOrDefault("registry-jar", "services/household-registry/target/household-registry-0.1.0-SNAPSHOT.jar")),
                    Path.of(o.getOrDefault("shop-jar", "services/shop-management/target/shop-management-0.1.0-SNAPSHOT.jar")),
                    Path.of(o.getOrDefault("supply-jar", "services/supply-platform/target/supply-platform-0.1.0-SNAPSHOT.jar")),
                    Boolean.parseBoolean(o.getOrDefault("keep-logs", "false")));
            if (s.duration.toSeconds() < 60 || s.fraction <= 0 || s.fraction > 1 || s.rate < 0 || s.writes < 0 || s.writes > 1 || s.connections < 1
                    || s.warmupRate < 1 || s.step.toSeconds() < 5 || s.startRate < 1 || s.growth <= 1 || s.maxSteps < 1 || s.settleMinutes < 0
                    || s.households < 1 || s.villages < 1 || s.villages > 2_000 || s.shops < 1) {
                throw new CommandLine.Usage("Out-of-range option in " + o);
            }
            return s;
        }

        int minutes() {
            return (int) (duration.toSeconds() / 60);
        }
    }

    /** One open-loop step of the ramp. */
    record Step(int rate, FixedRateLoad.Result result, boolean keptUp, Map<String, Long> errors) {
    }

    private final Settings settings;
    private final BenchRun run;
    private final JsonMapper json = JsonMapper.builder().build();

    private SoakBenchmark(Settings settings) {
        this.settings = settings;
        this.run = new BenchRun("soak-bench", settings.keepLogs());
    }

    public static void main(String[] args) {
        Settings settings = CommandLine.parseOrExit(args, Settings::parse, Settings.USAGE);
        SoakBenchmark bench = new SoakBenchmark(settings);
        bench.run.runAndExit("soak-bench", bench::soak, bench.run::close);
    }

    private void soak() {
        BuildRepository.useTheBuilds(SoakBenchmark.class, "/bench-build.properties");
        Path gatewayJar = ServiceInstance.copyJar(settings.gatewayJar(), run.directory(), "gateway.jar");
        Path registryJar = ServiceInstance.copyJar(settings.registryJar(), run.directory(), "household-registry.jar");
        Path shopJar = ServiceInstance.copyJar(settings.shopJar(), run.directory(), "shop-management.jar");
        Path supplyJar = ServiceInstance.copyJar(settings.supplyJar(), run.directory(), "supply-platform.jar");
        String startLoad = Machine.loadAverage();
        String startedAt = Machine.startedAt();

        BenchStack stack = BenchStack.start(run, BenchData.realmWithCountyAdmin(COUNTY, ADMIN, PASSWORD));
        PostgresServer postgres = stack.postgres();
        PostgresServer.Database registryDb = postgres.database("household_registry");
        PostgresServer.Database shopDb = postgres.database("shop_management");
        PostgresServer.Database supplyDb = postgres.database("supply_platform");
        List<String> serviceJvm = split(settings.serviceJvm());
        ServiceInstance registry = stack.service("household-registry", registryJar, serviceJvm, List.of(), registryDb,
                Map.of("PII_ACTIVE_KEY_ID", "k1", "PII_ACTIVE_KEY", ServiceInstance.randomKey(), "PII_LOOKUP_KEY", ServiceInstance.randomKey()));
        ServiceInstance shops = stack.service("shop-management", shopJar, serviceJvm, List.of(), shopDb, Map.of());
        ServiceInstance supply = stack.service("supply-platform", supplyJar, serviceJvm, List.of(), supplyDb, Map.of());
        // The county admin's budget is raised far above any rate here, so that the limiter is consulted on every
        // request (its Redis round trip is part of what soaks) but never refuses: a 429 would be the load's own doing.
        ServiceInstance gateway = stack.gateway(gatewayJar, split(settings.gatewayJvm()), Map.of("HOUSEHOLD_REGISTRY_URL", registry,
                "SHOP_MANAGEMENT_URL", shops, "SUPPLY_PLATFORM_URL", supply), null, List.of(
                "--gateway.rate-limits.user-default.requests-per-second=1000000", "--gateway.rate-limits.user-default.burst=2000000"));
        String token = stack.keycloak().passwordGrant(PlatformRealm.NAME, PlatformRealm.CLI_CLIENT, ADMIN, PASSWORD);

        Seeded seeded = seed(stack, registry, shops, supply, registryDb, shopDb, supplyDb, token);
        SoakMix mix = new SoakMix(gateway.baseUrl(), COUNTY, seeded.households(), seeded.supplyHouseholds(), seeded.shops(), seeded.organisation(),
                seeded.workshop(), settings.writes(), Long.toString(System.currentTimeMillis(), 36));
        checkEveryKind(mix, token);

        Map<String, String> authorization = Map.of("Authorization", "Bearer " + token);
        List<Step> ramp = new ArrayList<>();
        int rate = settings.rate();
        double peak = Double.NaN;
        if (rate == 0) {
            log.info("Warm-up: {} s at {} requests/s", settings.warmup().toSeconds(), settings.warmupRate());
            Map<String, Long> warmupErrors = new ConcurrentHashMap<>();
            try (FixedRateLoad load = new FixedRateLoad(settings.connections(), authorization, settings.responseTimeout())) {
                FixedRateLoad.Result warm = load.run(i -> mix.request("warmup", i), settings.warmupRate(), settings.warmup(), tally(mix, warmupErrors));
                log.info("Warm-up: p99 {} ms, {} failed{}", format(warm.percentileMillis(99)), warm.failed() + warm.unfinished(),
                        warmupErrors.isEmpty() ? "" : " " + new TreeMap<>(warmupErrors));
            }
            peak = ramp(mix, authorization, ramp);
            rate = Math.max(1, (int) Math.round(peak * settings.fraction()));
            // The last step overloaded the apps on purpose; the requests it queued in them must be done before the soak's
            // first minute, or that minute measures the ramp's backlog.
            log.info("The apps work off the last step's backlog for {} s", settings.pause().toSeconds());
            Machine.pause(settings.pause());
        }
        List<ServiceInstance> apps = List.of(gateway, registry, shops, supply);
        Soaked soaked = soakAt(rate, mix, authorization, apps);
        Map<String, List<String>> problems = new LinkedHashMap<>();
        apps.forEach(app -> problems.put(app.name(), app.problems(100_000)));
        System.out.println(report(startedAt, startLoad, rate, peak, ramp, soaked, problems));
        boolean loggedDuringSoak = problems.values().stream().flatMap(List::stream).anyMatch(line -> during(line, soaked));
        if (soaked.result().failed() + soaked.result().unfinished() > 0 || loggedDuringSoak) {
            // Kept for the logs: something went wrong during the soak, and they say what.
            run.failed();
        }
    }

    record Seeded(List<UUID> households, List<UUID> supplyHouseholds, List<UUID> shops, UUID organisation, UUID workshop) {
    }

    /**
     * The county joins and its villages are registered the way the county registry announces them (its events on
     * Kafka, which every service copies); the households are imported into the registry, whose events give the supply
     * platform its copy; shops, an organisation and its workshop are registered through each service's API.
     */
    private Seeded seed(BenchStack stack, ServiceInstance registry, ServiceInstance shops, ServiceInstance supply, PostgresServer.Database registryDb,
                        PostgresServer.Database shopDb, PostgresServer.Database supplyDb, String token) {
        List<String> villages = new ArrayList<>();
        for (int v = 0; v < settings.villages(); v++) {
            villages.add(CountyCodes.village(COUNTY, v));
        }
        try (CountyEvents events = new CountyEvents(stack.kafka().bootstrapServers())) {
            events.countyJoined(COUNTY, "文县", CountyCodes.townships(villages.size()), villages.size());
            for (int v = 0; v < villages.size(); v++) {
                events.villageRegistered(COUNTY, villages.get(v), CountyCodes.township(COUNTY, v), "村" + v);
            }
            events.flush();
        }
        Duration timeout = Duration.ofMinutes(5);
        String villagesOfCounty = "select count(*) from village where county_code = '" + COUNTY + "'";
        PostgresServer postgres = stack.postgres();
        BenchData.awaitCount(postgres, registryDb.name(), villagesOfCounty, villages.size(), "villages in the registry", timeout);
        BenchData.awaitCount(postgres, shopDb.name(), villagesOfCounty, villages.size(), "villages in shop management", timeout);
        BenchData.awaitCount(postgres, supplyDb.name(), villagesOfCounty, villages.size(), "villages in the supply platform", timeout);

        HouseholdFile.Written file = HouseholdFile.write(COUNTY, villages, settings.households(), 20261205L, run.directory());
        BenchData.importHouseholds(registry, token, COUNTY, file, timeout);
        String householdsOfCounty = "select count(*) from household where county_code = '" + COUNTY + "'";
        BenchData.awaitCount(postgres, supplyDb.name(), householdsOfCounty, settings.households(), "households in the supply platform's copy", timeout);

        List<UUID> shopIds = new ArrayList<>();
        for (int s = 0; s < settings.shops(); s++) {
            shopIds.add(created(shops, "/counties/" + COUNTY + "/shops", token, Map.of("village", villages.get(s % villages.size()),
                    "name", "浸泡测试网店 " + (s + 1), "platform", "PINDUODUO", "ownerCategory", "COOPERATIVE", "productCategories", List.of("花椒"),
                    "status", "OPEN")));
        }
        UUID organisation = created(supply, "/counties/" + COUNTY + "/organisations", token, Map.of("kind", "COOPERATIVE", "name", "浸泡测试合作社",
                "legalId", "93621222MA74XB2K1B", "contactName", "理事长"));
        UUID workshop = created(supply, "/counties/" + COUNTY + "/workshops", token, Map.of("organisation", organisation, "name", "浸泡测试车间",
                "village", villages.get(0)));
        log.info("Seeded: {} villages, {} households, {} shops, an organisation and its workshop", villages.size(), settings.households(), shopIds.size());
        return new Seeded(ids(postgres, registryDb, householdsOfCounty.replace("count(*)", "id")), ids(postgres, supplyDb,
                householdsOfCounty.replace("count(*)", "id")), shopIds, organisation, workshop);
    }

    /** One request of each kind through the gateway, before any load: a mistake in the mix fails here, with its answer. */
    private void checkEveryKind(SoakMix mix, String token) {
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Set<SoakMix.Kind> seen = new HashSet<>();
        for (long i = 0; seen.size() < SoakMix.Kind.values().length && i < 10_000; i++) {
            SoakMix.Kind kind = mix.kind(i);
            if (!seen.add(kind)) {
                continue;
            }
            FixedRateLoad.Request request = mix.request("check", i);
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(request.url())).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token);
            request.headers().forEach(builder::header);
            builder = request.json() == null ? builder.GET()
                    : builder.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(request.json(), StandardCharsets.UTF_8));
            try {
                HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (response.statusCode() >= 300) {
                    throw new IllegalStateException(kind.label + " through the gateway answered " + response.statusCode() + " " + response.body());
                }
            } catch (IOException e) {
                throw new IllegalStateException(kind.label + " through the gateway failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        log.info("Checked through the gateway: every kind of request answers 2xx ({})", seen.stream().map(kind -> kind.label)
                .collect(Collectors.joining(", ")));
    }

    /**
     * Open-loop steps of growing rate until one does not keep up. Open loop rather than wrk: the mix's POSTs each need
     * a key of their own and the rows they name, which the load's request function makes; a step beyond the peak
     * still measures it, as the 2xx per second the gateway delivered while falling behind.
     */
    private double ramp(SoakMix mix, Map<String, String> authorization, List<Step> steps) {
        double rate = settings.startRate();
        double peak = 0;
        for (int s = 1; s <= settings.maxSteps(); s++) {
            int stepRate = (int) Math.round(rate);
            FixedRateLoad.Result result;
            Map<String, Long> errors = new ConcurrentHashMap<>();
            // A new load each step: the requests still waiting after a step the gateway could not keep up with go with it.
            try (FixedRateLoad load = new FixedRateLoad(settings.connections(), authorization, settings.responseTimeout())) {
                String phase = "ramp" + s;
                result = load.run(i -> mix.request(phase, i), stepRate, settings.step(), tally(mix, errors));
            }
            boolean keptUp = result.clean() && result.achievedRate() >= 0.95 * stepRate && result.percentileMillis(99) <= settings.rampP99();
            steps.add(new Step(stepRate, result, keptUp, new TreeMap<>(errors)));
            peak = Math.max(peak, result.achievedRate());
            log.info("Ramp step {}: {} requests/s offered, {} 2xx/s delivered, p99 {} ms, {} failed{}{}", s, stepRate, format(result.achievedRate()),
                    format(result.percentileMillis(99)), result.failed() + result.unfinished(), errors.isEmpty() ? "" : " " + new TreeMap<>(errors),
                    keptUp ? "" : ": did not keep up, the ramp ends");
            if (!keptUp) {
                return peak;
            }
            Machine.pause(Duration.ofSeconds(3));
            rate *= settings.growth();
        }
        log.warn("The ramp reached --max-steps={} still keeping up: the peak ({} 2xx/s) is a lower bound; raise --max-steps or --start-rate",
                settings.maxSteps(), format(peak));
        return peak;
    }

    /** A listener that counts the errors of a load by kind and status. */
    private static FixedRateLoad.Listener tally(SoakMix mix, Map<String, Long> errors) {
        return (index, micros, status) -> {
            String error = mix.error(index, status);
            if (error != null) {
                errors.merge(error, 1L, Long::sum);
            }
        };
    }

    record Soaked(int rate, FixedRateLoad.Result result, Minutes minutes, List<MemoryWatch.Series> memory, Instant started, Instant ended) {
    }

    /** The soak proper: the fixed rate for the duration, a line every minute. */
    private Soaked soakAt(int rate, SoakMix mix, Map<String, String> authorization, List<ServiceInstance> apps) {
        int minutes = settings.minutes();
        Minutes byMinute = new Minutes(mix, rate, minutes);
        log.info("Soak: {} requests/s for {} minutes ({} % writes), {} connections", rate, minutes, Math.round(settings.writes() * 100),
                settings.connections());
        ScheduledExecutorService printer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "soak-minutes");
            thread.setDaemon(true);
            return thread;
        });
        FixedRateLoad.Result result;
        try (FixedRateLoad load = new FixedRateLoad(settings.connections(), authorization, settings.responseTimeout());
             MemoryWatch memory = new MemoryWatch(apps, minutes, Duration.ofSeconds(5))) {
            // A minute is printed 5 s after it ends, once most of its late answers are in; the table at the end has all of them.
            for (int m = 0; m < minutes; m++) {
                int minute = m;
                printer.schedule(() -> log.info(minuteLine(byMinute.minute(minute), memory.series(), minute, minutes)), (m + 1) * 60L + 5,
                        TimeUnit.SECONDS);
            }
            Instant started = Instant.now();
            result = load.run(i -> mix.request("soak", i), rate, Duration.ofMinutes(minutes), byMinute::answered);
            Instant ended = Instant.now();
            printer.shutdown();
            awaitQuietly(printer);
            return new Soaked(rate, result, byMinute, memory.series(), started, ended);
        }
    }

    private static String minuteLine(Minutes.Minute m, List<MemoryWatch.Series> memory, int minute, int minutes) {
        String errors = m.errors() == 0 ? "0 errors" : m.errors() + " errors " + m.errorsByKind();
        return String.format(Locale.ROOT, "minute %d/%d: %,d requests, %s, p50 %.1f ms, p99 %.1f ms, max %.0f ms | heap after GC / RSS MiB: %s",
                minute + 1, minutes, m.requests(), errors, m.p50(), m.p99(), m.max(), memory.stream()
                        .map(s -> String.format(Locale.ROOT, "%s %.0f / %.0f", s.name, s.heapMiB[minute], s.rssMiB[minute])
                                + (s.lastProblem == null ? "" : " (" + s.lastProblem + ")"))
                        .collect(Collectors.joining(", ")));
    }

    private String report(String startedAt, String startLoad, int rate, double peak, List<Step> ramp, Soaked soaked, Map<String, List<String>> problems) {
        Minutes minutes = soaked.minutes();
        FixedRateLoad.Result result = soaked.result();
        StringBuilder out = new StringBuilder("\n### Soak (issue 22), ").append(startedAt).append("\n\n");
        out.append(String.format(Locale.ROOT, "Machine: %d CPUs, %d GiB memory, load average %s at start, %s at end; the load generator, the four "
                        + "apps, PostgreSQL, Kafka, Redis and Keycloak on the same machine. Gateway JVM `%s`, each service's `%s`.%n%n",
                Runtime.getRuntime().availableProcessors(), Machine.memoryGiB(), startLoad, Machine.loadAverage(), settings.gatewayJvm(),
                settings.serviceJvm()));
        if (!ramp.isEmpty()) {
            out.append(String.format(Locale.ROOT, "Peak for the mix: **%.0f 2xx/s** through the gateway (ramp of %d s open-loop steps after a %d s "
                    + "warm-up); soak rate %.0f %% of it: **%d requests/s**.%n%n", peak, settings.step().toSeconds(), settings.warmup().toSeconds(),
                    settings.fraction() * 100, rate));
            out.append("| step offered req/s | 2xx/s delivered | p50 ms | p99 ms | failed | kept up |\n|---:|---:|---:|---:|---|---|\n");
            ramp.forEach(step -> out.append(String.format(Locale.ROOT, "| %d | %.0f | %.1f | %.1f | %d%s | %s |%n", step.rate(),
                    step.result().achievedRate(), step.result().percentileMillis(50), step.result().percentileMillis(99),
                    step.result().failed() + step.result().unfinished(), step.errors().isEmpty() ? "" : " " + step.errors(),
                    step.keptUp() ? "yes" : "no")));
            out.append('\n');
        } else {
            out.append(String.format(Locale.ROOT, "Soak rate fixed at **%d requests/s** (`--rate`, no ramp).%n%n", rate));
        }
        out.append(String.format(Locale.ROOT, "Mix: %.0f %% reads (per service a third a page of 50, two thirds one row by id) and %.0f %% keyed "
                        + "POSTs (an income entry, a shop's monthly sales, a workshop wage day; each its own Idempotency-Key), evenly over the household "
                        + "registry, shop management and the supply platform; the county admin's Keycloak token; %d connections; latency from each "
                        + "request's due time.%n%n", (1 - settings.writes()) * 100, settings.writes() * 100, settings.connections()));
        out.append("| minute | requests | errors | p50 ms | p99 ms | max ms |\n|---:|---:|---:|---:|---:|---:|\n");
        long requests = 0;
        long errors = 0;
        Map<String, Long> errorsByKind = new TreeMap<>();
        for (int m = 0; m < minutes.count(); m++) {
            Minutes.Minute minute = minutes.minute(m);
            requests += minute.requests();
            errors += minute.errors();
            minute.errorsByKind().forEach((kind, n) -> errorsByKind.merge(kind, n, Long::sum));
            out.append(String.format(Locale.ROOT, "| %d | %,d | %d | %.1f | %.1f | %.0f |%n", minute.minute(), minute.requests(), minute.errors(),
                    minute.p50(), minute.p99(), minute.max()));
        }
        double[] overall = minutes.overall();
        long unanswered = result.unfinished();
        errors += unanswered;
        out.append(String.format(Locale.ROOT, "| **all** | **%,d** | **%d** | %.1f | %.1f | %.0f |%n%n", requests, errors, overall[0], overall[1],
                overall[2]));
        out.append(String.format(Locale.ROOT, "Sent %,d, answered 2xx %,d; the generator sent late by p99 %.1f ms, max %.1f ms (large: the client "
                        + "was short of CPU).%s%n%n", result.due(), result.completed(), result.sendLagP99Micros() / 1000.0, result.sendLagMaxMicros() / 1000.0,
                errorsByKind.isEmpty() && unanswered == 0 ? "" : " Errors: " + errorsByKind + (unanswered == 0 ? "" : ", " + unanswered + " unanswered at the end")));

        int from = minutes.count() >= 2 * settings.settleMinutes() ? settings.settleMinutes() : minutes.count() / 3;
        out.append(String.format(Locale.ROOT, "Memory per process: heap after GC (old generation and survivors, the minute's lowest sample) and RSS "
                + "(the minute's last), in MiB; slopes by least squares over minutes %d to %d, in MiB per 10 minutes.%n%n", from + 1, minutes.count()));
        out.append("| process | heap after GC first → last | heap slope | RSS first → last | RSS slope | flat |\n|---|---:|---:|---:|---:|---|\n");
        List<String> misses = new ArrayList<>();
        for (MemoryWatch.Series s : soaked.memory()) {
            double heapSlope = MemoryWatch.slopePer10Minutes(s.heapMiB, from);
            double rssSlope = MemoryWatch.slopePer10Minutes(s.rssMiB, from);
            boolean flat = heapSlope < settings.heapFlat() && rssSlope < settings.rssFlat();
            if (!flat) {
                misses.add(s.name + (Double.isNaN(heapSlope) || Double.isNaN(rssSlope) ? " (too few minutes to fit)" : ""));
            }
            out.append(String.format(Locale.ROOT, "| %s | %.0f → %.0f | %+.1f | %.0f → %.0f | %+.1f | %s |%n", s.name, first(s.heapMiB, from),
                    last(s.heapMiB), heapSlope, first(s.rssMiB, from), last(s.rssMiB), rssSlope, flat ? "yes" : "**no**"));
        }
        boolean pass = errors == 0 && misses.isEmpty();
        out.append(String.format(Locale.ROOT, "%nVerdict: **%s** against the targets: 0 errors (%d); heap after GC flat (slope below %.0f MiB/10 min) "
                        + "and RSS flat (below %.0f MiB/10 min) in every process from minute %d on%s.%n", pass ? "PASS" : "MISS", errors,
                settings.heapFlat(), settings.rssFlat(), from + 1, misses.isEmpty() ? "" : "; not flat: " + String.join(", ", misses)));
        if (minutes.count() < 20) {
            out.append(String.format(Locale.ROOT, "%nA %d-minute run: too short for the slopes to mean much; the issue's soak is 30 minutes.%n",
                    minutes.count()));
        }
        problems.forEach((app, lines) -> {
            if (!lines.isEmpty()) {
                List<String> soaking = lines.stream().filter(line -> during(line, soaked)).toList();
                List<String> shown = soaking.isEmpty() ? lines : soaking;
                out.append(String.format(Locale.ROOT, "%n%s logged %d warnings or errors, %d of them during the soak; the first%s: %s%n", app,
                        lines.size(), soaking.size(), soaking.isEmpty() ? " (before it)" : " during it",
                        shown.stream().limit(3).map(this::logLine).collect(Collectors.joining(" | "))));
            }
        });
        return out.toString();
    }

    /** Whether an ECS JSON log line's {@code @timestamp} falls within the soak; a line without one does not. */
    private static boolean during(String line, Soaked soaked) {
        int at = line.indexOf("\"@timestamp\":\"");
        if (at < 0) {
            return false;
        }
        int from = at + "\"@timestamp\":\"".length();
        try {
            Instant time = Instant.parse(line.substring(from, line.indexOf('"', from)));
            return !time.isBefore(soaked.started()) && !time.isAfter(soaked.ended());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** An ECS JSON log line as "WARN Logger: message", shortened; any other line as it is, shortened. */
    private String logLine(String line) {
        String text = line;
        if (line.startsWith("{")) {
            try {
                var entry = json.readTree(line);
                String logger = entry.path("log").path("logger").asString();
                text = entry.path("log").path("level").asString() + " " + logger.substring(logger.lastIndexOf('.') + 1) + ": "
                        + entry.path("message").asString();
            } catch (RuntimeException e) {
                // Not JSON after all: shown as it is.
            }
        }
        return "`" + text.substring(0, Math.min(200, text.length())).replace('`', '\'') + "`";
    }

    private static double first(double[] values, int from) {
        for (int m = from; m < values.length; m++) {
            if (!Double.isNaN(values[m])) {
                return values[m];
            }
        }
        return Double.NaN;
    }

    private static double last(double[] values) {
        for (int m = values.length - 1; m >= 0; m--) {
            if (!Double.isNaN(values[m])) {
                return values[m];
            }
        }
        return Double.NaN;
    }

    private UUID created(ServiceInstance service, String path, String token, Map<String, Object> body) {
        var response = service.json("POST", path, token, json.writeValueAsString(body));
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + " " + response.body());
        }
        return UUID.fromString(json.readTree(response.body()).path("id").asString());
    }

    private static List<UUID> ids(PostgresServer postgres, PostgresServer.Database database, String sql) {
        List<UUID> ids = new ArrayList<>();
        try (Connection superuser = postgres.connect(database.name()); Statement statement = superuser.createStatement();
             ResultSet rows = statement.executeQuery(sql + " order by id")) {
            while (rows.next()) {
                ids.add(rows.getObject(1, UUID.class));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
        return ids;
    }

    private static void awaitQuietly(ScheduledExecutorService printer) {
        try {
            printer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static List<String> split(String options) {
        return options.isBlank() ? List.of() : List.of(options.trim().split("\\s+"));
    }
}
