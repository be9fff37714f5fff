package org.povertyalleviation.devstack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpServer;
import org.povertyalleviation.platform.infra.BuildRepository;
import org.povertyalleviation.platform.infra.Directories;
import org.povertyalleviation.platform.infra.FreePorts;
import org.povertyalleviation.platform.infra.HttpProbe;
import org.povertyalleviation.platform.infra.PlatformRealm;
import org.povertyalleviation.platform.infra.PlatformServices;
import org.povertyalleviation.platform.infra.KafkaBroker;
import org.povertyalleviation.platform.infra.KeycloakServer;
import org.povertyalleviation.platform.infra.LocalProcess;
import org.povertyalleviation.platform.infra.PostgresServer;
import org.povertyalleviation.platform.infra.RedisServer;
import org.povertyalleviation.platform.infra.Waiting;
import org.povertyalleviation.platform.fakes.PaymentPartnerSimulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole platform on one machine: real PostgreSQL, Kafka, Redis and Keycloak, then every service and the
 * gateway as their own JVMs, each waited for until healthy. {@link #close()} (Ctrl-C) stops everything.
 */
public final class DevStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DevStack.class);

    /** How to run the stack; ports are fixed so that the printed URLs stay the same from run to run. */
    /** @param demoData whether the counties are filled with demo households, shops and sales (DemoSeeding) on start */
    public record Options(long seed, Path appsDirectory, int gatewayPort, int statusPort, int keycloakPort, int portalPort,
                          boolean demoData) {

        public Options(long seed, Path appsDirectory, int gatewayPort, int statusPort, int keycloakPort, int portalPort) {
            this(seed, appsDirectory, gatewayPort, statusPort, keycloakPort, portalPort, true);
        }

        /** The same stack with the counties left empty but for their villages (a benchmark that seeds its own). */
        public Options withoutDemoData() {
            return new Options(seed, appsDirectory, gatewayPort, statusPort, keycloakPort, portalPort, false);
        }

        public static Options defaults() {
            return new Options(20130101L, Path.of(System.getProperty("devstack.apps.dir", "devstack/target/apps")), 8080, 8079, 8180, 8090);
        }

        /** The portal as users open it: "localhost", as the realm's portal client and Keycloak's cookies expect. */
        public String portalOrigin() {
            return "http://localhost:" + portalPort;
        }
    }

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Map<String, BooleanSupplier> health = new LinkedHashMap<>();
    private final Map<String, String> urls = new LinkedHashMap<>();
    private final Map<String, Integer> managementPorts = new ConcurrentHashMap<>();
    /** How each app was started and what runs it now, so that one can be killed and started again (restart). */
    private final Map<String, App> apps = new ConcurrentHashMap<>();
    private final Map<String, LocalProcess> processes = new ConcurrentHashMap<>();
    private PostgresServer postgres;
    private KafkaBroker kafka;
    private PaymentPartnerSimulator paymentPartner;
    private final Path runDirectory = Directories.runDirectory("devstack");
    private DemoData.Dataset dataset;

    private DevStack() {
    }

    public static DevStack start(Options options) {
        return start(options, new DevStack());
    }

    private static DevStack start(Options options, DevStack stack) {
        try {
            stack.startAll(options);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(Options options) {
        BuildRepository.useTheBuilds(DevStack.class, "/devstack-build.properties");
        JsonMapper json = JsonMapper.builder().build();
        dataset = DemoData.generate(options.seed());
        Path dataDirectory = runDirectory.resolve("demo-data");
        DemoDataFiles.write(dataset, dataDirectory);
        urls.put("demo data (CSV)", dataDirectory.toString());

        postgres = track(PostgresServer.start());
        health.put("postgres", postgres::acceptsConnections);
        urls.put("postgres", "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/postgres (user postgres)");

        kafka = track(KafkaBroker.start());
        health.put("kafka", kafka::answersMetadata);
        urls.put("kafka", kafka.bootstrapServers());

        RedisServer redis = track(RedisServer.start());
        health.put("redis", redis::answersPing);
        urls.put("redis", "redis://127.0.0.1:" + redis.port());

        String realm = DemoRealm.json(dataset, options.portalOrigin());
        KeycloakServer keycloak = track(KeycloakServer.start(List.of(realm), options.keycloakPort()));
        health.put("keycloak", keycloak::isReady);
        urls.put("keycloak", keycloak.url() + "/admin (user admin, password " + keycloak.adminPassword() + ")");
        urls.put("issuer", keycloak.issuer(DemoRealm.REALM));

        // Crowdfunding's payment partner is outside the platform (it holds the backers' money): the simulator takes the
        // platform's refunds as a real one would; the demo's pledges are paid by callbacks signed with its secret.
        paymentPartner = track(new PaymentPartnerSimulator(DemoRealm.PAYMENT_SIGNING_SECRET));
        urls.put("payment partner", paymentPartner.refundUri() + " (simulated; client " + DemoRealm.PAYMENT_PARTNER + ")");

        Map<String, String> common = new LinkedHashMap<>();
        common.put("SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS", kafka.bootstrapServers());
        common.put("PLATFORM_ISSUER_URI", keycloak.issuer(DemoRealm.REALM));

        // Every service of services/services.yaml, in its order, each with its own database; what one needs beyond
        // that is in environmentOf.
        Map<String, Integer> ports = new LinkedHashMap<>();
        Map<String, String> gateway = new LinkedHashMap<>(common);
        for (PlatformServices.Service service : PlatformServices.list()) {
            int port = FreePorts.next();
            Map<String, String> environment = new LinkedHashMap<>(common);
            environment.putAll(databaseEnvironment(postgres.database(service.database())));
            environment.putAll(environmentOf(service.name(), keycloak, options.gatewayPort(), ports, paymentPartner));
            startApp(service.name(), options.appsDirectory().resolve(service.name() + ".jar"), port, environment);
            ports.put(service.name(), port);
            gateway.put(service.urlVariable(), "http://127.0.0.1:" + port);
        }
        String countyRegistry = "http://127.0.0.1:" + ports.get("county-registry");

        gateway.put("SPRING_DATA_REDIS_HOST", redis.host());
        gateway.put("SPRING_DATA_REDIS_PORT", Integer.toString(redis.port()));
        gateway.put("PORTAL_ORIGIN", options.portalOrigin());
        startApp("gateway", options.appsDirectory().resolve("gateway.jar"), options.gatewayPort(), gateway);

        Map<String, String> portal = new LinkedHashMap<>();
        portal.put("GATEWAY_URL", "http://127.0.0.1:" + options.gatewayPort());
        portal.put("PLATFORM_ISSUER_URI", keycloak.issuer(DemoRealm.REALM));
        portal.put("PORTAL_PUBLIC_URL", options.portalOrigin());
        portal.put("SPRING_DATA_REDIS_HOST", redis.host());
        portal.put("SPRING_DATA_REDIS_PORT", Integer.toString(redis.port()));
        startApp("portal", options.appsDirectory().resolve("portal.jar"), options.portalPort(), portal);
        urls.put("portal", options.portalOrigin() + " (sign in as admin-621222 / admin-621222-demo, or longnan-officer / longnan-demo)");

        DemoOnboarding.onboardAll(dataset, countyRegistry,
                keycloak.passwordGrant(DemoRealm.REALM, PlatformRealm.CLI_CLIENT, "operator", "operator-demo"));
        urls.put("counties", "9 Longnan counties onboarded: curl -H \"Authorization: Bearer $TOKEN\" "
                + "http://localhost:" + options.gatewayPort() + "/api/county-registry/counties/621222/villages");

        if (options.demoData()) {
            DemoSeeding.Seeded seeded = new DemoSeeding(dataset, "http://127.0.0.1:" + ports.get("household-registry"),
                    "http://127.0.0.1:" + ports.get("shop-management"), "http://127.0.0.1:" + ports.get("supply-platform"),
                    "http://127.0.0.1:" + ports.get("logistics-booking"), "http://127.0.0.1:" + ports.get("training"),
                    "http://127.0.0.1:" + ports.get("crowdfunding"),
                    user -> DemoRealm.clientSecretOf(user).map(secret -> keycloak.clientCredentialsGrant(DemoRealm.REALM, user, secret))
                            .orElseGet(() -> keycloak.passwordGrant(DemoRealm.REALM, PlatformRealm.CLI_CLIENT, user, DemoRealm.passwordOf(user))))
                    .seedAll();
            urls.put("demo data", seeded.households() + " households imported, " + seeded.shops() + " shops with " + seeded.salesReports()
                    + " monthly sales reports and " + seeded.subsidies() + " paid subsidies; " + seeded.supply().organisations()
                    + " organisations with " + seeded.supply().products() + " products, " + seeded.supply().paidDeliveries()
                    + " paid deliveries, " + seeded.supply().wageRecords() + " paid workshop days, " + seeded.supply().dividendParts()
                    + " dividend payments and " + seeded.supply().tracedLots() + " traced lots with their pack labels; a logistics network of "
                    + seeded.logistics().nodes() + " parks, stations and posts with " + seeded.logistics().slots() + " windows and "
                    + seeded.logistics().bookings() + " bookings for tomorrow; " + seeded.training().sessions() + " training sessions with "
                    + seeded.training().enrolments() + " enrolled household members and " + seeded.training().certificates() + " certificates; "
                    + seeded.crowdfunding().projects() + " crowdfunding projects (open, funded, failed and refunded, in review) with "
                    + seeded.crowdfunding().pledges() + " pledges and " + seeded.crowdfunding().refunds() + " refunds");
        }

        startStatusServer(options.statusPort(), json);
    }

    /** What a service needs beyond its database, Kafka and the issuer ({@code ports}: the services started before it). */
    private static Map<String, String> environmentOf(String service, KeycloakServer keycloak, int gatewayPort, Map<String, Integer> ports,
                                                     PaymentPartnerSimulator paymentPartner) {
        return switch (service) {
            // It creates counties' groups and first administrators through Keycloak's admin API.
            case "county-registry" -> Map.of("KEYCLOAK_URL", keycloak.url(), "KEYCLOAK_CLIENT_SECRET", DemoRealm.COUNTY_REGISTRY_SECRET);
            // Personal data is sealed with keys made for this run: its database goes with it, so nothing needs them later.
            case "household-registry" -> Map.of("PII_ACTIVE_KEY_ID", "k1", "PII_ACTIVE_KEY", randomKey(), "PII_LOOKUP_KEY", randomKey());
            // The demo partner reports the sales of the demo shops on every marketplace (a real partner is bound to its own).
            case "shop-management" -> Map.of("SPRING_APPLICATION_JSON", "{\"shop-management\":{\"sales\":{\"partner-platforms\":{\""
                    + DemoRealm.PARTNER + "\":[\"TAOBAO\",\"JD\",\"PINDUODUO\",\"DOUYIN\",\"WECHAT_MINI_SHOP\",\"OWN_SITE\",\"OTHER\"]}}}}");
            // The printed codes lead phones to the public trace pages through the gateway.
            case "supply-platform" -> Map.of("SUPPLYPLATFORM_TRACE_PUBLICBASEURI", "http://localhost:" + gatewayPort + "/api/supply-platform/trace");
            // A certificate's QR code leads to its public verification through the gateway.
            case "training" -> Map.of("TRAINING_CERTIFICATES_PUBLICBASEURI", "http://localhost:" + gatewayPort + "/api/training/verify");
            // The demo's payment partner (its client, its signing secret, the simulator's refunds). The sweeps run every
            // few seconds and pending payments get 15 seconds of grace instead of 30 minutes: the demo seeding's funded
            // and failed projects, and the end-to-end test's, close a few seconds after they open and should settle
            // within a start-up, not half an hour later. Rewards' lots are checked on the supply platform's trace and booked
            // with the logistics service, directly (both start before it, services/services.yaml); backers open the trace
            // pages through the gateway.
            case "crowdfunding" -> Map.of("SPRING_APPLICATION_JSON", json(Map.of("crowdfunding", Map.of(
                            "payment-partners", Map.of(DemoRealm.PAYMENT_PARTNER, Map.of("secret", DemoRealm.PAYMENT_SIGNING_SECRET,
                                    "refund-uri", paymentPartner.refundUri().toString())),
                            "settlement", Map.of("payment-grace", "PT15S", "every", "PT5S", "first", "PT5S"),
                            "refunds", Map.of("every", "PT2S", "first", "PT5S")))),
                    "CROWDFUNDING_SUPPLYURI", "http://127.0.0.1:" + ports.get("supply-platform"),
                    "CROWDFUNDING_LOGISTICSURI", "http://127.0.0.1:" + ports.get("logistics-booking"),
                    "CROWDFUNDING_TRACEPAGEBASE", "http://localhost:" + gatewayPort + "/api/supply-platform/trace");
            default -> Map.of();
        };
    }

    private static String json(Object value) {
        return JsonMapper.builder().build().writeValueAsString(value);
    }

    /** How a service finds its database: the owner migrates, the app role serves. */
    private static Map<String, String> databaseEnvironment(PostgresServer.Database database) {
        return Map.of("DATABASE_R2DBC_URL", database.r2dbcUrl(), "DATABASE_JDBC_URL", database.jdbcUrl(),
                "DATABASE_APP_USER", database.appUsername(), "DATABASE_APP_PASSWORD", database.appPassword(),
                "DATABASE_OWNER_USER", database.ownerUsername(), "DATABASE_OWNER_PASSWORD", database.ownerPassword());
    }

    /** 32 random bytes in Base64: an AES-256 key, or an HMAC-SHA256 key of the same strength. */
    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** How an app is run: enough to start it again after it was killed. */
    private record App(String name, Path jar, int port, int managementPort, Map<String, String> environment, Path logFile) {
    }

    /** Starts a service or the gateway from its jar and waits until its readiness probe is UP. */
    private void startApp(String name, Path jar, int port, Map<String, String> environment) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw -DskipTests install)");
        }
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put("PORT", Integer.toString(port));
        // Health and metrics on a port of their own, as in the charts: never on the port users reach.
        int managementPort = FreePorts.next();
        env.put("MANAGEMENT_SERVER_PORT", Integer.toString(managementPort));
        managementPorts.put(name, managementPort);
        App app = new App(name, jar, port, managementPort, Map.copyOf(env), runDirectory.resolve(name + ".log"));
        apps.put(name, app);
        started.push(() -> {
            LocalProcess process = processes.get(name);
            if (process != null) {
                process.stop(Duration.ofSeconds(20));
            }
        });
        String healthUrl = managementUrl(name) + "/actuator/health/readiness";
        health.put(name, () -> processes.get(name) != null && processes.get(name).isAlive() && HttpProbe.status(healthUrl) == 200);
        launch(app);
        urls.put(name, "http://localhost:" + port + " (health and metrics: http://localhost:" + managementPort
                + "/actuator/health, /actuator/prometheus; log: " + app.logFile() + ")");
    }

    private void launch(App app) {
        LocalProcess process = LocalProcess.start(app.name(), List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", app.jar().toAbsolutePath().toString()), app.environment(), runDirectory,
                app.logFile(), "TERM");
        processes.put(app.name(), process);
        String healthUrl = managementUrl(app.name()) + "/actuator/health/readiness";
        Waiting.until(app.name(), Duration.ofSeconds(120), process, () -> process.isAlive() && HttpProbe.status(healthUrl) == 200, app.logFile());
    }

    /** Kills an app at once, as a crash or {@code kill -9} would (no shutdown, whatever it was doing cut off). */
    public void kill(String app) {
        LocalProcess process = processes.get(app);
        if (process == null) {
            throw new IllegalArgumentException(app + " is not an app of this stack: " + apps.keySet());
        }
        process.kill();
    }

    /**
     * Kills the app if it still runs and starts it again, with the same environment and ports, waiting until it is
     * ready: what a Kubernetes restart after a crash does.
     */
    public void restart(String app) {
        LocalProcess process = processes.get(app);
        if (process == null || process.isAlive()) {
            kill(app);
        }
        launch(apps.get(app));
    }

    private void startStatusServer(int port, JsonMapper json) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            server.createContext("/health", exchange -> {
                Map<String, String> components = health.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                        e -> e.getValue().getAsBoolean() ? "UP" : "DOWN", (a, b) -> a, LinkedHashMap::new));
                boolean up = components.values().stream().allMatch("UP"::equals);
                byte[] body = json.writeValueAsString(Map.of("status", up ? "UP" : "DOWN", "components", components))
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(up ? 200 : 503, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            started.push(() -> server.stop(0));
            urls.put("devstack health", "http://localhost:" + port + "/health");
        } catch (IOException e) {
            throw new UncheckedIOException("Status port " + port + " is taken", e);
        }
    }

    public DemoData.Dataset dataset() {
        return dataset;
    }

    /** The simulated payment partner crowdfunding sends its refunds to. */
    public PaymentPartnerSimulator paymentPartner() {
        return paymentPartner;
    }

    /**
     * The stack's broker, for fault tests: {@link KafkaBroker#stop()} and {@link KafkaBroker#restart()} keep its port and
     * data, so the services see an outage and the same broker coming back.
     */
    public KafkaBroker kafka() {
        return kafka;
    }

    /** The stack's PostgreSQL server, for fault tests: {@link PostgresServer#restart()} keeps its port and data. */
    public PostgresServer postgres() {
        return postgres;
    }

    /** A superuser's connection to a service's database, for tests that must look beneath the API (or hold a lock). */
    public java.sql.Connection database(String name) throws java.sql.SQLException {
        return postgres.connect(name);
    }

    /** Where an app's Actuator answers (health, Prometheus): a port of its own, not the app's. */
    public String managementUrl(String app) {
        Integer port = managementPorts.get(app);
        if (port == null) {
            throw new IllegalArgumentException(app + " is not an app of this stack: " + managementPorts.keySet());
        }
        return "http://127.0.0.1:" + port;
    }

    public Map<String, String> urls() {
        return Map.copyOf(urls);
    }

    /** The summary printed at start-up: what runs where, and who can log in. */
    public String summary() {
        StringBuilder out = new StringBuilder("\n=== Poverty-alleviation platform devstack is up (demo seed ").append(dataset.seed()).append(") ===\n");
        urls.forEach((name, url) -> out.append(String.format("  %-18s %s%n", name, url)));
        out.append("\n  Demo users (realm ").append(DemoRealm.REALM).append(", local use only):\n");
        for (DemoRealm.DemoUser user : DemoRealm.users(dataset)) {
            out.append(String.format("    %-18s %-22s %-18s %s%n", user.username(), user.password(), user.role(), user.scope()));
        }
        out.append("\n  A token for curl: TOKEN=$(curl -s -d grant_type=password -d client_id=devstack-cli -d username=admin-621222 \\\n")
                .append("      -d password=admin-621222-demo ").append(urls.get("issuer"))
                .append("/protocol/openid-connect/token | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')\n")
                .append("\n  Partner platform ").append(DemoRealm.PARTNER).append(" (secret ").append(DemoRealm.PARTNER_SECRET)
                .append(", counties ").append(String.join(", ", DemoRealm.PARTNER_COUNTIES)).append("): grant_type=client_credentials\n")
                .append("  Payment partner ").append(DemoRealm.PAYMENT_PARTNER).append(" (secret ").append(DemoRealm.PAYMENT_PARTNER_SECRET)
                .append(", signs callbacks' bodies with ").append(DemoRealm.PAYMENT_SIGNING_SECRET).append(")\n")
                .append("\n  Ctrl-C stops everything.\n");
        return out.toString();
    }

    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                log.warn("Stopping a devstack component failed: {}", e.toString());
            }
        }
        Directories.deleteRecursively(runDirectory);
    }

    private <T extends AutoCloseable> T track(T component) {
        started.push(component);
        return component;
    }

    public static void main(String[] args) throws InterruptedException {
        Options options = Options.defaults();
        for (String arg : args) {
            if (arg.startsWith("--seed=")) {
                options = new Options(Long.parseLong(arg.substring(7)), options.appsDirectory(), options.gatewayPort(), options.statusPort(),
                        options.keycloakPort(), options.portalPort());
            } else {
                System.err.println("Unknown option " + arg + "; usage: ./run.sh [--seed=N]");
                System.exit(2);
            }
        }
        // Registered before anything starts, so that Ctrl-C during the start-up also stops what has started.
        DevStack stack = new DevStack();
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "devstack-stop"));
        start(options, stack);
        System.out.println(stack.summary());
        Thread.currentThread().join();
    }
}
