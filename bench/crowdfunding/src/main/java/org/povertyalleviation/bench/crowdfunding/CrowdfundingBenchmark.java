package org.povertyalleviation.bench.crowdfunding;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.povertyalleviation.bench.BenchData;
import org.povertyalleviation.bench.BenchRun;
import org.povertyalleviation.bench.BenchStack;
import org.povertyalleviation.bench.ClosedLoopPosts;
import org.povertyalleviation.bench.CommandLine;
import org.povertyalleviation.bench.CountyCodes;
import org.povertyalleviation.bench.CountyEvents;
import org.povertyalleviation.bench.Machine;
import org.povertyalleviation.bench.Sampler;
import org.povertyalleviation.bench.ServiceInstance;
import org.povertyalleviation.platform.fakes.PaymentPartnerSimulator;
import org.povertyalleviation.platform.infra.BuildRepository;
import org.povertyalleviation.platform.infra.KeycloakServer;
import org.povertyalleviation.platform.infra.PlatformRealm;
import org.povertyalleviation.platform.infra.PostgresServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The crowdfunding issue's two benchmarks. <b>Flash sale</b>: 2,000 pledges sent at once on a tier of 500 by a partner
 * platform, through the gateway and, as the baseline of the same run, straight to the service; afterwards the tier
 * must have exactly 500 taken, 500 pledges created and 1,500 refused as {@code tier-sold-out}: none oversold.
 * <b>Mass refund</b>: a project with 10,000 paid pledges (seeded straight to the service, not measured) misses its
 * goal; from its deadline and grace, the time to its settlement and to every refund confirmed by the payment partner
 * (the simulator, in this JVM), against the simulator's own throughput for as many signed refund requests from a
 * plain client; the project's money ledger must balance and the partner must have given each refund back once. See
 * bench/crowdfunding/README.md.
 */
public final class CrowdfundingBenchmark {

    private static final Logger log = LoggerFactory.getLogger(CrowdfundingBenchmark.class);

    static final String COUNTY = "621222";
    static final String ADMIN = "admin-" + COUNTY;
    static final String CLERK = "clerk-" + COUNTY;
    static final String PASSWORD = "bench-password-2026";
    /** The partner platform that shows projects and posts its backers' pledges. */
    static final String SHOP = "bench-shop";
    static final String SHOP_SECRET = "bench-shop-secret-2026";
    /** The payment partner: its client calls back, the simulator takes refunds. */
    static final String PAY = "bench-pay";
    static final String PAY_SECRET = "bench-pay-secret-2026";
    /** The secret both sides sign payment bodies with (crowdfunding.payment-partners.bench-pay.secret). */
    static final String SIGNING_SECRET = "bench-pay-signing-secret-0123456789abcdef";
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final String GATEWAY_PREFIX = "/api/crowdfunding";
    static final long FLASH_PRICE_FEN = 19_800;
    static final long REFUND_PRICE_FEN = 9_900;

    record Settings(int pledges, int tier, int concurrency, int rounds, int warmupRounds, int budget, int refunds, int seedConcurrency,
                    Duration seedingWindow, Duration grace, Duration settleEvery, Duration refundsEvery, int refundBatch, int refundConcurrency,
                    Duration refundTimeout, Duration responseTimeout, String serviceJvm, String gatewayJvm, Path crowdfundingJar, Path gatewayJar,
                    boolean keepLogs) {

        static final String USAGE = """
                usage: bench/crowdfunding/run.sh [--option=value ...]
                flash sale:
                  --pledges=2000         pledges sent at once on one tier, per burst
                  --tier=500             the tier's limit
                  --concurrency=2000     pledges in flight at once (2000: all of them)
                  --rounds=1             measured rounds, each a direct and a gateway burst (0: no flash sale)
                  --warmup=1             warm-up rounds before them (checked, not reported; 0: none)
                  --budget=2000          the partner's gateway budget in requests/s (bursts of twice as many)
                mass refund:
                  --refunds=10000        paid pledges of the failed project (0: no mass refund)
                  --seed-concurrency=64  pledges and callbacks in flight while seeding (not measured)
                  --seeding-window=600   seconds from the project's creation to its deadline: the seeding must fit
                                         (by default 60 ms a refund, at least 60 s: 600 s for 10,000)
                  --grace=10             crowdfunding.settlement.payment-grace, seconds
                  --settle-every=5       crowdfunding.settlement.every and .first, seconds
                  --refunds-every=5      crowdfunding.refunds.every and .first, seconds
                  --refund-batch=500     crowdfunding.settlement.refund-batch (the service's default)
                  --refund-concurrency=32  crowdfunding.settlement.refund-concurrency (the service's default); also the
                                         baseline client's requests in flight
                  --refund-timeout=900   seconds the refunds may take before the run fails
                both:
                  --response-timeout=120 seconds a request may wait for its answer (the gateway gives up on the service after 30 s)
                  --service-jvm="-Xms512m -Xmx1g"  JVM options of the crowdfunding service
                  --gateway-jvm="-Xms512m -Xmx512m"  JVM options of the gateway
                  --crowdfunding-jar=services/crowdfunding/target/crowdfunding-0.1.0-SNAPSHOT.jar
                  --gateway-jar=gateway/target/gateway-0.1.0-SNAPSHOT.jar
                  --keep-logs=false      keep the run directory (logs; kept anyway when the run fails)
                """;

        private static final Set<String> KNOWN = Set.of("pledges", "tier", "concurrency", "rounds", "warmup", "budget", "refunds", "seed-concurrency",
                "seeding-window", "grace", "settle-every", "refunds-every", "refund-batch", "refund-concurrency", "refund-timeout", "response-timeout",
                "service-jvm", "gateway-jvm", "crowdfunding-jar", "gateway-jar", "keep-logs");

        static Settings parse(String[] args) {
            Map<String, String> options = CommandLine.options(args, KNOWN);
            int pledges = Integer.parseInt(options.getOrDefault("pledges", "2000"));
            Settings settings = new Settings(pledges, Integer.parseInt(options.getOrDefault("tier", "500")),
                    Integer.parseInt(options.getOrDefault("concurrency", Integer.toString(pledges))), Integer.parseInt(options.getOrDefault("rounds", "1")),
                    Integer.parseInt(options.getOrDefault("warmup", "1")), Integer.parseInt(options.getOrDefault("budget", "2000")),
                    Integer.parseInt(options.getOrDefault("refunds", "10000")), Integer.parseInt(options.getOrDefault("seed-concurrency", "64")),
                    CommandLine.seconds(options.get("seeding-window"), Math.max(60, Integer.parseInt(options.getOrDefault("refunds", "10000")) * 6 / 100)),
                    CommandLine.seconds(options.get("grace"), 10),
                    CommandLine.seconds(options.get("settle-every"), 5), CommandLine.seconds(options.get("refunds-every"), 5),
                    Integer.parseInt(options.getOrDefault("refund-batch", "500")), Integer.parseInt(options.getOrDefault("refund-concurrency", "32")),
                    CommandLine.seconds(options.get("refund-timeout"), 900), CommandLine.seconds(options.get("response-timeout"), 120),
                    options.getOrDefault("service-jvm", "-Xms512m -Xmx1g"), options.getOrDefault("gateway-jvm", "-Xms512m -Xmx512m"),
                    Path.of(options.getOrDefault("crowdfunding-jar", "services/crowdfunding/target/crowdfunding-0.1.0-SNAPSHOT.jar")),
                    Path.of(options.getOrDefault("gateway-jar", "gateway/target/gateway-0.1.0-SNAPSHOT.jar")),
                    Boolean.parseBoolean(options.getOrDefault("keep-logs", "false")));
            if (settings.pledges < 1 || settings.tier < 1 || settings.tier > 100_000 || settings.concurrency < 1 || settings.rounds < 0
                    || settings.warmupRounds < 0 || settings.budget < 1 || settings.refunds < 0 || settings.refunds > 100_000 || settings.seedConcurrency < 1
                    || settings.seedingWindow.toSeconds() < 30 || settings.settleEvery.isZero() || settings.refundsEvery.isZero()
                    || settings.refundBatch < 1 || settings.refundConcurrency < 1 || settings.responseTimeout.isZero()
                    || (settings.rounds == 0 && settings.refunds == 0)) {
                throw new CommandLine.Usage("Out-of-range option in " + options + " (the seeding window is at least 30 s; a tier and the refunds at most 100,000)");
            }
            return settings;
        }

        List<String> serviceProperties(String refundUri) {
            return List.of("--crowdfunding.payment-partners." + PAY + ".secret=" + SIGNING_SECRET,
                    "--crowdfunding.payment-partners." + PAY + ".refund-uri=" + refundUri,
                    "--crowdfunding.settlement.payment-grace=PT" + grace.toSeconds() + "S",
                    "--crowdfunding.settlement.every=PT" + settleEvery.toSeconds() + "S", "--crowdfunding.settlement.first=PT" + settleEvery.toSeconds() + "S",
                    "--crowdfunding.refunds.every=PT" + refundsEvery.toSeconds() + "S", "--crowdfunding.refunds.first=PT" + refundsEvery.toSeconds() + "S",
                    "--crowdfunding.settlement.refund-batch=" + refundBatch, "--crowdfunding.settlement.refund-concurrency=" + refundConcurrency);
        }

        List<String> gatewayProperties() {
            return List.of("--gateway.rate-limits.clients." + SHOP + ".requests-per-second=" + budget,
                    "--gateway.rate-limits.clients." + SHOP + ".burst=" + 2 * budget);
        }
    }

    /** One burst of pledges on a new project's tier, through one target, and what the service counted afterwards. */
    record Burst(int round, String target, int limit, ClosedLoopPosts.Result result, int taken, int pendingPledges, long pledgeRows, String cpu) {

        long soldOut() {
            return result.answers().getOrDefault("409 tier-sold-out", 0L);
        }

        /** Rewards given beyond the tier's limit, by the tier's count or by the pledges created: must be 0. */
        long oversold() {
            return Math.max(0, Math.max(Math.max(taken, pledgeRows), result.count(201)) - limit);
        }

        List<String> problems() {
            List<String> problems = new ArrayList<>();
            int sent = result.statuses().length;
            if (oversold() > 0) {
                problems.add(String.format(Locale.ROOT, "OVERSOLD by %d: %d taken, %d pledges created, %d answered 201 on a tier of %d", oversold(), taken,
                        pledgeRows, result.count(201), limit));
            }
            int expectedAccepted = Math.min(limit, sent);
            if (result.count(201) != expectedAccepted || taken != expectedAccepted || pledgeRows != expectedAccepted || pendingPledges != expectedAccepted) {
                problems.add(String.format(Locale.ROOT, "%d answered 201, %d taken, %d pledges created, %d pending: not %d each", result.count(201), taken,
                        pledgeRows, pendingPledges, expectedAccepted));
            }
            if (soldOut() != sent - expectedAccepted) {
                problems.add(String.format(Locale.ROOT, "%d refused as tier-sold-out, not %d (answers: %s)", soldOut(), sent - expectedAccepted,
                        result.answers()));
            }
            return problems;
        }
    }

    /** The simulator's throughput for signed refund requests from a plain client. */
    record Baseline(int requests, int concurrency, double wallSeconds, double p50, double p99, long confirmed) {

        double perSecond() {
            return requests / wallSeconds;
        }
    }

    record MassRefund(int refunds, long priceFen, double seedSeconds, Instant deadline, Instant due, Instant settledAt, Instant firstConfirmed,
                      Instant lastConfirmed, double sawAllSeconds, String projectStatus, JsonNode settlement, JsonNode money, int simulatorRefunds,
                      long simulatorFen, int simulatorRequests, int badSignatures, long attempts, int maxAttempts, String cpu, Baseline baseline,
                      List<String> problems) {

        double toSettled() {
            return seconds(due, settledAt);
        }

        double toAllConfirmed() {
            return seconds(due, lastConfirmed);
        }

        double refundsPerSecond() {
            return refunds / seconds(settledAt, lastConfirmed);
        }
    }

    private final Settings settings;
    private final BenchRun run;
    private final JsonMapper json = JsonMapper.builder().build();

    private CrowdfundingBenchmark(Settings settings) {
        this.settings = settings;
        this.run = new BenchRun("crowdfunding-bench", settings.keepLogs());
    }

    public static void main(String[] args) {
        Settings settings = CommandLine.parseOrExit(args, Settings::parse, Settings.USAGE);
        CrowdfundingBenchmark benchmark = new CrowdfundingBenchmark(settings);
        benchmark.run.runAndExit("crowdfunding-bench", benchmark::run, benchmark::close);
    }

    private void run() {
        BuildRepository.useTheBuilds(CrowdfundingBenchmark.class, "/bench-build.properties");
        Path serviceJar = ServiceInstance.copyJar(settings.crowdfundingJar(), run.directory(), "crowdfunding.jar");
        Path gatewayJar = ServiceInstance.copyJar(settings.gatewayJar(), run.directory(), "gateway.jar");
        String startLoad = Machine.loadAverage();
        String startedAt = Machine.startedAt();

        PaymentPartnerSimulator partner = run.track(new PaymentPartnerSimulator(SIGNING_SECRET));
        BenchStack stack = BenchStack.start(run, realm());
        PostgresServer postgres = stack.postgres();
        PostgresServer.Database database = postgres.database("crowdfunding");
        ServiceInstance service = stack.service("crowdfunding", serviceJar, split(settings.serviceJvm()),
                settings.serviceProperties(partner.refundUri().toString()), database, Map.of());
        // The partner's budget is raised above the burst, so that the gateway's limiter lets the burst reach the service
        // and the benchmark measures the service behind the gateway, not the partner's quota.
        ServiceInstance gateway = stack.gateway(gatewayJar, split(settings.gatewayJvm()), Map.of("CROWDFUNDING_URL", service), null,
                settings.gatewayProperties());
        KeycloakServer keycloak = stack.keycloak();
        String admin = keycloak.passwordGrant(PlatformRealm.NAME, PlatformRealm.CLI_CLIENT, ADMIN, PASSWORD);
        String clerk = keycloak.passwordGrant(PlatformRealm.NAME, PlatformRealm.CLI_CLIENT, CLERK, PASSWORD);
        String shop = keycloak.clientCredentialsGrant(PlatformRealm.NAME, SHOP, SHOP_SECRET);
        String pay = keycloak.clientCredentialsGrant(PlatformRealm.NAME, PAY, PAY_SECRET);

        int projects = 2 * (settings.rounds() > 0 ? settings.rounds() + settings.warmupRounds() : 0) + (settings.refunds() > 0 ? 1 : 0);
        Seeded seeded = seed(postgres, database, stack, projects);
        Map<String, Long> others = Map.of("gateway JVM", gateway.pid());

        List<Burst> bursts = new ArrayList<>();
        List<String> warmUpProblems = new ArrayList<>();
        if (settings.rounds() > 0) {
            int household = 0;
            try (ClosedLoopPosts direct = new ClosedLoopPosts(settings.concurrency(), settings.responseTimeout());
                 ClosedLoopPosts throughGateway = new ClosedLoopPosts(settings.concurrency(), settings.responseTimeout())) {
                for (int round = 1 - settings.warmupRounds(); round <= settings.rounds(); round++) {
                    for (String target : List.of("direct", "gateway")) {
                        boolean viaGateway = target.equals("gateway");
                        String base = viaGateway ? gateway.baseUrl() + GATEWAY_PREFIX : service.baseUrl();
                        Burst burst = burst(round, target, viaGateway ? throughGateway : direct, base, service, admin, clerk, shop,
                                seeded.households().get(household++), seeded.village(), postgres, database, others);
                        if (round >= 1) {
                            bursts.add(burst);
                        } else {
                            burst.problems().forEach(p -> warmUpProblems.add("warm-up " + target + ": " + p));
                        }
                        Machine.pause(Duration.ofSeconds(3));
                    }
                }
            }
        }
        MassRefund massRefund = settings.refunds() > 0
                ? massRefund(service, partner, admin, clerk, shop, pay, seeded.households().get(projects - 1), seeded.village(), postgres, database)
                : null;
        List<String> serviceProblems = service.problems(10);
        System.out.println(report(startedAt, startLoad, bursts, massRefund, serviceProblems));
        List<String> problems = new ArrayList<>(warmUpProblems);
        bursts.forEach(burst -> burst.problems().forEach(p -> problems.add("round " + burst.round() + " " + burst.target() + ": " + p)));
        if (massRefund != null) {
            massRefund.problems().forEach(p -> problems.add("mass refund: " + p));
        }
        if (!problems.isEmpty()) {
            System.out.println("\n**FAILED CHECKS**: " + String.join("; ", problems));
            throw new IllegalStateException("Failed checks: " + String.join("; ", problems));
        }
    }

    /** The repository's realm with the county's clerk and admin (four eyes), the partner platform and the payment partner. */
    private String realm() {
        ObjectNode realm = (ObjectNode) json.readTree(PlatformRealm.fromRepository()
                .user(ADMIN, PASSWORD, "county-admin", PlatformRealm.county(COUNTY))
                .user(CLERK, PASSWORD, "county-clerk", PlatformRealm.county(COUNTY))
                .partner(SHOP, SHOP_SECRET, COUNTY)
                .partner(PAY, PAY_SECRET, COUNTY).json());
        // One token per caller serves the whole run.
        realm.put("accessTokenLifespan", 24 * 3600);
        return json.writeValueAsString(realm);
    }

    record Seeded(String village, List<UUID> households) {
    }

    /** The county joins with one village (its registry's events) and a registered household per project (the household registry's). */
    private Seeded seed(PostgresServer postgres, PostgresServer.Database database, BenchStack stack, int projects) {
        String village = CountyCodes.village(COUNTY, 0);
        List<UUID> households = new ArrayList<>();
        try (CountyEvents events = new CountyEvents(stack.kafka().bootstrapServers())) {
            events.countyJoined(COUNTY, "文县", 1, 1);
            events.villageRegistered(COUNTY, village, CountyCodes.township(COUNTY, 0), "石峡村");
            for (int i = 0; i < projects; i++) {
                UUID household = UUID.randomUUID();
                events.householdRegistered(COUNTY, household, village);
                households.add(household);
            }
            events.flush();
        }
        BenchData.awaitCount(postgres, database.name(), "select count(*) from village where county_code = '" + COUNTY + "'", 1,
                "villages in the crowdfunding service", Duration.ofMinutes(3));
        BenchData.awaitCount(postgres, database.name(), "select count(*) from household where county_code = '" + COUNTY + "'", projects,
                "households in the crowdfunding service", Duration.ofMinutes(3));
        return new Seeded(village, households);
    }

    /** Drafts a household's project with {@code tiers} equal tiers, submits it, has the clerk review it and the admin approve it: published. Its tier's id. */
    private UUID publish(ServiceInstance service, String clerk, String admin, UUID household, String village, String title, long goalFen, Instant deadline,
                         long priceFen, int limit, int tiers) {
        String county = "/counties/" + COUNTY;
        LocalDate deadlineDay = LocalDate.ofInstant(deadline, CHINA);
        List<Map<String, Object>> tierList = new ArrayList<>();
        for (int t = 0; t < tiers; t++) {
            tierList.add(Map.of("name", "一份 " + (t + 1), "product", "大红袍花椒", "quantity", "2.5 kg", "weightGrams", 2600, "priceFen", priceFen,
                    "limit", limit));
        }
        Map<String, Object> body = new HashMap<>(Map.of("ownerKind", "HOUSEHOLD", "household", household, "village", village, "title", title,
                "story", "我家种了三亩花椒，今年长势很好。", "goalFen", goalFen, "startsAt", Instant.now().minusSeconds(60).toString(),
                "deadline", deadline.toString(), "deliveryFrom", deadlineDay.plusDays(1).toString(), "deliveryTo", deadlineDay.plusDays(30).toString()));
        body.put("tiers", tierList);
        body.put("photos", List.of("projects/shixia-1.jpg"));
        String project = call(service, "POST", county + "/projects", clerk, body).path("id").asString();
        call(service, "POST", county + "/projects/" + project + "/submission", clerk, Map.of());
        call(service, "POST", county + "/projects/" + project + "/review", clerk, Map.of("approve", true));
        JsonNode published = call(service, "POST", county + "/projects/" + project + "/approval", admin, Map.of("approve", true));
        require("PUBLISHED".equals(published.path("status").asString()), "project " + project + " was not published: " + published);
        return UUID.fromString(project);
    }

    private JsonNode project(ServiceInstance service, String admin, UUID project) {
        return call(service, "GET", "/counties/" + COUNTY + "/projects/" + project, admin, null);
    }

    /**
     * A new project whose one tier has {@code --tier} rewards; {@code --pledges} pledges of one reward each, all sent at
     * once (closed loop: {@code --concurrency} in flight) as the partner platform through {@code base}; then the tier, the
     * project's progress and its pledges in the database.
     */
    private Burst burst(int round, String target, ClosedLoopPosts posts, String base, ServiceInstance service, String admin, String clerk, String shop,
                        UUID household, String village, PostgresServer postgres, PostgresServer.Database database, Map<String, Long> others) {
        int limit = settings.tier();
        UUID project = publish(service, clerk, admin, household, village, "石峡村的大红袍花椒（抢购 " + round + " " + target + "）",
                FLASH_PRICE_FEN * limit, Instant.now().plus(Duration.ofHours(6)), FLASH_PRICE_FEN, limit, 1);
        String tier = project(service, admin, project).path("tiers").get(0).path("id").asString();
        String url = base + "/counties/" + COUNTY + "/projects/" + project + "/pledges";
        String tag = (round < 1 ? "w" + (1 - round) : "r" + round) + "-" + target;
        List<ClosedLoopPosts.Post> requests = new ArrayList<>(settings.pledges());
        for (int i = 0; i < settings.pledges(); i++) {
            requests.add(new ClosedLoopPosts.Post(url, "Bearer " + shop, json.writeValueAsString(Map.of("pledgeKey", "fs-" + tag + "-" + i,
                    "tier", tier, "backerRef", "backer-" + tag + "-" + i, "quantity", 1, "amountFen", FLASH_PRICE_FEN, "paymentPartner", PAY,
                    "paymentRef", "fs-pay-" + tag + "-" + i))));
        }
        log.info("{} {}: {} pledges at once ({} in flight) on a tier of {}", round < 1 ? "warm-up" : "round " + round, target, settings.pledges(),
                Math.min(settings.concurrency(), settings.pledges()), limit);
        ClosedLoopPosts.Result result;
        String cpu;
        try (Sampler sampler = new Sampler(postgres, database.name(), service.pid(), others)) {
            result = posts.run(requests.size(), requests::get);
            sampler.close();
            cpu = sampler.summary();
        }
        JsonNode after = project(service, admin, project);
        long rows = count(postgres, database, "select count(*) from pledge where project_id = '" + project + "'");
        Burst burst = new Burst(round, target, limit, result, after.path("tiers").get(0).path("taken").asInt(),
                after.path("progress").path("pendingPledges").asInt(), rows, cpu);
        log.info("  {}: answers {}, taken {} of {}, {} pending, {} pledges in the database; {} s, p50 {} ms, p99 {} ms{}", target, result.answers(),
                burst.taken(), limit, burst.pendingPledges(), rows, format(result.wallSeconds()), format(result.percentileMillis(50)),
                format(result.percentileMillis(99)), burst.problems().isEmpty() ? "" : "; " + burst.problems());
        return burst;
    }

    /**
     * A project of {@code --refunds} paid pledges misses its goal. Seeded straight to the service (pledges, then the
     * payment partner's signed PAID callbacks), not measured; then its deadline and grace pass and the benchmark
     * watches the settlement and the refunds in the service's database until every refund is confirmed. Then the
     * baseline: the simulator's throughput for as many signed refund requests from a plain client.
     */
    private MassRefund massRefund(ServiceInstance service, PaymentPartnerSimulator partner, String admin, String clerk, String shop, String pay,
                                  UUID household, String village, PostgresServer postgres, PostgresServer.Database database) {
        int n = settings.refunds();
        Instant deadline = Instant.now().plus(settings.seedingWindow());
        // Ten tiers (the most a project has), so that the seeding's pledges do not all queue for one tier's row.
        int tierCount = Math.min(10, n);
        UUID project = publish(service, clerk, admin, household, village, "石峡村的大红袍花椒（众筹未成）", REFUND_PRICE_FEN * n * 2, deadline,
                REFUND_PRICE_FEN, (n + tierCount - 1) / tierCount, tierCount);
        List<String> tiers = new ArrayList<>();
        project(service, admin, project).path("tiers").forEach(tier -> tiers.add(tier.path("id").asString()));
        String county = service.baseUrl() + "/counties/" + COUNTY;
        log.info("Mass refund: seeding {} paid pledges straight to the service ({} in flight); the deadline is {}", n, settings.seedConcurrency(), deadline);
        long seedStart = System.nanoTime();
        List<String> problems = new ArrayList<>();
        try (ClosedLoopPosts seeding = new ClosedLoopPosts(settings.seedConcurrency(), settings.responseTimeout())) {
            String pledges = county + "/projects/" + project + "/pledges";
            ClosedLoopPosts.Result pledged = seeding.run(n, i -> new ClosedLoopPosts.Post(pledges, "Bearer " + shop, json.writeValueAsString(Map.of(
                    "pledgeKey", "mr-" + i, "tier", tiers.get(i % tiers.size()), "backerRef", "backer-mr-" + i, "quantity", 1, "amountFen", REFUND_PRICE_FEN,
                    "paymentPartner", PAY, "paymentRef", "mr-pay-" + i))));
            require(pledged.count(201) == n, "seeding: " + pledged.answers() + " for " + n + " pledges " + pledged.otherAnswers());
            log.info("  {} pledges in {} s", n, format(pledged.wallSeconds()));
            Instant paidAt = Instant.now().minusSeconds(1);
            ClosedLoopPosts.Result paid = seeding.run(n, i -> {
                String body = json.writeValueAsString(Map.of("callbackId", "cb-mr-" + i, "kind", "PAYMENT", "paymentRef", "mr-pay-" + i, "status", "PAID",
                        "amountFen", REFUND_PRICE_FEN, "occurredAt", paidAt.toString()));
                return new ClosedLoopPosts.Post(county + "/payment-callbacks", "Bearer " + pay, body,
                        Map.of(PaymentPartnerSimulator.SIGNATURE_HEADER, PaymentPartnerSimulator.sign(SIGNING_SECRET, body.getBytes(StandardCharsets.UTF_8))));
            });
            require(paid.count(200) == n, "seeding: " + paid.answers() + " for " + n + " PAID callbacks " + paid.otherAnswers());
        }
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
        require(Instant.now().isBefore(deadline), String.format(Locale.ROOT, "seeding took %.0f s, past the deadline: raise --seeding-window", seedSeconds));
        JsonNode progress = project(service, admin, project).path("progress");
        require(progress.path("paidPledges").asInt() == n, "seeding: the project has " + progress + ", not " + n + " paid pledges");
        log.info("Seeded {} paid pledges in {} s; waiting for the deadline {} and the grace of {} s", n, format(seedSeconds), deadline,
                settings.grace().toSeconds());

        Instant due = deadline.plus(settings.grace());
        Machine.pause(Duration.between(Instant.now(), deadline).plusMillis(1));
        long requestsBefore = partner.requests();
        String cpu;
        Instant settledAt = null;
        Instant firstConfirmed = null;
        Instant lastConfirmed = null;
        Instant sawAll = null;
        try (Sampler sampler = new Sampler(postgres, database.name(), service.pid());
             Connection superuser = postgres.connect(database.name());
             PreparedStatement watch = superuser.prepareStatement("""
                     select (select settled_at from settlement where project_id = ?) as settled_at,
                            count(*) filter (where status = 'CONFIRMED') as confirmed, min(confirmed_at) as first, max(confirmed_at) as last
                       from refund where project_id = ?""")) {
            watch.setObject(1, project);
            watch.setObject(2, project);
            long giveUp = System.nanoTime() + settings.grace().toNanos() + settings.refundTimeout().toNanos();
            long confirmed = 0;
            while (System.nanoTime() < giveUp) {
                try (ResultSet row = watch.executeQuery()) {
                    row.next();
                    if (settledAt == null && row.getTimestamp("settled_at") != null) {
                        settledAt = row.getTimestamp("settled_at").toInstant();
                        log.info("  settled {} s after the deadline and grace", format(seconds(due, settledAt)));
                    }
                    long now = row.getLong("confirmed");
                    if (now / 1000 != confirmed / 1000) {
                        log.info("  {} refunds confirmed", now);
                    }
                    confirmed = now;
                    if (confirmed >= n) {
                        sawAll = Instant.now();
                        firstConfirmed = instant(row.getTimestamp("first"));
                        lastConfirmed = instant(row.getTimestamp("last"));
                        break;
                    }
                }
                Machine.pause(Duration.ofMillis(250));
            }
            sampler.close();
            cpu = sampler.summary();
            require(lastConfirmed != null, confirmed + " of " + n + " refunds confirmed after " + settings.refundTimeout().toSeconds() + " s "
                    + (settledAt == null ? "(the project never settled)" : "") + "; service log: " + service.problems(5));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot watch the refunds: " + e.getMessage(), e);
        }
        double sawAllSeconds = seconds(due, sawAll);
        long attempts;
        int maxAttempts;
        try (Connection superuser = postgres.connect(database.name());
             PreparedStatement statement = superuser.prepareStatement("select sum(attempts), max(attempts) from refund where project_id = ?")) {
            statement.setObject(1, project);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                attempts = row.getLong(1);
                maxAttempts = row.getInt(2);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        JsonNode settled = call(service, "GET", "/counties/" + COUNTY + "/projects/" + project + "/settlement", admin, null);
        JsonNode money = settled.path("money");
        long inFen = REFUND_PRICE_FEN * n;
        if (!"FAILED".equals(settled.path("status").asString()) || !"FAILED".equals(settled.path("settlement").path("outcome").asString())
                || settled.path("settlement").path("refunds").asInt() != n) {
            problems.add("the project is " + settled.path("status").asString() + " with the settlement " + settled.path("settlement"));
        }
        if (money.path("inFen").asLong() != inFen || money.path("refundedFen").asLong() != inFen || money.path("balanceFen").asLong() != 0
                || money.path("pendingRefunds").asInt() != 0) {
            problems.add(String.format(Locale.ROOT, "the money ledger does not balance: in %d, refunded %d, balance %d, %d refunds pending (expected in = "
                    + "refunded = %d, balance 0)", money.path("inFen").asLong(), money.path("refundedFen").asLong(), money.path("balanceFen").asLong(),
                    money.path("pendingRefunds").asInt(), inFen));
        }
        Map<String, Long> refunded = partner.refunded();
        long refundedFen = refunded.values().stream().mapToLong(Long::longValue).sum();
        if (refunded.size() != n || refundedFen != inFen || partner.refundedFen() != inFen || partner.badSignatures() != 0) {
            problems.add(String.format(Locale.ROOT, "the partner refunded %d refunds, %d fen (counted %d), %d bad signatures; expected %d refunds of %d fen",
                    refunded.size(), refundedFen, partner.refundedFen(), partner.badSignatures(), n, inFen));
        }
        log.info("  all {} refunds confirmed {} s after the deadline and grace; ledger {}; the partner gave back {} refunds, {} fen", n,
                format(seconds(due, lastConfirmed)), money.path("balanceFen"), refunded.size(), refundedFen);

        Baseline baseline = baseline(n);
        return new MassRefund(n, REFUND_PRICE_FEN, seedSeconds, deadline, due, settledAt, firstConfirmed, lastConfirmed, sawAllSeconds,
                settled.path("status").asString(), settled.path("settlement"), money, refunded.size(), refundedFen, partner.requests() - (int) requestsBefore,
                partner.badSignatures(), attempts, maxAttempts, cpu, baseline, problems);
    }

    /**
     * The payment partner's own limit: a fresh simulator (the same code, its 8 threads) takes {@code n} signed refund
     * requests, the service's body and headers, from a plain client with as many in flight as the service's sweep
     * ({@code --refund-concurrency}); a warm-up of a tenth as many first.
     */
    private Baseline baseline(int n) {
        try (PaymentPartnerSimulator simulator = new PaymentPartnerSimulator(SIGNING_SECRET);
             ClosedLoopPosts client = new ClosedLoopPosts(settings.refundConcurrency(), settings.responseTimeout())) {
            String url = simulator.refundUri().toString();
            int warm = Math.max(100, n / 10);
            client.run(warm, i -> refundRequest(url, "warm-" + i));
            List<ClosedLoopPosts.Post> requests = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                requests.add(refundRequest(url, "base-" + i));
            }
            log.info("Baseline: {} signed refund requests straight to a fresh simulator, {} in flight", n, settings.refundConcurrency());
            ClosedLoopPosts.Result result = client.run(n, requests::get);
            long confirmed = result.count(200);
            log.info("  {} confirmed in {} s", confirmed, format(result.wallSeconds()));
            require(simulator.refunded().size() == warm + n && simulator.badSignatures() == 0, "the baseline's simulator refunded "
                    + simulator.refunded().size() + " of " + (warm + n) + ", " + simulator.badSignatures() + " bad signatures");
            return new Baseline(n, settings.refundConcurrency(), result.wallSeconds(), result.percentileMillis(50), result.percentileMillis(99), confirmed);
        }
    }

    /** A refund request as the service sends it (RefundRequests): the JSON body signed with the shared secret, the refund's id as Idempotency-Key. */
    private ClosedLoopPosts.Post refundRequest(String url, String paymentRef) {
        UUID refund = UUID.randomUUID();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("refund", refund.toString());
        fields.put("paymentRef", paymentRef);
        fields.put("amountFen", REFUND_PRICE_FEN);
        fields.put("reason", "GOAL_MISSED");
        String body = json.writeValueAsString(fields);
        return new ClosedLoopPosts.Post(url, null, body, Map.of(PaymentPartnerSimulator.SIGNATURE_HEADER,
                PaymentPartnerSimulator.sign(SIGNING_SECRET, body.getBytes(StandardCharsets.UTF_8)), "Idempotency-Key", refund.toString()));
    }

    private String report(String startedAt, String startLoad, List<Burst> bursts, MassRefund massRefund, List<String> serviceProblems) {
        StringBuilder out = new StringBuilder("\n## Crowdfunding benchmarks, ").append(startedAt).append("\n\n");
        out.append(String.format(Locale.ROOT, "Machine: %d CPUs, %d GiB memory, load average %s at start, %s at end. Crowdfunding service JVM: %s; "
                        + "gateway JVM: %s. PostgreSQL, Kafka, Redis, Keycloak, the payment partner simulator and the load generator on the same machine. "
                        + "Service settings: %s. Gateway: %s.%n",
                Runtime.getRuntime().availableProcessors(), Machine.memoryGiB(), startLoad, Machine.loadAverage(), settings.serviceJvm(),
                settings.gatewayJvm(), String.join(" ", settings.serviceProperties("…").subList(2, 9)).replace("--crowdfunding.", ""),
                String.join(" ", settings.gatewayProperties()).replace("--gateway.", "")));
        if (!bursts.isEmpty()) {
            out.append(String.format(Locale.ROOT, "%n### Flash sale%n%n%d pledges of one reward each sent at once (%d in flight, closed loop, a keep-alive "
                            + "connection each) on a new project's tier of %d, by the partner platform %s (client credentials); %d warm-up round(s) before, "
                            + "checked, not reported.%n%n", settings.pledges(), Math.min(settings.pledges(), settings.concurrency()), settings.tier(), SHOP,
                    settings.warmupRounds()));
            out.append("| round | target | sent | 201 | 409 tier-sold-out | other answers | tier taken / limit | pending pledges | pledges created "
                    + "| oversold | wall s | pledges/s | p50 ms | p99 ms | max ms | 201 p50 ms | 409 p50 ms |\n");
            out.append("|---:|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Burst burst : bursts) {
                ClosedLoopPosts.Result r = burst.result();
                Map<String, Long> other = new LinkedHashMap<>(r.answers());
                other.remove("201");
                other.remove("409 tier-sold-out");
                out.append(String.format(Locale.ROOT, "| %d | %s | %d | %d | %d | %s | %d / %d | %d | %d | **%d** | %.2f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f |%n",
                        burst.round(), burst.target(), r.statuses().length, r.count(201), burst.soldOut(), other.isEmpty() ? "none" : other.toString(),
                        burst.taken(), burst.limit(), burst.pendingPledges(), burst.pledgeRows(), burst.oversold(), r.wallSeconds(),
                        r.statuses().length / r.wallSeconds(), r.percentileMillis(50), r.percentileMillis(99), r.percentileMillis(100),
                        r.percentileMillis(50, 201), r.percentileMillis(50, 409)));
            }
            out.append("\n| round | pledges/s gateway / direct | p50 gateway / direct | p99 gateway / direct |\n|---:|---:|---:|---:|\n");
            for (int i = 0; i + 1 < bursts.size(); i += 2) {
                ClosedLoopPosts.Result d = bursts.get(i).result();
                ClosedLoopPosts.Result g = bursts.get(i + 1).result();
                out.append(String.format(Locale.ROOT, "| %d | %.2f | %.2f | %.2f |%n", bursts.get(i).round(), d.wallSeconds() / g.wallSeconds(),
                        g.percentileMillis(50) / d.percentileMillis(50), g.percentileMillis(99) / d.percentileMillis(99)));
            }
            boolean met = bursts.stream().allMatch(burst -> burst.problems().isEmpty());
            out.append(String.format(Locale.ROOT, "%nTarget \"0 oversold\": **%s** (every burst: exactly %d answered 201, %d taken, %d pledges pending and "
                    + "created, the rest refused as tier-sold-out). Pledges/s: answers over the burst's wall time (first send to last answer). CPU:%n%n",
                    met ? "met" : "NOT MET", settings.tier(), settings.tier(), settings.tier()));
            bursts.forEach(burst -> out.append("- round ").append(burst.round()).append(", ").append(burst.target()).append(": ").append(burst.cpu())
                    .append('\n'));
        }
        if (massRefund != null) {
            MassRefund m = massRefund;
            Baseline b = m.baseline();
            out.append(String.format(Locale.ROOT, "%n### Mass refund%n%n%,d paid pledges of %d fen on a project (ten tiers) with a goal of twice as much, seeded "
                            + "straight to the service in %.0f s (pledges, then signed PAID callbacks, %d in flight; not measured). The deadline passes; the "
                            + "payment partner simulator (mode CONFIRM) takes the refunds. Times from the deadline + grace (%s), the service's own clock "
                            + "(settlement.settled_at, refund.confirmed_at).%n%n", m.refunds(), m.priceFen(), m.seedSeconds(), settings.seedConcurrency(),
                    m.due()));
            out.append("| refunds | to settled (FAILED) s | to first refund confirmed s | to all confirmed s | refunds/s (settled → last confirmed) "
                    + "| refunds/s (first → last confirmed) | refund requests sent | max attempts | baseline refunds/s | service / baseline "
                    + "| baseline p50 / p99 ms |\n");
            out.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
            out.append(String.format(Locale.ROOT, "| %,d | %.1f | %.1f | %.1f | %.0f | %.0f | %,d | %d | %.0f | %.2f | %.1f / %.1f |%n", m.refunds(),
                    m.toSettled(), seconds(m.due(), m.firstConfirmed()), m.toAllConfirmed(), m.refundsPerSecond(),
                    (m.refunds() - 1) / seconds(m.firstConfirmed(), m.lastConfirmed()), m.simulatorRequests(), m.maxAttempts(), b.perSecond(),
                    m.refundsPerSecond() / b.perSecond(), b.p50(), b.p99()));
            out.append(String.format(Locale.ROOT, "%nChecks: project %s, settlement %s; money: in %d, refunded %d, balance %d, %d refunds pending; the "
                            + "simulator gave back %,d refunds once each, %d fen; %d bad signatures. The benchmark saw the last confirmation %.1f s after the "
                            + "deadline + grace (polling every 250 ms). Baseline: %,d signed refund requests from a plain client to a fresh simulator, %d in "
                            + "flight (as the sweep's refund-concurrency), %.1f s. %s%n%nCPU from the deadline to the last refund: %s%n",
                    m.projectStatus(), m.settlement(), m.money().path("inFen").asLong(), m.money().path("refundedFen").asLong(),
                    m.money().path("balanceFen").asLong(), m.money().path("pendingRefunds").asInt(), m.simulatorRefunds(), m.simulatorFen(),
                    m.badSignatures(), m.sawAllSeconds(), b.requests(), b.concurrency(), b.wallSeconds(),
                    m.problems().isEmpty() ? "All checks passed." : "**FAILED**: " + String.join("; ", m.problems()), m.cpu()));
        }
        if (!serviceProblems.isEmpty()) {
            out.append("\nThe service's log had warnings or errors, the first: ").append(String.join(" | ", serviceProblems.stream()
                    .map(line -> line.substring(0, Math.min(240, line.length()))).toList())).append('\n');
        }
        return out.toString();
    }

    private long count(PostgresServer postgres, PostgresServer.Database database, String sql) {
        try (Connection superuser = postgres.connect(database.name()); ResultSet row = superuser.createStatement().executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private JsonNode call(ServiceInstance service, String method, String path, String token, Object body) {
        var response = service.json(method, path, token, body == null ? null : json.writeValueAsString(body));
        require(response.statusCode() < 300, method + " " + path + " answered " + response.statusCode() + " " + response.body());
        return response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    static double seconds(Instant from, Instant to) {
        return to == null ? Double.NaN : Duration.between(from, to).toNanos() / 1e9;
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
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
