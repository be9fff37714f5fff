package org.povertyalleviation.bench.training;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.povertyalleviation.bench.BenchRun;
import org.povertyalleviation.bench.BenchStack;
import org.povertyalleviation.bench.CommandLine;
import org.povertyalleviation.bench.CountyCodes;
import org.povertyalleviation.bench.CountyEvents;
import org.povertyalleviation.bench.BenchData;
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
 * Issue 20: "300 people check in to one sitting within 60 s through the gateway with rotating codes: every check-in
 * counted once, p99 latency reported." The training service and the gateway from their jars; one session of 300 people
 * enrolled through its learning app; per phase a new sitting whose lecturer's screen (polled as the county's staff)
 * shows the rotating code, and the people arriving over the window, open loop, each sending what the screen shows at
 * that moment through the learning app (a partner client, appPerson the person's own account): through the gateway
 * and, as the baseline of the same run, straight to the service. After each phase the sitting's attendance is read
 * back: the counted figure must be exactly the number of distinct people whose check-in was accepted. See
 * bench/training/README.md.
 */
public final class TrainingBenchmark {

    private static final Logger log = LoggerFactory.getLogger(TrainingBenchmark.class);

    static final String COUNTY = "621222";
    static final String ADMIN = "admin-" + COUNTY;
    static final String PASSWORD = "bench-password-2026";
    static final String APP = "bench-learning-app";
    static final String APP_SECRET = "bench-learning-app-secret-2026";
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final String GATEWAY_PREFIX = "/api/training";

    record Settings(int people, Duration window, int duplicatesPercent, int fallback, int expired, Duration screenEvery, boolean viaApp, int rounds,
                    Duration warmupWindow, Duration responseTimeout, String serviceJvm, String gatewayJvm, Path trainingJar, Path gatewayJar,
                    long seed, boolean keepLogs) {

        static final String USAGE = """
                usage: bench/training/run.sh [--option=value ...]
                  --people=300           people enrolled, each checking in once (the session's capacity; at most 1000)
                  --window=60            seconds over which they arrive (uniformly at random: open loop)
                  --duplicates=10        percent of the people who scan a second time later in the window
                  --fallback=5           people who type the six digits instead of scanning
                  --expired=2            people who first show an old photo of the screen (refused), then scan
                  --screen-every=2       seconds between the lecturer's screen's refreshes
                  --via=app              who sends the check-ins: app (the session's learning app, a partner client, with
                                         appPerson) or lecturer (the lecturer's device, as the county's staff)
                  --rounds=1             measured rounds, each a direct and a gateway phase
                  --warmup=30            seconds of a warm-up sitting per target before the rounds (0: none; not reported)
                  --response-timeout=10  seconds a sent check-in may wait for its answer
                  --service-jvm="-Xms512m -Xmx1g"  JVM options of the training service
                  --gateway-jvm="-Xms512m -Xmx512m"  JVM options of the gateway
                  --training-jar=services/training/target/training-0.1.0-SNAPSHOT.jar
                  --gateway-jar=gateway/target/gateway-0.1.0-SNAPSHOT.jar
                  --seed=20                seed of the arrivals (the same for every phase)
                  --keep-logs=false      keep the run directory (logs; kept anyway when the run fails)
                """;

        private static final Set<String> KNOWN = Set.of("people", "window", "duplicates", "fallback", "expired", "screen-every", "via", "rounds",
                "warmup", "response-timeout", "service-jvm", "gateway-jvm", "training-jar", "gateway-jar", "seed", "keep-logs");

        static Settings parse(String[] args) {
            Map<String, String> options = CommandLine.options(args, KNOWN);
            String via = options.getOrDefault("via", "app");
            if (!via.equals("app") && !via.equals("lecturer")) {
                throw new CommandLine.Usage("--via is app or lecturer, not " + via);
            }
            Settings settings = new Settings(Integer.parseInt(options.getOrDefault("people", "300")), CommandLine.seconds(options.get("window"), 60),
                    Integer.parseInt(options.getOrDefault("duplicates", "10")), Integer.parseInt(options.getOrDefault("fallback", "5")),
                    Integer.parseInt(options.getOrDefault("expired", "2")), CommandLine.seconds(options.get("screen-every"), 2), via.equals("app"),
                    Integer.parseInt(options.getOrDefault("rounds", "1")), CommandLine.seconds(options.get("warmup"), 30),
                    CommandLine.seconds(options.get("response-timeout"), 10), options.getOrDefault("service-jvm", "-Xms512m -Xmx1g"),
                    options.getOrDefault("gateway-jvm", "-Xms512m -Xmx512m"),
                    Path.of(options.getOrDefault("training-jar", "services/training/target/training-0.1.0-SNAPSHOT.jar")),
                    Path.of(options.getOrDefault("gateway-jar", "gateway/target/gateway-0.1.0-SNAPSHOT.jar")),
                    Long.parseLong(options.getOrDefault("seed", "20")), Boolean.parseBoolean(options.getOrDefault("keep-logs", "false")));
            // The old photo rotates out about 30 s into the window; its people need 5 s after that to scan again.
            if (settings.people < 1 || settings.people > 1000 || settings.duplicatesPercent < 0 || settings.duplicatesPercent > 100
                    || settings.fallback < 0 || settings.expired < 0 || settings.rounds < 1 || settings.screenEvery.isZero()
                    || settings.responseTimeout.isZero() || settings.duplicates() + settings.fallback + settings.expired > settings.people
                    || (settings.expired > 0 && settings.window.toSeconds() < 40)) {
                throw new CommandLine.Usage("Out-of-range option in " + options + " (with expired tokens the window is at least 40 s)");
            }
            return settings;
        }

        int duplicates() {
            return (int) Math.round(people * duplicatesPercent / 100.0);
        }
    }

    /** One phase: a sitting, its arrivals through one target, their outcomes and what the sitting counted afterwards. */
    record Phase(String name, String target, CheckInPlan plan, List<CheckInLoad.Outcome> outcomes, long[] screenMicros, long screenFailures,
                 Attendance attendance, Verdict verdict, String cpu) {
    }

    /** The sitting's attendance as the service reports it afterwards. */
    record Attendance(long checkedIn, long duplicates, long late, int listed, Map<String, Integer> countedPerEnrolment) {
    }

    /** Whether every check-in counted once, and what else the phase showed. */
    record Verdict(int distinctAccepted, int acceptedCountedAnswers, List<String> problems) {

        boolean countedOnce() {
            return problems.isEmpty();
        }
    }

    private final Settings settings;
    private final BenchRun run;
    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private TrainingBenchmark(Settings settings) {
        this.settings = settings;
        this.run = new BenchRun("training-bench", settings.keepLogs());
    }

    public static void main(String[] args) {
        Settings settings = CommandLine.parseOrExit(args, Settings::parse, Settings.USAGE);
        TrainingBenchmark benchmark = new TrainingBenchmark(settings);
        benchmark.run.runAndExit("training-bench", benchmark::run, benchmark::close);
    }

    private void run() {
        BuildRepository.useTheBuilds(TrainingBenchmark.class, "/bench-build.properties");
        Path trainingJar = ServiceInstance.copyJar(settings.trainingJar(), run.directory(), "training.jar");
        Path gatewayJar = ServiceInstance.copyJar(settings.gatewayJar(), run.directory(), "gateway.jar");
        String startLoad = Machine.loadAverage();
        String startedAt = Machine.startedAt();

        BenchStack stack = BenchStack.start(run, realm());
        PostgresServer postgres = stack.postgres();
        KafkaBroker kafka = stack.kafka();
        KeycloakServer keycloak = stack.keycloak();
        PostgresServer.Database trainingDb = postgres.database("training");
        ServiceInstance training = stack.service("training", trainingJar, split(settings.serviceJvm()), List.of(), trainingDb, Map.of());
        ServiceInstance gateway = stack.gateway(gatewayJar, split(settings.gatewayJvm()), Map.of("TRAINING_URL", training), BenchStack.LOOPBACK_ONLY,
                List.of());
        String staff = keycloak.passwordGrant(PlatformRealm.NAME, PlatformRealm.CLI_CLIENT, ADMIN, PASSWORD);
        String app = keycloak.clientCredentialsGrant(PlatformRealm.NAME, APP, APP_SECRET);

        Seeded seeded = seed(postgres, trainingDb, training, kafka, staff, app);
        String sender = settings.viaApp() ? app : staff;
        List<String> appPersons = settings.viaApp() ? seeded.appPersons() : null;
        Map<String, Long> others = Map.of("gateway JVM", gateway.pid());

        List<Phase> warmUps = new ArrayList<>();
        if (!settings.warmupWindow().isZero()) {
            CheckInPlan warm = CheckInPlan.of(settings.people(), settings.warmupWindow().toMillis(), settings.duplicates(), settings.fallback(), 0, 0,
                    settings.seed() + 1);
            for (String target : List.of("direct", "gateway")) {
                Phase phase = phase("warm-up", target, warm, training, gateway, staff, sender, seeded, appPersons, postgres, trainingDb, others);
                log.info("  warm-up {}: {}", target, phase.verdict().countedOnce() ? "every check-in counted once" : phase.verdict().problems());
                warmUps.add(phase);
            }
        }
        List<Phase> phases = new ArrayList<>();
        for (int round = 1; round <= settings.rounds(); round++) {
            for (String target : List.of("direct", "gateway")) {
                phases.add(phase("round " + round, target, null, training, gateway, staff, sender, seeded, appPersons, postgres, trainingDb, others));
            }
        }
        System.out.println(report(startedAt, startLoad, phases));
        // A warm-up that counted someone twice fails the run as much as a measured phase.
        List<String> problems = java.util.stream.Stream.concat(warmUps.stream(), phases.stream()).flatMap(phase -> phase.verdict().problems().stream().map(p -> phase.name() + ", " + phase.target()
                + ": " + p)).toList();
        if (!problems.isEmpty()) {
            System.out.println("\n**COUNTED TWICE** (or not counted): " + String.join("; ", problems));
            throw new IllegalStateException("COUNTED TWICE: " + String.join("; ", problems));
        }
    }

    /** The repository's realm with the county's admin (the lecturer's screen) and the learning app, tokens lasting the run. */
    private String realm() {
        ObjectNode realm = (ObjectNode) json.readTree(PlatformRealm.fromRepository()
                .user(ADMIN, PASSWORD, "county-admin", PlatformRealm.county(COUNTY))
                .partner(APP, APP_SECRET, COUNTY).json());
        realm.put("accessTokenLifespan", 24 * 3600);
        return json.writeValueAsString(realm);
    }

    record Seeded(String session, List<String> enrolments, List<String> appPersons) {
    }

    /**
     * The county joins (its registry's events); as its admin, a course and a session on the learning app with room for
     * everyone; the app enrols the people, each with their account in it. Straight to the service, not measured.
     */
    private Seeded seed(PostgresServer postgres, PostgresServer.Database trainingDb, ServiceInstance training, KafkaBroker kafka, String staff,
                        String app) {
        String village = CountyCodes.village(COUNTY, 0);
        try (CountyEvents events = new CountyEvents(kafka.bootstrapServers())) {
            events.countyJoined(COUNTY, "文县", 1, 1);
            events.villageRegistered(COUNTY, village, CountyCodes.township(COUNTY, 0), "李子坝村");
            events.flush();
        }
        BenchData.awaitCount(postgres, trainingDb.name(), "select count(*) from village where county_code = '" + COUNTY + "'", 1,
                "villages in the training service", Duration.ofMinutes(3));
        String county = "/counties/" + COUNTY;
        LocalDate today = LocalDate.now(CHINA);
        String course = call(training, "POST", county + "/courses", staff, Map.of("title", "网店运营实操", "level", "SHOP_OPERATION", "hours", 24,
                "targetGroups", List.of("POOR_HOUSEHOLD_MEMBER", "OTHER"), "skill", "SHOP_OPERATION", "attendancePercent", 80,
                "assessment", false)).path("id").asString();
        String session = call(training, "POST", county + "/sessions", staff, Map.of("course", course, "placeKind", "VILLAGE", "village", village,
                "address", "李子坝村村委会会议室", "lecturer", "陇南电商学院 李老师", "capacity", settings.people(), "startsOn", today.toString(),
                "endsOn", today.plusDays(1).toString(), "partnerClient", APP)).path("id").asString();
        log.info("Enrolling {} people through the learning app", settings.people());
        List<String> enrolments = new ArrayList<>();
        List<String> appPersons = new ArrayList<>();
        String[] surnames = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄"};
        for (int i = 0; i < settings.people(); i++) {
            String appPerson = String.format(Locale.ROOT, "app-user-%04d", i);
            JsonNode enrolment = call(training, "POST", county + "/sessions/" + session + "/enrolments", app, Map.of("village", village,
                    "name", surnames[i % surnames.length] + "学员" + i, "phone", String.format(Locale.ROOT, "138%08d", i), "targetGroup", "OTHER",
                    "appPerson", appPerson));
            require(enrolment.path("status").asString().equals("ENROLLED"), "person " + i + " was not enrolled: " + enrolment);
            enrolments.add(enrolment.path("id").asString());
            appPersons.add(appPerson);
        }
        log.info("Seeded: a course, a session on {} with {} people enrolled", APP, enrolments.size());
        return new Seeded(session, enrolments, appPersons);
    }

    /**
     * One sitting's check-ins through one target. The lecturer's screen is opened and its first code kept as the old
     * photo; the window opens once the code has rotated, so that the photo is out of date from about 30 s into it.
     */
    private Phase phase(String name, String target, CheckInPlan given, ServiceInstance training, ServiceInstance gateway, String staff, String sender,
                        Seeded seeded, List<String> appPersons, PostgresServer postgres, PostgresServer.Database trainingDb, Map<String, Long> others) {
        String base = (target.equals("gateway") ? gateway.baseUrl() + GATEWAY_PREFIX : training.baseUrl()) + "/counties/" + COUNTY;
        Instant startsAt = Instant.now().plus(Duration.ofMinutes(5));
        String sitting = call(training, "POST", "/counties/" + COUNTY + "/sessions/" + seeded.session() + "/sittings", staff,
                Map.of("startsAt", startsAt.toString(), "endsAt", startsAt.plus(Duration.ofHours(3)).toString())).path("id").asString();
        CheckInLoad load = new CheckInLoad(http, settings.responseTimeout());
        try (LecturerScreen screen = new LecturerScreen(http, base + "/sittings/" + sitting + "/screen", staff, settings.screenEvery())) {
            LecturerScreen.Shown photo = screen.now();
            // The window opens just after the code rotates: the photo's token is then accepted until its step's end + 30 s.
            long untilRotation = Duration.between(Instant.now(), photo.validUntil()).toMillis() + 300;
            if (untilRotation > 0) {
                Machine.pause(Duration.ofMillis(untilRotation));
            }
            require(screen.fetch() != null && screen.now().step() > photo.step(), "the screen's code did not rotate after " + photo.validUntil());
            long start = System.nanoTime();
            Instant opened = Instant.now();
            long expiredFrom = Duration.between(opened, photo.validUntil().plusSeconds(30)).toMillis() + 1_000;
            CheckInPlan plan = given != null ? given : CheckInPlan.of(settings.people(), settings.window().toMillis(), settings.duplicates(),
                    settings.fallback(), settings.expired(), expiredFrom, settings.seed());
            log.info("{}, {}: sitting {}, {} check-ins by {} people over {} s", name, target, sitting, plan.attempts().size(), plan.people(),
                    plan.windowMillis() / 1000);
            List<CheckInLoad.Outcome> outcomes;
            String cpu;
            try (Sampler sampler = new Sampler(postgres, trainingDb.name(), training.pid(), others)) {
                outcomes = load.run(plan, base + "/sittings/" + sitting + "/check-ins", sender, seeded.enrolments(), appPersons, screen,
                        photo.token(), start);
                sampler.close();
                cpu = sampler.summary();
            }
            screen.close();
            Attendance attendance = attendance(base + "/sittings/" + sitting + "/attendance", staff);
            Verdict verdict = verdict(outcomes, attendance, seeded.enrolments());
            Phase phase = new Phase(name, target, plan, outcomes, screen.sortedMicros(), screen.failures(), attendance, verdict, cpu);
            long[] sorted = sortedMicros(outcomes);
            log.info("  {}: {} accepted, {} counted, {} duplicates kept; p50 {} ms, p99 {} ms, max {} ms; refusals {}", target,
                    outcomes.stream().filter(CheckInLoad.Outcome::accepted).count(), attendance.checkedIn(), attendance.duplicates(),
                    millis(sorted, outcomes.size(), 50), millis(sorted, outcomes.size(), 99), millis(sorted, outcomes.size(), 100), refusals(outcomes));
            Machine.pause(Duration.ofSeconds(2));
            return phase;
        }
    }

    /** The sitting's figures and list, read through the same target as the lecturer's staff. */
    private Attendance attendance(String url, String staff) {
        HttpResponse<String> response;
        try {
            response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + staff).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        require(response.statusCode() == 200, "the attendance answered " + response.statusCode() + " " + response.body());
        JsonNode body = json.readTree(response.body());
        Map<String, Integer> counted = new HashMap<>();
        int listed = 0;
        for (JsonNode entry : body.path("checkIns")) {
            listed++;
            JsonNode checkIn = entry.path("checkIn");
            counted.merge(checkIn.path("enrolment").asString(), checkIn.path("counted").asBoolean() ? 1 : 0, Integer::sum);
        }
        return new Attendance(body.path("checkedIn").asLong(), body.path("duplicates").asLong(), body.path("late").asLong(), listed, counted);
    }

    /**
     * Every check-in counted once: the sitting's count is exactly the number of distinct people with an accepted
     * check-in, no one has two counted, everyone accepted has one, every accepted check-in is kept, and the answers told
     * the app as much (one "counted" per person, the rest duplicates).
     */
    static Verdict verdict(List<CheckInLoad.Outcome> outcomes, Attendance attendance, List<String> enrolments) {
        Set<String> accepted = new HashSet<>();
        int acceptedAnswers = 0;
        int countedAnswers = 0;
        for (CheckInLoad.Outcome outcome : outcomes) {
            if (outcome.accepted()) {
                accepted.add(enrolments.get(outcome.attempt().person()));
                acceptedAnswers++;
                countedAnswers += outcome.counted() ? 1 : 0;
            }
        }
        List<String> problems = new ArrayList<>();
        if (attendance.checkedIn() != accepted.size()) {
            problems.add(String.format(Locale.ROOT, "the sitting counts %d checked in, but %d distinct people were accepted", attendance.checkedIn(),
                    accepted.size()));
        }
        long twice = attendance.countedPerEnrolment().values().stream().filter(n -> n > 1).count();
        if (twice > 0) {
            problems.add(twice + " people have more than one counted check-in");
        }
        long missing = accepted.stream().filter(e -> attendance.countedPerEnrolment().getOrDefault(e, 0) != 1).count();
        if (missing > 0) {
            problems.add(missing + " accepted people have no counted check-in in the list");
        }
        long stray = attendance.countedPerEnrolment().entrySet().stream().filter(e -> e.getValue() > 0 && !accepted.contains(e.getKey())).count();
        if (stray > 0) {
            problems.add(stray + " people counted whose check-in was not accepted");
        }
        if (countedAnswers != accepted.size()) {
            problems.add(String.format(Locale.ROOT, "%d answers said \"counted\" for %d distinct people", countedAnswers, accepted.size()));
        }
        if (attendance.listed() != acceptedAnswers || attendance.duplicates() != acceptedAnswers - accepted.size()) {
            problems.add(String.format(Locale.ROOT, "%d check-ins accepted but %d kept, %d of them duplicates (expected %d)", acceptedAnswers,
                    attendance.listed(), attendance.duplicates(), acceptedAnswers - accepted.size()));
        }
        return new Verdict(accepted.size(), countedAnswers, problems);
    }

    private String report(String startedAt, String startLoad, List<Phase> phases) {
        StringBuilder out = new StringBuilder("\n## Training check-in benchmark, ").append(startedAt).append("\n\n");
        out.append(String.format(Locale.ROOT, "Machine: %d CPUs, %d GiB memory, load average %s at start, %s at end. Training service JVM: %s; "
                        + "gateway JVM: %s. PostgreSQL, Kafka, Redis, Keycloak and the load generator on the same machine.%n%n",
                Runtime.getRuntime().availableProcessors(), Machine.memoryGiB(), startLoad, Machine.loadAverage(), settings.serviceJvm(),
                settings.gatewayJvm()));
        CheckInPlan plan = phases.get(0).plan();
        out.append(String.format(Locale.ROOT, "Load: %d people arriving uniformly at random over %d s (open loop, latency from each arrival), "
                        + "%d attempts: %d first scans of the QR token, %d second scans (duplicates), %d six-digit codes, %d old photos of the "
                        + "screen (expired) each followed by a scan, at most %d due within one second; sent by %s; the lecturer's screen refreshed every %d s; "
                        + "%s.%n%n",
                plan.people(), plan.windowMillis() / 1000, plan.attempts().size(), plan.count(CheckInPlan.Kind.QR), plan.count(CheckInPlan.Kind.QR_AGAIN),
                plan.count(CheckInPlan.Kind.CODE), plan.count(CheckInPlan.Kind.EXPIRED), plan.busiestSecond(),
                settings.viaApp() ? "the session's learning app (partner client " + APP + ", appPerson per person)" : "the lecturer's device (county admin)",
                settings.screenEvery().toSeconds(), settings.warmupWindow().isZero() ? "no warm-up"
                        : "a warm-up sitting of " + settings.warmupWindow().toSeconds() + " s per target before (not reported)"));
        out.append("| phase | target | attempts | accepted (201) | accepted/s | p50 ms | p90 ms | p99 ms | max ms | screen p50 / p99 / max ms "
                + "| counted | people accepted | duplicates kept | refused | last person counted (s after opening) | all counted within the window "
                + "| counted once |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---|---:|---|---|\n");
        for (Phase phase : phases) {
            List<CheckInLoad.Outcome> outcomes = phase.outcomes();
            long[] sorted = sortedMicros(outcomes);
            long acceptedCount = outcomes.stream().filter(CheckInLoad.Outcome::accepted).count();
            double lastCounted = lastCountedSeconds(phase);
            boolean within = phase.attendance().checkedIn() == phase.plan().people() && lastCounted <= phase.plan().windowMillis() / 1000.0 + 1.0;
            out.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.1f | %s | %s | %s | %s | %s / %s / %s | %d | %d | %d | %s | %.1f | %s | %s |%n",
                    phase.name(), phase.target(), outcomes.size(), acceptedCount, acceptedCount / Math.max(phase.plan().windowMillis() / 1000.0, lastAnswerSeconds(phase)),
                    millis(sorted, outcomes.size(), 50), millis(sorted, outcomes.size(), 90), millis(sorted, outcomes.size(), 99),
                    millis(sorted, outcomes.size(), 100), millis(phase.screenMicros(), phase.screenMicros().length, 50),
                    millis(phase.screenMicros(), phase.screenMicros().length, 99), millis(phase.screenMicros(), phase.screenMicros().length, 100),
                    phase.attendance().checkedIn(), phase.verdict().distinctAccepted(), phase.attendance().duplicates(), refusals(outcomes),
                    lastCounted, within ? "yes" : "**no**", phase.verdict().countedOnce() ? "yes" : "**COUNTED TWICE**"));
        }
        out.append("\nBy what the person sent:\n\n| phase | target | sent | attempts | accepted, counted | accepted, kept as duplicate | refused | p50 ms | max ms |\n"
                + "|---|---|---|---:|---:|---:|---|---:|---:|\n");
        for (Phase phase : phases) {
            for (CheckInPlan.Kind kind : CheckInPlan.Kind.values()) {
                List<CheckInLoad.Outcome> ofKind = phase.outcomes().stream().filter(o -> o.attempt().kind() == kind).toList();
                if (ofKind.isEmpty()) {
                    continue;
                }
                long[] sorted = sortedMicros(ofKind);
                out.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %d | %d | %s | %s | %s |%n", phase.name(), phase.target(), kind.label,
                        ofKind.size(), ofKind.stream().filter(o -> o.accepted() && o.counted()).count(),
                        ofKind.stream().filter(o -> o.accepted() && !o.counted()).count(), refusals(ofKind), millis(sorted, ofKind.size(), 50),
                        millis(sorted, ofKind.size(), 100)));
            }
        }
        out.append("\n| phase | p99 gateway / direct | p99 gateway − direct | p50 gateway − direct |\n|---|---:|---:|---:|\n");
        for (int i = 0; i + 1 < phases.size(); i += 2) {
            List<CheckInLoad.Outcome> direct = phases.get(i).outcomes();
            List<CheckInLoad.Outcome> gateway = phases.get(i + 1).outcomes();
            double d99 = percentile(sortedMicros(direct), direct.size(), 99);
            double g99 = percentile(sortedMicros(gateway), gateway.size(), 99);
            double d50 = percentile(sortedMicros(direct), direct.size(), 50);
            double g50 = percentile(sortedMicros(gateway), gateway.size(), 50);
            out.append(String.format(Locale.ROOT, "| %s | %.2f | %.1f ms | %.1f ms |%n", phases.get(i).name(), g99 / d99, g99 - d99, g50 - d50));
        }
        out.append("\nPercentiles are over every attempt (refusals included; one without an answer counts as slower than any answer). "
                + "Accepted/s: 201 answers over the window (or until the last answer, if later). Counted once: the sitting's count equals the "
                + "distinct people accepted, no one has two counted check-ins, every accepted check-in is kept (the rest as duplicates), and "
                + "the answers said \"counted\" once per person. CPU in each phase:\n\n");
        for (Phase phase : phases) {
            out.append("- ").append(phase.name()).append(", ").append(phase.target()).append(": ").append(phase.cpu()).append('\n');
        }
        for (Phase phase : phases) {
            if (!phase.verdict().countedOnce()) {
                out.append("\n**COUNTED TWICE** in ").append(phase.name()).append(", ").append(phase.target()).append(": ")
                        .append(String.join("; ", phase.verdict().problems())).append('\n');
            }
        }
        return out.toString();
    }

    /** When the last person's first accepted check-in was answered, in seconds after the window opened. */
    private static double lastCountedSeconds(Phase phase) {
        Map<Integer, Long> firstAccepted = new TreeMap<>();
        long opened = Long.MAX_VALUE;
        for (CheckInLoad.Outcome outcome : phase.outcomes()) {
            opened = Math.min(opened, outcome.answeredNanos() - outcome.latencyMicros() * 1_000 - outcome.attempt().atMillis() * 1_000_000);
            if (outcome.accepted()) {
                firstAccepted.merge(outcome.attempt().person(), outcome.answeredNanos(), Math::min);
            }
        }
        long last = firstAccepted.values().stream().mapToLong(Long::longValue).max().orElse(opened);
        return (last - opened) / 1e9;
    }

    private static double lastAnswerSeconds(Phase phase) {
        long opened = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (CheckInLoad.Outcome outcome : phase.outcomes()) {
            opened = Math.min(opened, outcome.answeredNanos() - outcome.latencyMicros() * 1_000 - outcome.attempt().atMillis() * 1_000_000);
            last = Math.max(last, outcome.answeredNanos());
        }
        return (last - opened) / 1e9;
    }

    private static String refusals(List<CheckInLoad.Outcome> outcomes) {
        Map<String, Long> byReason = outcomes.stream().filter(o -> !o.accepted())
                .collect(Collectors.groupingBy(CheckInLoad.Outcome::refusal, TreeMap::new, Collectors.counting()));
        return byReason.isEmpty() ? "none" : byReason.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "));
    }

    /** The answered attempts' latencies, sorted (microseconds). */
    private static long[] sortedMicros(List<CheckInLoad.Outcome> outcomes) {
        return outcomes.stream().filter(o -> o.error() == null).mapToLong(CheckInLoad.Outcome::latencyMicros).sorted().toArray();
    }

    /** A percentile over {@code all} attempts, those without an answer slower than any answer (infinite then). */
    private static double percentile(long[] sorted, int all, double percentile) {
        if (all == 0) {
            return Double.NaN;
        }
        int index = Math.max(0, (int) Math.ceil(percentile / 100.0 * all) - 1);
        return index >= sorted.length ? Double.POSITIVE_INFINITY : sorted[index] / 1000.0;
    }

    private static String millis(long[] sorted, int all, double percentile) {
        double value = percentile(sorted, all, percentile);
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.1f", value) : Double.isNaN(value) ? "n/a" : "unanswered";
    }

    private JsonNode call(ServiceInstance service, String method, String path, String token, Object body) {
        HttpResponse<String> response = service.json(method, path, token, json.writeValueAsString(body));
        require(response.statusCode() < 300, method + " " + path + " answered " + response.statusCode() + " " + response.body());
        return response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
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
