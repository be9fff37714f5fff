package org.povertyalleviation.bench.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.povertyalleviation.bench.BenchRun;
import org.povertyalleviation.bench.CommandLine;
import org.povertyalleviation.bench.FixedRateLoad;
import org.povertyalleviation.bench.Machine;
import org.povertyalleviation.platform.infra.BuildRepository;
import org.povertyalleviation.platform.infra.FreePorts;
import org.povertyalleviation.platform.infra.HttpProbe;
import org.povertyalleviation.platform.infra.KafkaBroker;
import org.povertyalleviation.platform.infra.KeycloakServer;
import org.povertyalleviation.platform.infra.LocalProcess;
import org.povertyalleviation.platform.infra.PlatformRealm;
import org.povertyalleviation.platform.infra.RedisServer;
import org.povertyalleviation.platform.infra.Waiting;
import org.povertyalleviation.bench.gateway.plain.PlainGatewayApplication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Our gateway against a plain Spring Cloud Gateway and against no gateway at all, in one run on one machine.
 *
 * <p>Starts real Redis, Kafka and Keycloak (our gateway's rate limiter, county events and token issuer), a trivial
 * backend, the plain gateway with one route to it, and our gateway from its packaged jar with the backend
 * configured as service {@code bench} and a partner whose budget is far above anything the machine can send. Each
 * of the three targets then gets the same load, with the same request (a partner's bearer token, a county-scoped
 * path, so that our gateway validates the JWT, checks the county, asks Redis for the budget and goes through the
 * breaker): wrk for the peak, then the open-loop generator at a fixed rate of half our gateway's peak for the
 * latency that matters. See bench/gateway/README.md.
 */
public final class GatewayBenchmark implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GatewayBenchmark.class);

    static final String PARTNER = "bench-partner";
    static final String PARTNER_SECRET = "bench-partner-secret";
    static final String COUNTY = "621222";
    static final String PATH = "/api/bench/counties/" + COUNTY + "/things";
    /** Our gateway's budget for the partner, per second (and twice that for the burst): never the bottleneck. */
    static final int BUDGET = 1_000_000;

    static final double TARGET_THROUGHPUT_RATIO = 0.85;
    static final double TARGET_ADDED_P99_MILLIS = 2.0;

    record Target(String name, String url) {
    }

    private final BenchSettings settings;
    private final BenchRun run;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile Wrk wrk;

    private GatewayBenchmark(BenchSettings settings) {
        this.settings = settings;
        this.run = new BenchRun("gateway-bench", settings.keepLogs());
    }

    private void run() {
        BuildRepository.useTheBuilds(GatewayBenchmark.class, "/bench-build.properties");
        if (!Wrk.installed()) {
            throw new IllegalStateException("wrk is not installed (Debian: apt-get install -y wrk); run.sh installs it");
        }
        if (!Files.isRegularFile(settings.gatewayJar())) {
            throw new IllegalStateException(settings.gatewayJar() + " is missing: build first (bench/gateway/run.sh does)");
        }
        String startLoad = Machine.loadAverage();

        log.info("Starting Redis, Kafka and Keycloak for our gateway (Keycloak takes half a minute)");
        RedisServer redis = run.track(RedisServer.start());
        KafkaBroker kafka = run.track(KafkaBroker.start());
        KeycloakServer keycloak = run.track(KeycloakServer.start(List.of(realm())));

        int backendPort = FreePorts.next();
        String backendUrl = "http://127.0.0.1:" + backendPort;
        startJvm("backend", split(settings.backendJvm()), List.of("-Dlogback.configurationFile=bench-logback.xml",
                        "-cp", classpath(), BenchBackend.class.getName(), Integer.toString(backendPort)),
                Map.of(), () -> HttpProbe.status(backendUrl + PATH) == 200);

        int plainPort = FreePorts.next();
        String plainUrl = "http://127.0.0.1:" + plainPort;
        startJvm("plain-gateway", split(settings.gatewayJvm()), List.of("-cp", classpath(),
                        PlainGatewayApplication.class.getName(), "--server.port=" + plainPort, "--server.address=127.0.0.1",
                        "--bench.backend-uri=" + backendUrl, "--spring.main.banner-mode=off"),
                Map.of(), () -> HttpProbe.status(plainUrl + PATH) == 200);

        int ourPort = FreePorts.next();
        String ourUrl = "http://127.0.0.1:" + ourPort;
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PORT", Integer.toString(ourPort));
        environment.put("SPRING_DATA_REDIS_HOST", redis.host());
        environment.put("SPRING_DATA_REDIS_PORT", Integer.toString(redis.port()));
        environment.put("SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS", kafka.bootstrapServers());
        environment.put("PLATFORM_ISSUER_URI", keycloak.issuer(PlatformRealm.NAME));
        // The configured county-registry route is never called; it points nowhere rather than at a devstack.
        environment.put("COUNTY_REGISTRY_URL", "http://127.0.0.1:9");
        List<String> ours = new ArrayList<>(List.of("-jar", settings.gatewayJar().toAbsolutePath().toString(),
                "--gateway.services.bench.uri=" + backendUrl,
                "--gateway.rate-limits.clients." + PARTNER + ".requests-per-second=" + BUDGET,
                "--gateway.rate-limits.clients." + PARTNER + ".burst=" + 2 * BUDGET));
        if (!settings.accessLog()) {
            ours.add("--logging.level.gateway.access=WARN");
        }
        ours.addAll(split(settings.ourGatewayArgs()));
        startJvm("our-gateway", split(settings.gatewayJvm()), ours, environment,
                () -> HttpProbe.status(ourUrl + "/actuator/health/readiness") == 200);

        String authorization = "Bearer " + keycloak.clientCredentialsGrant(PlatformRealm.NAME, PARTNER, PARTNER_SECRET);
        List<Target> targets = List.of(new Target("direct (backend)", backendUrl + PATH),
                new Target("plain gateway", plainUrl + PATH), new Target("our gateway", ourUrl + PATH));
        checkTheRequestIsReallyChecked(targets, ourUrl, authorization);

        // Peak: wrk, closed loop, the same for each target.
        wrk = new Wrk(run.directory(), settings.wrkThreads(), settings.connections(), authorization);
        Map<Target, Wrk.Result> peaks = new LinkedHashMap<>();
        for (Target target : targets) {
            log.info("Peak of {}: at least {} s warm-up, {} s measured ({})", target.name(), settings.warmup().toSeconds(),
                    settings.duration().toSeconds(), wrk.describe());
            warmUp(target);
            Wrk.Result peak = wrk.run(target.url(), settings.duration());
            log.info("  {}: {} req/s, p50 {} ms, p99 {} ms, {} errors", target.name(), String.format(Locale.ROOT, "%.0f",
                    peak.requestsPerSecond()), peak.p50Micros() / 1000.0, peak.p99Micros() / 1000.0, peak.errors());
            peaks.put(target, peak);
            Machine.pause(java.time.Duration.ofSeconds(2));
        }

        // Latency at a fixed rate: half of our gateway's peak (or the rate asked for), the same rate for each target.
        int rate = settings.rate() > 0 ? settings.rate()
                : (int) Math.max(1, Math.round(settings.rateFraction() * peaks.get(targets.get(2)).requestsPerSecond()));
        Map<Target, FixedRateLoad.Result> fixed = new LinkedHashMap<>();
        try (FixedRateLoad load = new FixedRateLoad(settings.connections(), authorization)) {
            for (Target target : targets) {
                log.info("Fixed rate {} req/s to {}: {} s warm-up, {} s measured", rate, target.name(),
                        settings.fixedWarmup().toSeconds(), settings.duration().toSeconds());
                if (!settings.fixedWarmup().isZero()) {
                    load.run(target.url(), rate, settings.fixedWarmup());
                }
                FixedRateLoad.Result result = load.run(target.url(), rate, settings.duration());
                log.info("  {}: p50 {} ms, p99 {} ms, {} failed, {} unfinished", target.name(),
                        result.percentileMillis(50), result.percentileMillis(99), result.failed(), result.unfinished());
                fixed.put(target, result);
                Machine.pause(java.time.Duration.ofSeconds(2));
            }
        }
        System.out.println(report(targets, peaks, fixed, rate, startLoad, Machine.loadAverage()));
    }

    /**
     * wrk load in 5 s steps for at least the configured warm-up, then until the last three steps agree within 10 %
     * (the JIT has settled), but no longer than the configured maximum.
     */
    private void warmUp(Target target) {
        Duration step = Duration.ofSeconds(5);
        long spent = 0;
        List<Double> rates = new ArrayList<>();
        StringBuilder steps = new StringBuilder();
        while (spent < settings.warmupMax().toSeconds()) {
            double rate = wrk.run(target.url(), step).requestsPerSecond();
            spent += step.toSeconds();
            rates.add(rate);
            steps.append(String.format(Locale.ROOT, " %.0f", rate));
            List<Double> last = rates.subList(Math.max(0, rates.size() - 3), rates.size());
            boolean steady = last.size() == 3
                    && last.stream().mapToDouble(Double::doubleValue).max().orElse(0)
                    <= 1.10 * last.stream().mapToDouble(Double::doubleValue).min().orElse(0);
            if (spent >= settings.warmup().toSeconds() && steady) {
                log.info("  warm-up of {} steady after {} s (req/s per 5 s step:{})", target.name(), spent, steps);
                return;
            }
        }
        log.warn("  warm-up of {} not steady after {} s (req/s per 5 s step:{}); measuring anyway", target.name(), spent, steps);
    }

    /**
     * Before measuring anything: every target answers the benchmark's request, and our gateway really does the
     * work being measured (a request without a token is refused, one for another county is refused, and the answer
     * carries the budget Redis counted).
     */
    private void checkTheRequestIsReallyChecked(List<Target> targets, String ourUrl, String authorization) {
        for (Target target : targets) {
            HttpResponse<String> response = get(target.url(), authorization);
            require(response.statusCode() == 200, target.name() + " answered " + response.statusCode() + ": " + response.body());
        }
        HttpResponse<String> ours = get(targets.get(2).url(), authorization);
        String remaining = ours.headers().firstValue("X-RateLimit-Remaining").orElse("(none)");
        require(!remaining.equals("(none)") && !remaining.startsWith("-"),
                "our gateway's rate limiter did not count the request (X-RateLimit-Remaining: " + remaining + "); is Redis up?");
        int anonymous = get(targets.get(2).url(), null).statusCode();
        require(anonymous == 401, "our gateway answered " + anonymous + " to a request without a token, not 401");
        int otherCounty = get(ourUrl + "/api/bench/counties/621223/things", authorization).statusCode();
        require(otherCounty == 403, "our gateway answered " + otherCounty + " for a county the partner may not read, not 403");
        log.info("Checked: all three answer 200; our gateway refuses no token (401) and another county (403), "
                + "and counts the partner's budget in Redis (X-RateLimit-Remaining {})", remaining);
    }

    private HttpResponse<String> get(String url, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    private String report(List<Target> targets, Map<Target, Wrk.Result> peaks, Map<Target, FixedRateLoad.Result> fixed,
                          int rate, String startLoad, String endLoad) {
        StringBuilder out = new StringBuilder();
        out.append("\n## Gateway benchmark, ").append(Machine.startedAt())
                .append("\n\n");
        out.append(String.format(Locale.ROOT, "Machine: %d CPUs, load average %s at start, %s at end. The load generators "
                + "run on the same CPUs as the servers, so absolute figures are below what a separate client would "
                + "measure; the ratios are the result.%n%n", Runtime.getRuntime().availableProcessors(), startLoad, endLoad));
        out.append(String.format(Locale.ROOT, "Peak: %s (closed loop), at least %d s warm-up (until steady) and %d s measured per target. "
                        + "Fixed rate: %d req/s (%s), open loop over %d connections, %d s warm-up and %d s measured per "
                        + "target, latency from each request's due time. Both gateways: %s. Our gateway's access log: %s.%n%n",
                wrk.describe(), settings.warmup().toSeconds(), settings.duration().toSeconds(), rate,
                settings.rate() > 0 ? "as asked" : settings.rateFraction() + " x our gateway's peak", settings.connections(),
                settings.fixedWarmup().toSeconds(), settings.duration().toSeconds(), settings.gatewayJvm(),
                settings.accessLog() ? "on" : "off"));
        if (!settings.ourGatewayArgs().isBlank()) {
            out.append("Our gateway ran with extra arguments: ").append(settings.ourGatewayArgs()).append("\n\n");
        }
        out.append("| target | peak req/s | peak p50 ms | peak p99 ms | peak errors | fixed req/s | p50 ms | p99 ms | p99.9 ms | max ms | errors |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Target target : targets) {
            Wrk.Result peak = peaks.get(target);
            FixedRateLoad.Result at = fixed.get(target);
            out.append(String.format(Locale.ROOT, "| %s | %.0f | %.2f | %.2f | %d | %d | %.2f | %.2f | %.2f | %.2f | %d |%n",
                    target.name(), peak.requestsPerSecond(), peak.p50Micros() / 1000.0, peak.p99Micros() / 1000.0,
                    peak.errors(), rate, at.percentileMillis(50), at.percentileMillis(99), at.percentileMillis(99.9),
                    at.percentileMillis(100), at.failed() + at.unfinished()));
        }
        Wrk.Result direct = peaks.get(targets.get(0));
        Wrk.Result plain = peaks.get(targets.get(1));
        Wrk.Result ours = peaks.get(targets.get(2));
        double ourPlain = ours.requestsPerSecond() / plain.requestsPerSecond();
        double ourDirect = ours.requestsPerSecond() / direct.requestsPerSecond();
        double p99Direct = fixed.get(targets.get(0)).percentileMillis(99);
        double p99Plain = fixed.get(targets.get(1)).percentileMillis(99);
        double p99Ours = fixed.get(targets.get(2)).percentileMillis(99);
        boolean clean = peaks.values().stream().allMatch(r -> r.errors() == 0)
                && fixed.values().stream().allMatch(FixedRateLoad.Result::clean);
        out.append("\n| comparison | value | target | verdict |\n|---|---:|---|---|\n");
        out.append(String.format(Locale.ROOT, "| throughput our/plain | %.2f | >= %.2f | %s |%n", ourPlain, TARGET_THROUGHPUT_RATIO,
                verdict(ourPlain >= TARGET_THROUGHPUT_RATIO, clean)));
        out.append(String.format(Locale.ROOT, "| throughput our/direct | %.3f | (for information) | |%n", ourDirect));
        out.append(String.format(Locale.ROOT, "| added p99 at %d req/s, ours - direct | %.2f ms | <= %.1f ms | %s |%n", rate,
                p99Ours - p99Direct, TARGET_ADDED_P99_MILLIS, verdict(p99Ours - p99Direct <= TARGET_ADDED_P99_MILLIS, clean)));
        out.append(String.format(Locale.ROOT, "| added p99 at %d req/s, ours - plain | %.2f ms | <= %.1f ms | %s |%n", rate,
                p99Ours - p99Plain, TARGET_ADDED_P99_MILLIS, verdict(p99Ours - p99Plain <= TARGET_ADDED_P99_MILLIS, clean)));
        out.append("\nFixed-rate generator, how late it sent (p99 / max, ms; large values mean the client, not the server, "
                + "was short of CPU):");
        for (Target target : targets) {
            FixedRateLoad.Result at = fixed.get(target);
            out.append(String.format(Locale.ROOT, " %s %.2f / %.2f;", target.name(), at.sendLagP99Micros() / 1000.0,
                    at.sendLagMaxMicros() / 1000.0));
        }
        out.append('\n');
        if (!clean) {
            out.append("\nINVALID: some requests failed (see the errors columns); the verdicts are not meaningful.\n");
        }
        return out.toString();
    }

    private static String verdict(boolean met, boolean clean) {
        return !clean ? "INVALID" : met ? "PASS" : "MISS";
    }

    /** The repository's realm with one partner granted the benchmark's county, and tokens that outlast any run. */
    private static String realm() {
        JsonMapper json = JsonMapper.builder().build();
        ObjectNode realm = (ObjectNode) json.readTree(PlatformRealm.fromRepository().partner(PARTNER, PARTNER_SECRET, COUNTY).json());
        realm.put("accessTokenLifespan", 24 * 3600);
        return json.writeValueAsString(realm);
    }

    /** Starts a JVM in its own process group with its output in the run directory, and waits until it answers. */
    private void startJvm(String name, List<String> jvmOptions, List<String> arguments, Map<String, String> environment,
                          BooleanSupplier ready) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(arguments);
        Path logFile = run.directory().resolve(name + ".log");
        LocalProcess process = LocalProcess.start(name, command, environment, run.directory(), logFile, "TERM");
        run.track((AutoCloseable) () -> process.stop(Duration.ofSeconds(20)));
        Waiting.until(name, Duration.ofSeconds(180), process, ready, logFile);
        log.info("{} ready (log {})", name, logFile);
    }

    @Override
    public synchronized void close() {
        Wrk running = wrk;
        if (running != null) {
            running.stop();
        }
        run.close();
    }

    /** This JVM's classpath with absolute entries: the servers run in the run directory. */
    private static String classpath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    private static List<String> split(String options) {
        return options.isBlank() ? List.of() : List.of(options.trim().split("\\s+"));
    }

    public static void main(String[] args) {
        BenchSettings settings = CommandLine.parseOrExit(args, BenchSettings::parse, BenchSettings.USAGE);
        GatewayBenchmark benchmark = new GatewayBenchmark(settings);
        benchmark.run.runAndExit("gateway-bench", benchmark::run, benchmark::close);
    }
}
