package org.povertyalleviation.bench.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;

import org.povertyalleviation.bench.BenchRun;
import org.povertyalleviation.bench.BenchStack;
import org.povertyalleviation.bench.BenchData;
import org.povertyalleviation.bench.CommandLine;
import org.povertyalleviation.bench.CountyCodes;
import org.povertyalleviation.bench.CountyEvents;
import org.povertyalleviation.bench.FixedRateLoad;
import org.povertyalleviation.bench.Machine;
import org.povertyalleviation.bench.Sampler;
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
 * The public trace pages (issue 18: "public page p99 under 1,000 req/s through the gateway"): a fixed offered rate of
 * anonymous phone requests for a published lot's page and for its packs' pages (each a random serial of a print run,
 * each view counted as a scan), through the gateway as shipped and, as the baseline of the same run, straight to the
 * supply platform. Open loop, latency from each request's due time. Each simulated phone has its own address
 * (X-Forwarded-For from a trusted loopback peer), so the gateway's per-address anonymous budget is consulted on every
 * request as in production without being what limits the run. See bench/trace/README.md.
 */
public final class TraceBenchmark {

    private static final Logger log = LoggerFactory.getLogger(TraceBenchmark.class);

    static final String COUNTY = "621222";
    static final String ADMIN = "admin-" + COUNTY;
    static final String PASSWORD = "bench-password-2026";
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** The gateway's route to the supply platform. */
    static final String GATEWAY_PREFIX = "/api/supply-platform";
    /** Only loopback is a trusted proxy: the benchmark is the ingress, and every 10.x address it names is a phone. */

    record Settings(int rate, int lowRate, Duration warmup, Duration duration, int connections, int addresses, int labels, Duration responseTimeout,
                    String serviceJvm, String gatewayJvm, Path supplyJar, Path gatewayJar, long seed, boolean keepLogs) {

        static final String USAGE = """
                usage: bench/trace/run.sh [--option=value ...]
                  --rate=1000            offered requests per second, open loop, for every phase
                  --low-rate=100         then the same four phases at this rate, one the machine can sustain, for the
                                         page's own latency (0: none)
                  --warmup=30            seconds of load before each measured phase (discarded: JIT, pools)
                  --duration=60          seconds of each measured phase (lot or pack page, direct or through the gateway)
                  --connections=64       keep-alive connections of the load generator (requests wait for one: the wait counts)
                  --addresses=4096       simulated phones: X-Forwarded-For addresses, one after the other, all in 10.0.0.0/16
                  --labels=5000          packs printed for the lot (one print run; at most 5,000)
                  --response-timeout=10  seconds a sent request may wait for its answer before it counts as an error
                  --service-jvm="-Xms512m -Xmx1g"   JVM options of the supply platform
                  --gateway-jvm="-Xms512m -Xmx512m" JVM options of the gateway
                  --supply-jar=services/supply-platform/target/supply-platform-0.1.0-SNAPSHOT.jar
                  --gateway-jar=gateway/target/gateway-0.1.0-SNAPSHOT.jar
                  --seed=20261205        seed of the serials' order
                  --keep-logs=false      keep the run directory (logs; kept anyway when the run fails)
                """;

        private static final Set<String> KNOWN = Set.of("rate", "low-rate", "warmup", "duration", "connections", "addresses", "labels", "response-timeout",
                "service-jvm", "gateway-jvm", "supply-jar", "gateway-jar", "seed", "keep-logs");

        static Settings parse(String[] args) {
            Map<String, String> options = CommandLine.options(args, KNOWN);
            try {
                Settings settings = new Settings(Integer.parseInt(options.getOrDefault("rate", "1000")),
                        Integer.parseInt(options.getOrDefault("low-rate", "100")),
                        CommandLine.seconds(options.get("warmup"), 30), CommandLine.seconds(options.get("duration"), 60),
                        Integer.parseInt(options.getOrDefault("connections", "64")), Integer.parseInt(options.getOrDefault("addresses", "4096")),
                        Integer.parseInt(options.getOrDefault("labels", "5000")), CommandLine.seconds(options.get("response-timeout"), 10),
                        options.getOrDefault("service-jvm", "-Xms512m -Xmx1g"), options.getOrDefault("gateway-jvm", "-Xms512m -Xmx512m"),
                        Path.of(options.getOrDefault("supply-jar", "services/supply-platform/target/supply-platform-0.1.0-SNAPSHOT.jar")),
                        Path.of(options.getOrDefault("gateway-jar", "gateway/target/gateway-0.1.0-SNAPSHOT.jar")),
                        Long.parseLong(options.getOrDefault("seed", "20261205")), Boolean.parseBoolean(options.getOrDefault("keep-logs", "false")));
                // 65,534 addresses fit in the one /16; 5,000 labels is the service's largest print run.
                if (settings.rate < 1 || settings.lowRate < 0 || settings.duration.isZero() || settings.connections < 1 || settings.addresses < 1
                        || settings.addresses > 65_534 || settings.labels < 1 || settings.labels > 5_000 || settings.responseTimeout.isZero()) {
                    throw new CommandLine.Usage("Out-of-range option in " + options);
                }
                return settings;
            } catch (NumberFormatException e) {
                throw new CommandLine.Usage("Not a number: " + e.getMessage());
            }
        }
    }

    /** One measured phase: a page through a target, with what the machine's CPUs did meanwhile. */
    record Phase(int rate, String page, String target, FixedRateLoad.Result result, String cpu) {
    }

    private final Settings settings;
    private final BenchRun run;
    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private TraceBenchmark(Settings settings) {
        this.settings = settings;
        this.run = new BenchRun("trace-bench", settings.keepLogs());
    }

    public static void main(String[] args) {
        Settings settings = CommandLine.parseOrExit(args, Settings::parse, Settings.USAGE);
        TraceBenchmark benchmark = new TraceBenchmark(settings);
        benchmark.run.runAndExit("trace-bench", benchmark::run, benchmark::close);
    }

    private void run() {
        BuildRepository.useTheBuilds(TraceBenchmark.class, "/bench-build.properties");
        Path supplyJar = ServiceInstance.copyJar(settings.supplyJar(), run.directory(), "supply-platform.jar");
        Path gatewayJar = ServiceInstance.copyJar(settings.gatewayJar(), run.directory(), "gateway.jar");
        String startLoad = Machine.loadAverage();
        String startedAt = Machine.startedAt();

        BenchStack stack = BenchStack.start(run, BenchData.realmWithCountyAdmin(COUNTY, ADMIN, PASSWORD));
        PostgresServer postgres = stack.postgres();
        KafkaBroker kafka = stack.kafka();
        KeycloakServer keycloak = stack.keycloak();
        PostgresServer.Database supplyDb = postgres.database("supply_platform");
        ServiceInstance supply = stack.service("supply-platform", supplyJar, split(settings.serviceJvm()), List.of(), supplyDb, Map.of());
        // Only loopback is trusted as a proxy, so that each X-Forwarded-For address the load sends is a caller of its own.
        ServiceInstance gateway = stack.gateway(gatewayJar, split(settings.gatewayJvm()), Map.of("SUPPLY_PLATFORM_URL", supply),
                BenchStack.LOOPBACK_ONLY, List.of());
        String token = keycloak.passwordGrant(PlatformRealm.NAME, PlatformRealm.CLI_CLIENT, ADMIN, PASSWORD);

        Seeded seeded = seed(postgres, supplyDb, supply, kafka, token);
        String gatewayBase = gateway.baseUrl() + GATEWAY_PREFIX;
        // One serial is scanned by the checks from another network: the load leaves it out, so that no pack it views
        // is a suspected copy.
        String checked = seeded.serials().get(0);
        List<String> serials = seeded.serials().subList(1, seeded.serials().size());
        checkTheGatewayReallyLimitsPerAddress(postgres, supplyDb, gatewayBase, seeded.code(), checked);

        String[] addresses = new String[settings.addresses()];
        for (int k = 0; k < addresses.length; k++) {
            addresses[k] = "10.0." + ((k + 1) >> 8) + "." + ((k + 1) & 0xff);
        }
        Map<String, Long> others = Map.of("gateway JVM", gateway.pid());
        List<Phase> phases = new ArrayList<>();
        List<Integer> rates = settings.lowRate() > 0 ? List.of(settings.rate(), settings.lowRate()) : List.of(settings.rate());
        for (int rate : rates) {
            for (String page : List.of("lot", "pack")) {
                for (String target : List.of("direct", "gateway")) {
                    boolean viaGateway = target.equals("gateway");
                    String base = (viaGateway ? gatewayBase : supply.baseUrl()) + "/trace/" + seeded.code();
                    // The gateway learns the phone's address from X-Forwarded-For and passes it on as X-Client-Address;
                    // straight to the service, the benchmark sends that header itself, so the service does the same work.
                    String addressHeader = viaGateway ? "X-Forwarded-For" : "X-Client-Address";
                    SplittableRandom random = new SplittableRandom(settings.seed());
                    LongFunction<FixedRateLoad.Request> requests = page.equals("lot")
                            ? i -> new FixedRateLoad.Request(base, Map.of(addressHeader, addresses[(int) (i % addresses.length)]))
                            : i -> new FixedRateLoad.Request(base + "/" + serials.get(random.nextInt(serials.size())),
                            Map.of(addressHeader, addresses[(int) (i % addresses.length)]));
                    phases.add(measure(rate, page, target, requests, postgres, supplyDb, supply, others));
                }
            }
        }
        String scans = scanSummary(postgres, supplyDb);
        System.out.println(report(startedAt, startLoad, phases, seeded, scans));
    }

    record Seeded(String lot, String code, List<String> serials, int events) {
    }

    /**
     * The county joins (its registry's events), then through the supply platform's API as its admin: a cooperative, its
     * base, a product certified over the harvest, a lot with three public trace events, published, and one print run.
     * The serials are read back from the database. Not measured.
     */
    private Seeded seed(PostgresServer postgres, PostgresServer.Database supplyDb, ServiceInstance supply, KafkaBroker kafka, String token) {
        List<String> villages = List.of(CountyCodes.village(COUNTY, 0), CountyCodes.village(COUNTY, 1), CountyCodes.village(COUNTY, 2));
        try (CountyEvents events = new CountyEvents(kafka.bootstrapServers())) {
            events.countyJoined(COUNTY, "文县", CountyCodes.townships(villages.size()), villages.size());
            for (int v = 0; v < villages.size(); v++) {
                events.villageRegistered(COUNTY, villages.get(v), CountyCodes.township(COUNTY, v), "村" + v);
            }
            events.flush();
        }
        BenchData.awaitCount(postgres, supplyDb.name(), "select count(*) from village where county_code = '" + COUNTY + "'", villages.size(),
                "villages in the supply platform", Duration.ofMinutes(3));
        String county = "/counties/" + COUNTY;
        LocalDate today = LocalDate.now(CHINA);
        LocalDate harvest = today.minusDays(5);
        String organisation = call(supply, "POST", county + "/organisations", token, Map.of("kind", "COOPERATIVE", "name", "文县花椒专业合作社",
                "legalId", "93621222MA74XB2K1B", "contactName", "理事长")).path("id").asString();
        String base = call(supply, "POST", county + "/organisations/" + organisation + "/bases", token, Map.of("village", villages.get(0),
                "areaMu", 80, "crop", "花椒")).path("id").asString();
        String product = call(supply, "POST", county + "/products", token, Map.of("organisation", organisation, "name", "文县大红袍花椒",
                "category", "SICHUAN_PEPPER", "unit", "KG", "bases", List.of(base))).path("id").asString();
        call(supply, "POST", county + "/products/" + product + "/certifications", token, Map.of("kind", "GREEN_FOOD", "issuer", "中国绿色食品发展中心",
                "number", "LB-BENCH-2026", "document", "docs/lb.pdf", "validFrom", today.minusYears(1).toString(),
                "validTo", today.plusYears(1).toString()));
        JsonNode lot = call(supply, "POST", county + "/lots", token, Map.of("product", product, "base", base, "lotNumber", "WD-" + harvest,
                "quantity", 5000, "harvestDate", harvest.toString(), "grade", "特级", "households", List.of()));
        String lotId = lot.path("id").asString();
        String code = lot.path("code").asString();
        String events = county + "/lots/" + lotId + "/events";
        call(supply, "POST", events, token, Map.of("eventId", "h-" + lotId, "businessStep", "HARVESTING", "eventTime", harvest + "T07:00:00+08:00",
                "readPoint", "碧口镇李子坝村", "latitude", 32.75, "longitude", 105.23));
        call(supply, "POST", events, token, Map.of("eventId", "p-" + lotId, "businessStep", "PROCESSING",
                "eventTime", harvest.plusDays(1) + "T09:00:00+08:00", "readPoint", "文县花椒加工厂"));
        call(supply, "POST", events, token, Map.of("eventId", "s-" + lotId, "businessStep", "SHIPPING",
                "eventTime", harvest.plusDays(2) + "T10:00:00+08:00", "readPoint", "文县物流园", "latitude", 32.94, "longitude", 104.68));
        call(supply, "PUT", county + "/lots/" + lotId + "/publication", token, Map.of("published", true,
                "publicSteps", List.of("HARVESTING", "PROCESSING", "SHIPPING")));
        log.info("Printing {} labels for lot {}", settings.labels(), code);
        call(supply, "POST", county + "/lots/" + lotId + "/print-runs", token, Map.of("labels", settings.labels()));
        List<String> serials = new ArrayList<>();
        try (Connection superuser = postgres.connect(supplyDb.name());
             PreparedStatement select = superuser.prepareStatement("select serial from pack where county_code = ? and lot_id = ? order by position")) {
            select.setString(1, COUNTY);
            select.setObject(2, UUID.fromString(lotId));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    serials.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the serials failed: " + e.getMessage(), e);
        }
        require(serials.size() == settings.labels(), "the print run made " + serials.size() + " packs, not " + settings.labels());
        log.info("Seeded: lot {} published with 3 public steps, {} packs", code, serials.size());
        return new Seeded(lotId, code, serials, 3);
    }

    /**
     * Before measuring: the gateway answers an anonymous phone with the lot's page; its budget is per address, taken
     * from X-Forwarded-For (a burst from one address is refused in part, while another address is still served); and
     * the service learns the phone's network from the gateway (a pack viewed from 10.77.x.x counts that /16).
     */
    private void checkTheGatewayReallyLimitsPerAddress(PostgresServer postgres, PostgresServer.Database supplyDb, String gatewayBase, String code,
                                                     String serial) {
        HttpResponse<String> page = get(gatewayBase + "/trace/" + code, "10.99.0.1");
        require(page.statusCode() == 200 && page.body().contains(code), "the gateway answered " + page.statusCode() + " for the lot's page");
        log.info("Lot page through the gateway: {} bytes, Cache-Control {}", page.body().getBytes(StandardCharsets.UTF_8).length,
                page.headers().firstValue("Cache-Control").orElse("(none)"));
        List<CompletableFuture<HttpResponse<Void>>> burst = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            burst.add(http.sendAsync(request(gatewayBase + "/trace/" + code, "10.99.0.2"), HttpResponse.BodyHandlers.discarding()));
        }
        long refused = burst.stream().map(CompletableFuture::join).filter(response -> response.statusCode() == 429).count();
        int other = get(gatewayBase + "/trace/" + code, "10.99.0.3").statusCode();
        require(refused > 0, "80 requests at once from one address were all served: the anonymous budget is not consulted");
        require(other == 200, "another address got " + other + " after one address's burst: the budget is not per X-Forwarded-For address");
        int pack = get(gatewayBase + "/trace/" + code + "/" + serial, "10.77.1.1").statusCode();
        require(pack == 200, "the gateway answered " + pack + " for a pack's page");
        try (Connection superuser = postgres.connect(supplyDb.name());
             PreparedStatement select = superuser.prepareStatement("select count(*) from pack_scan_place where serial = ? and place = '10.77.0.0/16'")) {
            select.setString(1, serial);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                require(rows.getInt(1) == 1, "the pack's scan was not counted from the phone's network (10.77.0.0/16)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        log.info("Checked: 80 requests at once from one address got {} refusals (429), another address was served, and the pack's scan "
                + "counted the phone's network", refused);
    }

    private Phase measure(int rate, String page, String target, LongFunction<FixedRateLoad.Request> requests, PostgresServer postgres,
                          PostgresServer.Database supplyDb, ServiceInstance supply, Map<String, Long> others) {
        Map<String, String> phone = Map.of("Accept", "text/html,application/xhtml+xml,*/*;q=0.8", "Accept-Language", "zh-CN,zh;q=0.9",
                "User-Agent", "trace-bench");
        log.info("{} page, {}: {} req/s, {} s warm-up", page, target, rate, settings.warmup().toSeconds());
        if (!settings.warmup().isZero()) {
            // A load of its own: when the server cannot keep up, what the warm-up left waiting goes with its pool.
            try (FixedRateLoad warmUp = new FixedRateLoad(settings.connections(), phone, settings.responseTimeout())) {
                FixedRateLoad.Result warm = warmUp.run(requests, rate, settings.warmup());
                log.info("  warm-up: p99 {} ms, {} of {} answered 2xx", warm.percentileMillis(99), warm.completed(), warm.due());
            }
        }
        try (FixedRateLoad load = new FixedRateLoad(settings.connections(), phone, settings.responseTimeout())) {
            FixedRateLoad.Result result;
            String cpu;
            try (Sampler sampler = new Sampler(postgres, supplyDb.name(), supply.pid(), others)) {
                result = load.run(requests, rate, settings.duration());
                sampler.close();
                cpu = sampler.summary();
            }
            log.info("  {} page, {}: p50 {} ms, p99 {} ms, max {} ms; {} 2xx, {} 429, {} other failures, {} unfinished", page, target,
                    result.percentileMillis(50), result.percentileMillis(99), result.percentileMillis(100), result.completed(), result.tooMany(),
                    result.failed() - result.tooMany(), result.unfinished());
            log.info("  {}", cpu);
            Machine.pause(Duration.ofSeconds(3));
            return new Phase(rate, page, target, result, cpu);
        }
    }

    /** How the scans spread over the packs: the run's writes, for the notes. */
    private String scanSummary(PostgresServer postgres, PostgresServer.Database supplyDb) {
        try (Connection superuser = postgres.connect(supplyDb.name());
             PreparedStatement select = superuser.prepareStatement("""
                     select count(*) filter (where scans > 0), coalesce(sum(scans), 0), coalesce(max(scans), 0),
                            (select count(*) from copy_suspicion where county_code = ?)
                       from pack where county_code = ?""")) {
            select.setString(1, COUNTY);
            select.setString(2, COUNTY);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return String.format(Locale.ROOT, "%,d packs scanned %,d times in all (at most %d times one pack); %d copy suspicions raised",
                        rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getLong(4));
            }
        } catch (SQLException e) {
            return "(scans unreadable: " + e.getMessage() + ")";
        }
    }

    private String report(String startedAt, String startLoad, List<Phase> phases, Seeded seeded, String scans) {
        StringBuilder out = new StringBuilder("\n## Trace pages benchmark, ").append(startedAt).append("\n\n");
        out.append(String.format(Locale.ROOT, "Machine: %d CPUs, %d GiB memory, load average %s at start, %s at end. Supply platform JVM: %s; "
                        + "gateway JVM: %s. PostgreSQL, Kafka, Redis, Keycloak and the load generator on the same machine.%n%n",
                Runtime.getRuntime().availableProcessors(), Machine.memoryGiB(), startLoad, Machine.loadAverage(), settings.serviceJvm(),
                settings.gatewayJvm()));
        out.append(String.format(Locale.ROOT, "Load: %,d req/s offered%s, open loop over %d keep-alive connections, latency from each request's due "
                        + "time; %d s warm-up (discarded) and %d s measured per phase; %,d phones (X-Forwarded-For in 10.0.0.0/16, one after "
                        + "the other); response timeout %d s. Lot page: GET /trace/%s; pack page: GET /trace/%s/{serial}, a random one of "
                        + "%,d packs per request. HTML (Accept: text/html, zh-CN).%n%n", settings.rate(),
                settings.lowRate() > 0 ? String.format(Locale.ROOT, ", then %,d req/s", settings.lowRate()) : "", settings.connections(),
                settings.warmup().toSeconds(), settings.duration().toSeconds(), settings.addresses(), settings.responseTimeout().toSeconds(),
                seeded.code(), seeded.code(), seeded.serials().size() - 1));
        out.append("| page | target | offered req/s | 2xx req/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | 429 | other non-2xx | no answer "
                + "| last answer after the last send (s) | generator late p99 / max ms |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Phase phase : phases) {
            FixedRateLoad.Result r = phase.result();
            out.append(String.format(Locale.ROOT, "| %s | %s | %,d | %,.0f | %s | %s | %s | %s | %.1f | %d | %d | %d | %.1f | %.1f / %.1f |%n",
                    phase.page(), phase.target(), phase.rate(), r.achievedRate(), millis(r, 50), millis(r, 90), millis(r, 99), millis(r, 99.9),
                    r.percentileMillis(100), r.tooMany(), r.failed() - r.tooMany() - r.errors(),
                    r.errors() + r.unfinished(), r.answeredWithinSeconds() - r.seconds(), r.sendLagP99Micros() / 1000.0,
                    r.sendLagMaxMicros() / 1000.0));
        }
        out.append("\n| offered req/s | page | p99 gateway / direct | p99 gateway − direct | sustained through the gateway |\n|---:|---|---:|---:|---|\n");
        for (int i = 0; i + 1 < phases.size(); i += 2) {
            FixedRateLoad.Result direct = phases.get(i).result();
            FixedRateLoad.Result gateway = phases.get(i + 1).result();
            double ratio = gateway.percentileOfAllMillis(99) / direct.percentileOfAllMillis(99);
            double difference = gateway.percentileOfAllMillis(99) - direct.percentileOfAllMillis(99);
            out.append(String.format(Locale.ROOT, "| %,d | %s | %s | %s | %s |%n", phases.get(i).rate(), phases.get(i).page(),
                    Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.2f", ratio) : "n/a",
                    Double.isFinite(difference) ? String.format(Locale.ROOT, "%.1f ms", difference) : "n/a", sustained(gateway)));
        }
        out.append("\nPercentiles are over every request sent: a request without an answer within the timeout counts as slower than any "
                + "answer (\"unanswered\": more than that share of requests got none, within the response timeout once sent and by 30 s "
                + "after the phase's last request). ");
        out.append("Sustained: every request answered 2xx within the timeout, and the answers kept pace (the last came within 1 s of the "
                + "last request's due time). CPU in each measured phase:\n\n");
        for (Phase phase : phases) {
            out.append("- ").append(phase.page()).append(", ").append(phase.target()).append(": ").append(phase.cpu()).append('\n');
        }
        out.append("\nScans: ").append(scans).append(".\n");
        return out.toString();
    }

    /** A percentile over every request sent; "unanswered" when too many got no answer for it to be known. */
    private static String millis(FixedRateLoad.Result result, double percentile) {
        double value = result.percentileOfAllMillis(percentile);
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.1f", value) : "unanswered";
    }

    private static String sustained(FixedRateLoad.Result result) {
        if (result.clean() && result.answeredWithinSeconds() - result.seconds() <= 1.0) {
            return "yes";
        }
        return String.format(Locale.ROOT, "**no**: %,.0f req/s answered 2xx, %d failed, %d unfinished", result.achievedRate(), result.failed(),
                result.unfinished());
    }

    private JsonNode call(ServiceInstance service, String method, String path, String token, Object body) {
        HttpResponse<String> response = service.json(method, path, token, json.writeValueAsString(body));
        require(response.statusCode() < 300, method + " " + path + " answered " + response.statusCode() + " " + response.body());
        return response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
    }

    private HttpRequest request(String url, String address) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header("Accept", "text/html")
                .header("X-Forwarded-For", address).GET().build();
    }

    private HttpResponse<String> get(String url, String address) {
        try {
            return http.send(request(url, address), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
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

    private static List<String> split(String options) {
        return options.isBlank() ? List.of() : List.of(options.trim().split("\\s+"));
    }

    private synchronized void close() {
        run.close();
    }
}
