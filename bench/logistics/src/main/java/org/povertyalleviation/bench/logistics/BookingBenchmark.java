package org.povertyalleviation.bench.logistics;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

import org.povertyalleviation.bench.BenchData;
import org.povertyalleviation.bench.BenchRun;
import org.povertyalleviation.bench.BenchStack;
import org.povertyalleviation.bench.ClosedLoopPosts;
import org.povertyalleviation.bench.CommandLine;
import org.povertyalleviation.bench.CountyEvents;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 19's bookings: "1,000 concurrent bookings on 100 slot places: 0 overbooked, bookings/s reported (goal ≥ 1,000/s)".
 * A county's network (a park, a station, village posts) with one PICKUP window per post for tomorrow, each with room for
 * exactly {@code capacity} bookings of 1 kg; then bursts of {@code bookings} booking requests spread evenly over
 * {@code windows} windows (so every window is oversubscribed), closed loop with {@code concurrency} in flight, signed in
 * as {@code users} county clerks in turn, through the gateway as shipped and, as the baseline of the same run, straight
 * to the logistics booking service. After every burst every window is read back and checked: none holds more than its
 * room, the 201s add up to what the windows hold and to the booking rows, and no window that refused a booking (409)
 * still has room. Each burst books into windows of its own. See bench/logistics/README.md.
 */
public final class BookingBenchmark {

    private static final Logger log = LoggerFactory.getLogger(BookingBenchmark.class);

    static final String COUNTY = "621222";
    static final String TOWNSHIP = COUNTY + "101";
    static final String ADMIN = "admin-" + COUNTY;
    static final String PROBE = "clerk-" + COUNTY + "-probe";
    static final String PASSWORD = "bench-password-2026";
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final String GATEWAY_PREFIX = "/api/logistics-booking";
    /** Villages of the one township are numbered 001 to 999 (the code's last three digits). */
    static final int MAX_POSTS = 999;

    record Settings(int bookings, int windows, int capacity, int concurrency, int users, int rounds, int warmupRounds, Duration responseTimeout,
                    String serviceJvm, String gatewayJvm, Path serviceJar, Path gatewayJar, long seed, boolean keepLogs) {

        static final String USAGE = """
                usage: bench/logistics/run.sh bookings [--option=value ...]
                  --bookings=1500        booking requests per burst, spread evenly over the windows (in a shuffled order)
                  --windows=100          windows per burst: one PICKUP window tomorrow at each of as many village posts
                  --capacity=10          bookings of 1 kg (1 parcel) a window has room for: capacity kg, 100 × capacity parcels
                  --concurrency=200      requests in flight at once (closed loop: the next is sent when one is answered)
                  --users=40             county clerks the requests are signed in as, in turn (the gateway's budget is per user)
                  --rounds=2             measured rounds, each a burst straight to the service then one through the gateway
                  --warmup-rounds=1      rounds before them, discarded (JIT, pools, connections)
                  --response-timeout=60  seconds a sent request may wait for its answer before it counts as unanswered
                  --service-jvm="-Xms512m -Xmx1g"   JVM options of the logistics booking service
                  --gateway-jvm="-Xms512m -Xmx512m" JVM options of the gateway
                  --service-jar=services/logistics-booking/target/logistics-booking-0.1.0-SNAPSHOT.jar
                  --gateway-jar=gateway/target/gateway-0.1.0-SNAPSHOT.jar
                  --seed=20261219        seed of the requests' order
                  --keep-logs=false      keep the run directory (logs; kept anyway when the run fails)
                """;

        private static final Set<String> KNOWN = Set.of("bookings", "windows", "capacity", "concurrency", "users", "rounds", "warmup-rounds",
                "response-timeout", "service-jvm", "gateway-jvm", "service-jar", "gateway-jar", "seed", "keep-logs");

        static Settings parse(String[] args) {
            Map<String, String> options = CommandLine.options(args, KNOWN);
            Settings settings = new Settings(Integer.parseInt(options.getOrDefault("bookings", "1500")),
                    Integer.parseInt(options.getOrDefault("windows", "100")), Integer.parseInt(options.getOrDefault("capacity", "10")),
                    Integer.parseInt(options.getOrDefault("concurrency", "200")), Integer.parseInt(options.getOrDefault("users", "40")),
                    Integer.parseInt(options.getOrDefault("rounds", "2")), Integer.parseInt(options.getOrDefault("warmup-rounds", "1")),
                    CommandLine.seconds(options.get("response-timeout"), 60),
                    options.getOrDefault("service-jvm", "-Xms512m -Xmx1g"), options.getOrDefault("gateway-jvm", "-Xms512m -Xmx512m"),
                    Path.of(options.getOrDefault("service-jar", "services/logistics-booking/target/logistics-booking-0.1.0-SNAPSHOT.jar")),
                    Path.of(options.getOrDefault("gateway-jar", "gateway/target/gateway-0.1.0-SNAPSHOT.jar")),
                    Long.parseLong(options.getOrDefault("seed", "20261219")), Boolean.parseBoolean(options.getOrDefault("keep-logs", "false")));
            if (settings.bookings < 1 || settings.windows < 1 || settings.capacity < 1 || settings.capacity > 100 || settings.concurrency < 1
                    || settings.users < 1 || settings.users > 500 || settings.rounds < 1 || settings.warmupRounds < 0 || settings.responseTimeout.isZero()) {
                throw new CommandLine.Usage("Out-of-range option in " + options);
            }
            if (settings.posts() > MAX_POSTS) {
                throw new CommandLine.Usage("(rounds + warmup-rounds) × 2 × windows is " + settings.posts() + " posts; at most " + MAX_POSTS
                        + " fit in the benchmark's one township");
            }
            return settings;
        }

        int bursts() {
            return 2 * (rounds + warmupRounds);
        }

        int posts() {
            return bursts() * windows;
        }
    }

    /** One burst: its target, whether it is measured, and what came back. */
    record Burst(int round, boolean measured, String target, ClosedLoopPosts.Result result, Check check, String cpu) {

        double bookingsPerSecond() {
            return result.count(201) / result.wallSeconds();
        }
    }

    /** What the windows of a burst hold afterwards, read back through the API and from the booking rows. */
    record Check(int windows, int overbooked, int full, long bookedKg, long bookingRows, int rowMismatches, int refusedWithRoom,
                 List<String> problems) {

        boolean sound(long created) {
            return overbooked == 0 && rowMismatches == 0 && refusedWithRoom == 0 && bookedKg == created && bookingRows == created;
        }
    }

    private final Settings settings;
    private final BenchRun run;
    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private BookingBenchmark(Settings settings) {
        this.settings = settings;
        this.run = new BenchRun("bookings-bench", settings.keepLogs());
    }

    public static void main(String[] args) {
        Settings settings = CommandLine.parseOrExit(args, Settings::parse, Settings.USAGE);
        BookingBenchmark benchmark = new BookingBenchmark(settings);
        benchmark.run.runAndExit("bookings-bench", benchmark::run, benchmark::close);
    }

    private void run() {
        BuildRepository.useTheBuilds(BookingBenchmark.class, "/bench-build.properties");
        Path serviceJar = ServiceInstance.copyJar(settings.serviceJar(), run.directory(), "logistics-booking.jar");
        Path gatewayJar = ServiceInstance.copyJar(settings.gatewayJar(), run.directory(), "gateway.jar");
        String startLoad = Machine.loadAverage();
        String startedAt = Machine.startedAt();

        BenchStack stack = BenchStack.start(run, realm());
        PostgresServer postgres = stack.postgres();
        KafkaBroker kafka = stack.kafka();
        KeycloakServer keycloak = stack.keycloak();
        PostgresServer.Database database = postgres.database("logistics_booking");
        ServiceInstance service = stack.service("logistics-booking", serviceJar, split(settings.serviceJvm()), List.of(), database, Map.of());
        // The gateway's budgets are its own defaults.
        ServiceInstance gateway = stack.gateway(gatewayJar, split(settings.gatewayJvm()), Map.of("LOGISTICS_BOOKING_URL", service), null, List.of());

        String admin = keycloak.passwordGrant(PlatformRealm.NAME, PlatformRealm.CLI_CLIENT, ADMIN, PASSWORD);
        List<String> clerks = new ArrayList<>();
        for (int u = 0; u < settings.users(); u++) {
            clerks.add("Bearer " + keycloak.passwordGrant(PlatformRealm.NAME, PlatformRealm.CLI_CLIENT, clerk(u), PASSWORD));
        }
        String probe = "Bearer " + keycloak.passwordGrant(PlatformRealm.NAME, PlatformRealm.CLI_CLIENT, PROBE, PASSWORD);
        log.info("{} clerks signed in", clerks.size());

        LocalDate tomorrow = LocalDate.now(CHINA).plusDays(1);
        List<List<String>> windows = seed(postgres, database, service, kafka, admin, tomorrow);
        String budgetCheck = checkTheBudgetIsPerUser(gateway.baseUrl() + GATEWAY_PREFIX + "/counties/" + COUNTY + "/slots/" + windows.get(0).get(0),
                probe, clerks.get(0));

        Map<String, Long> others = Map.of("gateway JVM", gateway.pid());
        List<Burst> bursts = new ArrayList<>();
        int set = 0;
        try (ClosedLoopPosts direct = new ClosedLoopPosts(settings.concurrency(), settings.responseTimeout());
             ClosedLoopPosts throughGateway = new ClosedLoopPosts(settings.concurrency(), settings.responseTimeout())) {
            for (int round = 1 - settings.warmupRounds(); round <= settings.rounds(); round++) {
                for (String target : List.of("direct", "gateway")) {
                    boolean viaGateway = target.equals("gateway");
                    String url = (viaGateway ? gateway.baseUrl() + GATEWAY_PREFIX : service.baseUrl()) + "/counties/" + COUNTY + "/bookings";
                    bursts.add(burst(round, round >= 1, target, viaGateway ? throughGateway : direct, url, windows.get(set), clerks, set, postgres,
                            database, service, admin, tomorrow, others));
                    set++;
                    Machine.pause(Duration.ofSeconds(3));
                }
            }
        }
        List<String> problems = service.problems(10);
        System.out.println(report(startedAt, startLoad, bursts, budgetCheck, problems));
        List<Burst> unsound = bursts.stream().filter(burst -> !burst.check().sound(burst.result().count(201))).toList();
        if (!unsound.isEmpty()) {
            throw new IllegalStateException("OVERBOOKED or inconsistent windows in " + unsound.size() + " burst(s): "
                    + unsound.stream().map(burst -> burst.target() + " round " + burst.round() + ": " + burst.check().problems()).toList());
        }
    }

    private String realm() {
        PlatformRealm realm = PlatformRealm.fromRepository().user(ADMIN, PASSWORD, "county-admin", PlatformRealm.county(COUNTY))
                .user(PROBE, PASSWORD, "county-clerk", PlatformRealm.county(COUNTY));
        for (int u = 0; u < settings.users(); u++) {
            realm.user(clerk(u), PASSWORD, "county-clerk", PlatformRealm.county(COUNTY));
        }
        ObjectNode tree = (ObjectNode) json.readTree(realm.json());
        // One token per clerk serves the whole run.
        tree.put("accessTokenLifespan", 24 * 3600);
        return json.writeValueAsString(tree);
    }

    private static String clerk(int u) {
        return String.format(Locale.ROOT, "clerk-%s-%03d", COUNTY, u + 1);
    }

    /**
     * The county joins with one township of {@code posts} villages (its registry's events); then through the service's
     * API as the county's admin: the tariff, the park, the township's station, a post in every village and at each a
     * PICKUP window tomorrow with room for {@code capacity} bookings of 1 kg. Returns the windows' ids, a list per burst.
     * Not measured.
     */
    private List<List<String>> seed(PostgresServer postgres, PostgresServer.Database database, ServiceInstance service, KafkaBroker kafka,
                                    String token, LocalDate day) {
        int posts = settings.posts();
        try (CountyEvents events = new CountyEvents(kafka.bootstrapServers())) {
            events.countyJoined(COUNTY, "文县", 1, posts);
            for (int v = 0; v < posts; v++) {
                events.villageRegistered(COUNTY, village(v), TOWNSHIP, "村" + (v + 1));
            }
            events.flush();
        }
        BenchData.awaitCount(postgres, database.name(), "select count(*) from joined_county where code = '" + COUNTY + "'", 1,
                "county joined in the logistics booking service", Duration.ofMinutes(3));
        BenchData.awaitCount(postgres, database.name(), "select count(*) from village where county_code = '" + COUNTY + "'", posts,
                "villages in the logistics booking service", Duration.ofMinutes(3));
        String county = "/counties/" + COUNTY;
        call(service, "PUT", county + "/tariffs", token, Map.of("villageTownship", Map.of("fenPerKg", 40, "minimumFen", 200),
                "townshipCounty", Map.of("fenPerKg", 20, "minimumFen", 100), "subsidyPercent", 50, "subsidyCapFen", 1000));
        String park = call(service, "POST", county + "/nodes", token, node("COUNTY_PARK", "文县物流园", null, null, null, "COUNTY", 32.94, 104.68))
                .path("id").asString();
        String station = call(service, "POST", county + "/nodes", token, node("TOWNSHIP_STATION", "碧口镇物流站", park, TOWNSHIP, null, "CARRIER",
                32.75, 105.23)).path("id").asString();
        log.info("Adding {} village posts, each with a PICKUP window on {} for {} bookings of 1 kg", posts, day, settings.capacity());
        String[] slots = new String[posts];
        ForkJoinPool pool = new ForkJoinPool(6);
        try {
            pool.submit(() -> IntStream.range(0, posts).parallel().forEach(v -> {
                String post = call(service, "POST", county + "/nodes", token, node("VILLAGE_POST", "村邮站 " + (v + 1), station, null, village(v),
                        "VILLAGE_AGENT", 32.70 + (v % 30) * 0.005, 105.20 + (v / 30) * 0.005)).path("id").asString();
                Map<String, Object> window = new LinkedHashMap<>();
                window.put("node", post);
                window.put("day", day.toString());
                window.put("kind", "PICKUP");
                window.put("windowStart", "09:00");
                window.put("windowEnd", "12:00");
                window.put("capacityKg", settings.capacity());
                window.put("capacityParcels", settings.capacity() * 100);
                slots[v] = call(service, "POST", county + "/slots", token, window).path("id").asString();
            })).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Seeding failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdown();
        }
        List<List<String>> sets = new ArrayList<>();
        for (int s = 0; s < settings.bursts(); s++) {
            List<String> set = new ArrayList<>();
            for (int w = 0; w < settings.windows(); w++) {
                set.add(slots[s * settings.windows() + w]);
            }
            sets.add(set);
        }
        log.info("Seeded: a park, a station, {} posts and {} windows, {} per burst", posts, posts, settings.windows());
        return sets;
    }

    private static String village(int v) {
        return TOWNSHIP + String.format(Locale.ROOT, "%03d", v + 1);
    }

    private static Map<String, Object> node(String level, String name, String parent, String township, String village, String operatorKind,
                                            double latitude, double longitude) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("level", level);
        node.put("name", name);
        if (parent != null) {
            node.put("parent", parent);
        }
        if (township != null) {
            node.put("township", township);
        }
        if (village != null) {
            node.put("village", village);
        }
        node.put("address", name + "旁");
        node.put("latitude", latitude);
        node.put("longitude", longitude);
        node.put("openingHours", "每日 08:00-18:00");
        node.put("operatorKind", operatorKind);
        node.put("operatorName", name);
        return node;
    }

    /**
     * Before measuring: the gateway's budget is per user and is consulted: 150 reads at once from one clerk (the budget
     * bursts to 100) are partly refused, and another clerk is still served. The measured bursts then spread over many
     * clerks, each well within the budget, as a county's many bookers would.
     */
    private String checkTheBudgetIsPerUser(String url, String probe, String other) {
        List<CompletableFuture<HttpResponse<Void>>> burst = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            burst.add(http.sendAsync(get(url, probe), HttpResponse.BodyHandlers.discarding()));
        }
        long served = burst.stream().map(CompletableFuture::join).filter(response -> response.statusCode() == 200).count();
        long refused = burst.stream().map(CompletableFuture::join).filter(response -> response.statusCode() == 429).count();
        int otherStatus = http.sendAsync(get(url, other), HttpResponse.BodyHandlers.discarding()).join().statusCode();
        String check = String.format(Locale.ROOT, "150 reads at once from one clerk through the gateway: %d served, %d refused (429); another clerk "
                + "then got %d", served, refused, otherStatus);
        log.info("Budget check: {}", check);
        if (refused == 0) {
            log.warn("The per-user budget refused none of 150 requests at once: it may not have been consulted (Redis slow?)");
        }
        return check;
    }

    private static HttpRequest get(String url, String authorization) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header("Authorization", authorization)
                .header("Accept", "application/json").GET().build();
    }

    private Burst burst(int round, boolean measured, String target, ClosedLoopPosts load, String url, List<String> windows, List<String> clerks,
                        int set, PostgresServer postgres, PostgresServer.Database database, ServiceInstance service, String admin, LocalDate day,
                        Map<String, Long> others) {
        // Every window gets the same number of requests (the remainder to the first ones), in a shuffled order.
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < settings.bookings(); i++) {
            order.add(i % windows.size());
        }
        Collections.shuffle(order, new Random(settings.seed() + set));
        String[] bodies = new String[settings.bookings()];
        for (int i = 0; i < bodies.length; i++) {
            Map<String, Object> booking = new LinkedHashMap<>();
            booking.put("slot", windows.get(order.get(i)));
            booking.put("senderKind", "COOPERATIVE");
            booking.put("senderRef", "coop-" + (i % 50));
            booking.put("recipient", "王建国");
            booking.put("weightKg", 1);
            booking.put("parcels", 1);
            booking.put("carriesKind", "GOODS");
            bodies[i] = json.writeValueAsString(booking);
        }
        String label = (measured ? "round " + round : "warm-up") + ", " + target;
        log.info("{}: {} bookings on {} windows of {}, {} in flight", label, settings.bookings(), windows.size(), settings.capacity(),
                settings.concurrency());
        ClosedLoopPosts.Result result;
        String cpu;
        try (Sampler sampler = new Sampler(postgres, database.name(), service.pid(), target.equals("gateway") ? others : Map.of());
             SessionStates sessions = new SessionStates(postgres, database)) {
            result = load.run(bodies.length, i -> new ClosedLoopPosts.Post(url, clerks.get(i % clerks.size()), bodies[i]));
            sampler.close();
            sessions.close();
            cpu = sampler.summary() + " " + sessions.summary();
        }
        Map<String, Integer> refusedAt = new HashMap<>();
        for (int i = 0; i < bodies.length; i++) {
            if (result.statuses()[i] == 409) {
                refusedAt.merge(windows.get(order.get(i)), 1, Integer::sum);
            }
        }
        Check check = check(postgres, database, service, admin, day, windows, refusedAt, result.count(201));
        log.info("  {}: {} s, {} bookings/s; 201 {}, 409 {}, 429 {}, other {}, unanswered {}; p50 {} ms, p99 {} ms; {} windows full, {} overbooked",
                label, fmt(result.wallSeconds(), 2), fmt(result.count(201) / result.wallSeconds(), 0), result.count(201), result.count(409),
                result.count(429), result.other(), result.count(0), fmt(result.percentileMillis(50), 1), fmt(result.percentileMillis(99), 1),
                check.full(), check.overbooked());
        result.otherAnswers().forEach(answer -> log.warn("  other answer: {}", answer));
        if (!check.sound(result.count(201))) {
            log.error("  OVERBOOKED OR INCONSISTENT: {}", check.problems());
        }
        log.info("  {}", cpu);
        return new Burst(round, measured, target, result, check, cpu);
    }

    /**
     * Reads the burst's windows back through the service's API (the day's windows, as the admin) and counts their booking
     * rows in the database: no window may hold more than its room, each must hold what its rows add up to, the 201s must
     * be what the windows hold, and a window that refused a booking as full must be full.
     */
    private Check check(PostgresServer postgres, PostgresServer.Database database, ServiceInstance service, String admin, LocalDate day,
                        List<String> windows, Map<String, Integer> refusedAt, long created) {
        HttpResponse<String> response = service.get("/counties/" + COUNTY + "/slots?day=" + day, admin);
        require(response.statusCode() == 200, "reading the windows back answered " + response.statusCode() + " " + response.body());
        Map<String, JsonNode> byId = new HashMap<>();
        for (JsonNode slot : json.readTree(response.body())) {
            byId.put(slot.path("id").asString(), slot);
        }
        Map<String, long[]> rows = new HashMap<>();
        try (Connection superuser = postgres.connect(database.name());
             PreparedStatement select = superuser.prepareStatement("""
                     select slot_id::text, count(*), coalesce(sum(weight_grams), 0), coalesce(sum(parcels), 0)
                       from booking where county_code = ? and state <> 'CANCELLED' group by slot_id""")) {
            select.setString(1, COUNTY);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getString(1), new long[] {result.getLong(2), result.getLong(3), result.getLong(4)});
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the bookings back failed: " + e.getMessage(), e);
        }
        int overbooked = 0;
        int full = 0;
        int mismatches = 0;
        int refusedWithRoom = 0;
        long bookedKg = 0;
        long bookingRows = 0;
        List<String> problems = new ArrayList<>();
        for (String id : windows) {
            JsonNode slot = byId.get(id);
            if (slot == null) {
                problems.add("window " + id + " not read back");
                mismatches++;
                continue;
            }
            BigDecimal capacity = slot.path("capacityKg").decimalValue();
            BigDecimal booked = slot.path("bookedKg").decimalValue();
            int bookedParcels = slot.path("bookedParcels").asInt();
            long[] counted = rows.getOrDefault(id, new long[3]);
            bookedKg += booked.longValue();
            bookingRows += counted[0];
            if (booked.compareTo(capacity) > 0 || bookedParcels > slot.path("capacityParcels").asInt()) {
                overbooked++;
                problems.add("OVERBOOKED window " + id + ": " + booked + " kg of " + capacity);
            }
            if (booked.compareTo(capacity) == 0) {
                full++;
            }
            if (booked.compareTo(BigDecimal.valueOf(counted[1], 3)) != 0 || bookedParcels != counted[2] || counted[0] != bookedParcels) {
                mismatches++;
                problems.add("window " + id + " holds " + booked + " kg in " + bookedParcels + " parcels, its bookings " + counted[0] + " rows of "
                        + BigDecimal.valueOf(counted[1], 3) + " kg");
            }
            if (refusedAt.containsKey(id) && booked.compareTo(capacity) < 0) {
                refusedWithRoom++;
                problems.add("window " + id + " refused " + refusedAt.get(id) + " booking(s) as full with " + capacity.subtract(booked) + " kg free");
            }
        }
        if (bookedKg != created) {
            problems.add(created + " bookings answered 201, the windows hold " + bookedKg + " kg");
        }
        if (bookingRows != created) {
            problems.add(created + " bookings answered 201, the windows have " + bookingRows + " booking rows");
        }
        return new Check(windows.size(), overbooked, full, bookedKg, bookingRows, mismatches, refusedWithRoom, List.copyOf(problems));
    }

    private String report(String startedAt, String startLoad, List<Burst> bursts, String budgetCheck, List<String> problems) {
        StringBuilder out = new StringBuilder("\n## Bookings benchmark, ").append(startedAt).append("\n\n");
        out.append(String.format(Locale.ROOT, "Machine: %d CPUs, %d GiB memory, load average %s at start, %s at end. Logistics booking JVM: %s; "
                        + "gateway JVM: %s. PostgreSQL, Kafka, Redis, Keycloak and the load generator on the same machine.%n%n",
                Runtime.getRuntime().availableProcessors(), Machine.memoryGiB(), startLoad, Machine.loadAverage(), settings.serviceJvm(),
                settings.gatewayJvm()));
        out.append(String.format(Locale.ROOT, "Load: bursts of %,d `POST /counties/%s/bookings` (1 kg, 1 parcel each) spread evenly over %d PICKUP "
                        + "windows of %d kg (room for %d bookings each: %,d places, every window oversubscribed), in a shuffled order; closed loop "
                        + "with %d requests in flight over as many keep-alive connections; signed in as %d county clerks in turn; %d warm-up "
                        + "round(s) discarded, then %d measured, each a burst straight to the service then one through the gateway, each burst on "
                        + "windows of its own. Bookings/s: 201s over the burst's wall time (first send to last answer).%n%n",
                settings.bookings(), COUNTY, settings.windows(), settings.capacity(), settings.capacity(), settings.windows() * settings.capacity(),
                settings.concurrency(), settings.users(), settings.warmupRounds(), settings.rounds()));
        out.append("Gateway budget: ").append(budgetCheck).append(".\n\n");
        out.append("| round | target | requests | wall s | bookings/s (201/s) | requests/s | 201 | 409 | 429 | other | unanswered | p50 ms | p90 ms "
                + "| p99 ms | max ms | p99 of 201s ms | windows full | overbooked windows | booked kg = 201s = rows |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Burst burst : bursts) {
            ClosedLoopPosts.Result r = burst.result();
            Check c = burst.check();
            out.append(String.format(Locale.ROOT, "| %s | %s | %,d | %.2f | %,.0f | %,.0f | %d | %d | %d | %d | %d | %s | %s | %s | %s | %s | %d of %d | %s | %s |%n",
                    burst.measured() ? Integer.toString(burst.round()) : "warm-up", burst.target(), r.statuses().length, r.wallSeconds(),
                    burst.bookingsPerSecond(), r.statuses().length / r.wallSeconds(), r.count(201), r.count(409), r.count(429), r.other(), r.count(0),
                    fmt(r.percentileMillis(50), 1), fmt(r.percentileMillis(90), 1), fmt(r.percentileMillis(99), 1), fmt(r.percentileMillis(100), 1),
                    fmt(r.percentileMillis(99, 201), 1), c.full(), c.windows(), c.overbooked() == 0 ? "0" : "**" + c.overbooked() + " OVERBOOKED**",
                    c.sound(r.count(201)) ? String.format(Locale.ROOT, "yes (%,d)", r.count(201))
                            : String.format(Locale.ROOT, "**NO**: %d kg, %d 201s, %d rows", c.bookedKg(), r.count(201), c.bookingRows())));
        }
        out.append("\n| round | bookings/s direct | bookings/s gateway | gateway / direct | p99 gateway / direct |\n|---|---:|---:|---:|---:|\n");
        double directCreated = 0;
        double directWall = 0;
        double gatewayCreated = 0;
        double gatewayWall = 0;
        for (int i = 0; i + 1 < bursts.size(); i += 2) {
            Burst direct = bursts.get(i);
            Burst gateway = bursts.get(i + 1);
            if (!direct.measured()) {
                continue;
            }
            directCreated += direct.result().count(201);
            directWall += direct.result().wallSeconds();
            gatewayCreated += gateway.result().count(201);
            gatewayWall += gateway.result().wallSeconds();
            out.append(String.format(Locale.ROOT, "| %d | %,.0f | %,.0f | %.2f | %.2f |%n", direct.round(), direct.bookingsPerSecond(),
                    gateway.bookingsPerSecond(), gateway.bookingsPerSecond() / direct.bookingsPerSecond(),
                    gateway.result().percentileMillis(99) / direct.result().percentileMillis(99)));
        }
        double directRate = directCreated / directWall;
        double gatewayRate = gatewayCreated / gatewayWall;
        out.append(String.format(Locale.ROOT, "| all measured | %,.0f | %,.0f | %.2f | |%n%n", directRate, gatewayRate, gatewayRate / directRate));
        long unsound = bursts.stream().filter(burst -> !burst.check().sound(burst.result().count(201))).count();
        long overbooked = bursts.stream().mapToLong(burst -> burst.check().overbooked()).sum();
        out.append(unsound == 0
                ? String.format(Locale.ROOT, "**0 overbooked** in every burst (%d bursts, %,d windows): no window holds more than its room, the 201s equal "
                + "the kg booked and the booking rows, and no window refused a booking while it had room.%n%n", bursts.size(),
                bursts.size() * settings.windows())
                : String.format(Locale.ROOT, "**OVERBOOKED OR INCONSISTENT: %d burst(s), %d overbooked window(s).**%n%n", unsound, overbooked));
        out.append(String.format(Locale.ROOT, "Goal ≥ 1,000 bookings/s through the gateway: **%s** (%,.0f bookings/s over the measured bursts; "
                + "straight to the service %,.0f).%n%n", gatewayRate >= 1000 ? "met" : "not met", gatewayRate, directRate));
        out.append("CPU in each measured burst (sampled; the bursts last seconds, so these are coarse):\n\n");
        for (Burst burst : bursts) {
            if (burst.measured()) {
                out.append("- round ").append(burst.round()).append(", ").append(burst.target()).append(": ").append(burst.cpu()).append('\n');
            }
        }
        if (!problems.isEmpty()) {
            out.append("\nWarnings and errors in the service's log (first ").append(problems.size()).append("):\n\n");
            problems.forEach(line -> out.append("    ").append(line, 0, Math.min(line.length(), 400)).append('\n'));
        }
        return out.toString();
    }

    private JsonNode call(ServiceInstance service, String method, String path, String token, Object body) {
        HttpResponse<String> response = service.json(method, path, token, json.writeValueAsString(body));
        require(response.statusCode() < 300, method + " " + path + " answered " + response.statusCode() + " " + response.body());
        return response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
    }

    private static String fmt(double value, int decimals) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%,." + decimals + "f", value) : "n/a";
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
