package org.povertyalleviation.bench.portal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.microsoft.playwright.Locator;
import org.povertyalleviation.bench.CommandLine;
import org.povertyalleviation.bench.Machine;
import org.povertyalleviation.devstack.DevStack;
import org.povertyalleviation.platform.infra.FreePorts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portal's page budget (every page at most 150 KB on the wire and loaded within 3 s on a throttled 3G link; read
 * pages usable without JavaScript), measured in one run on this machine: starts the whole platform from its jars
 * (the devstack, on free ports), seeds Wen County through the gateway, signs in through Keycloak's login page in
 * Debian's Chromium, and visits each page cold, warm and unthrottled (the baseline measured in the same run). Prints
 * a Markdown table. See bench/portal/README.md.
 */
public final class PortalBenchmark {

    private static final Logger log = LoggerFactory.getLogger(PortalBenchmark.class);

    private static final String COUNTY = WenCountySeed.COUNTY;
    private static final String ADMIN = "admin-621222";
    private static final String OFFICER = "longnan-officer";
    private static final String CLERK = "clerk-621222";
    private static final Map<String, String> PASSWORDS = Map.of(ADMIN, "admin-621222-demo", OFFICER, "longnan-demo", CLERK, "clerk-621222-demo");

    private final BenchSettings settings;

    private PortalBenchmark(BenchSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        BenchSettings settings = CommandLine.parseOrExit(args, BenchSettings::parse, BenchSettings.USAGE);
        System.out.println(new PortalBenchmark(settings).run());
    }

    private String run() {
        String startedAt = Machine.startedAt();
        String startLoad = Machine.loadAverage();
        // Read now, before the run: run.sh has just built the portal from this working tree.
        String portalSource = sourceVersion();
        Path apps = Files.isDirectory(settings.appsDirectory()) ? settings.appsDirectory() : Path.of("devstack/target/apps");
        // Free ports throughout (Keycloak's too): another devstack may hold the default ones. The realm's portal client
        // is configured for exactly options.portalOrigin().
        // Without the devstack's demo data: the benchmark seeds Wen County itself, to the sizes its settings name.
        DevStack.Options options = new DevStack.Options(settings.seed(), apps, FreePorts.next(), FreePorts.next(), FreePorts.next(),
                FreePorts.next()).withoutDemoData();
        log.info("Starting the devstack from {} (gateway :{}, portal {}); this takes a few minutes", apps.toAbsolutePath(),
                options.gatewayPort(), options.portalOrigin());
        long starting = System.nanoTime();
        try (DevStack stack = DevStack.start(options)) {
            // Ctrl-C: the hook closes the stack (close is idempotent); every server it started also has its own watchdog.
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "portal-bench-stop"));
            log.info("Devstack up in {} s", Math.round((System.nanoTime() - starting) / 1e9));

            GatewayCalls admin = new GatewayCalls("http://127.0.0.1:" + options.gatewayPort(), stack.urls().get("issuer"), ADMIN,
                    PASSWORDS.get(ADMIN));
            GatewayCalls clerk = new GatewayCalls("http://127.0.0.1:" + options.gatewayPort(), stack.urls().get("issuer"), CLERK,
                    PASSWORDS.get(CLERK));
            WenCountySeed.Seeded seeded = new WenCountySeed(admin, clerk, stack.dataset(), settings).seed();
            log.info("Wen County now has {}", seeded.summary());

            List<PortalPage> pages = pages(seeded.household());
            try (Chromium chromium = new Chromium(settings.chromium(), options.portalOrigin())) {
                Map<String, String> signedIn = new LinkedHashMap<>();
                for (String user : List.of(ADMIN, OFFICER)) {
                    signedIn.put(user, chromium.signIn(user, PASSWORDS.get(user)));
                    log.info("Signed in as {} through Keycloak's login page", user);
                }
                List<PageResult> results = new ArrayList<>();
                for (PortalPage page : pages) {
                    results.add(measure(chromium, options.portalOrigin(), signedIn.get(page.user()), page));
                }
                String report = report(startedAt, startLoad, Machine.loadAverage(), chromium.version(), portalSource, seeded, results);
                if (results.stream().anyMatch(result -> !result.landed())) {
                    report += keepLogs(stack);
                }
                return report;
            }
        }
    }

    /** The main pages: a county's dashboard (ECharts), its lists, a household, and the city officers' comparison. */
    private static List<PortalPage> pages(String household) {
        String county = "/counties/" + COUNTY;
        List<PortalPage> pages = new ArrayList<>();
        pages.add(new PortalPage("dashboard", county, ADMIN, List.of("#households-total", "#mechanism-table")));
        pages.add(new PortalPage("households", county + "/households", ADMIN, List.of("table#households")));
        if (household != null) {
            pages.add(new PortalPage("household", county + "/households/" + household, ADMIN, List.of("table#members", "#income svg")));
        }
        pages.add(new PortalPage("imports", county + "/imports", ADMIN, List.of("#import-form", "main table")));
        pages.add(new PortalPage("shops", county + "/shops", ADMIN, List.of("table#shops")));
        pages.add(new PortalPage("subsidies", county + "/subsidies", ADMIN, List.of("#budget", "table#subsidy-queue")));
        pages.add(new PortalPage("coverage", county + "/coverage", ADMIN, List.of("table#coverage-table")));
        pages.add(new PortalPage("compare", "/compare", OFFICER, List.of("table#comparison")));
        return pages;
    }

    /**
     * One page: unthrottled cold visits (the baseline), cold visits on the throttled link (a fresh context each, the
     * cache disabled as in DevTools), then warm visits on the throttled link (one context, cache on: a first visit
     * fills it, the following ones are measured), and one visit without JavaScript.
     */
    private PageResult measure(Chromium chromium, String origin, String signedIn, PortalPage page) {
        String url = origin + page.path();
        log.info("Measuring {} ({})", page.name(), page.path());
        List<Visit> unthrottled = new ArrayList<>();
        List<Visit> cold = new ArrayList<>();
        List<Visit> warm = new ArrayList<>();
        for (int i = 0; i < settings.repeats(); i++) {
            try (Chromium.Tab tab = chromium.open(signedIn, true)) {
                tab.cacheDisabled(true);
                tab.throttle(null);
                unthrottled.add(tab.visit(url));
            }
            try (Chromium.Tab tab = chromium.open(signedIn, true)) {
                tab.cacheDisabled(true);
                tab.throttle(settings.profile());
                cold.add(tab.visit(url));
            }
        }
        try (Chromium.Tab tab = chromium.open(signedIn, true)) {
            tab.cacheDisabled(false);
            tab.throttle(settings.profile());
            Visit first = tab.visit(url);
            log.info("  first visit with the cache on: {} KB, load {} s", kb(first.bytes()), seconds(first.loadMs()));
            for (int i = 0; i < settings.repeats(); i++) {
                warm.add(tab.visit(url));
            }
        }
        String noScript = withoutJavaScript(chromium, signedIn, url, page);
        PageResult result = new PageResult(page, unthrottled, cold, warm, noScript);
        if (result.landed()) {
            log.info("  cold {} KB, load {} s on the throttled link ({} unthrottled); warm {} KB, {} s; without JavaScript: {}",
                    kb(result.coldBytes()), seconds(result.coldLoadMs()), seconds(result.unthrottledLoadMs()), kb(result.warmBytes()),
                    seconds(result.warmLoadMs()), noScript);
        } else {
            log.warn("  {} did not load as the signed-in user: {}", page.name(), result.whyNot());
        }
        return result;
    }

    /** The page without JavaScript (unthrottled): its heading and its figures and tables, counted from the DOM. */
    private static String withoutJavaScript(Chromium chromium, String signedIn, String url, PortalPage page) {
        try (Chromium.Tab tab = chromium.open(signedIn, false)) {
            Visit visit = tab.visit(url);
            if (!visit.landed()) {
                return "no (status " + visit.status() + ", at " + visit.finalUrl() + ")";
            }
            List<String> found = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            Locator heading = tab.page.locator("main h1");
            if (heading.count() == 1 && !heading.textContent().isBlank()) {
                found.add("h1");
            } else {
                missing.add("h1");
            }
            for (String selector : page.content()) {
                Locator element = tab.page.locator(selector);
                if (element.count() == 0) {
                    missing.add(selector);
                } else if (selector.contains("table")) {
                    found.add(selector + " " + element.first().locator("tbody tr").count() + " rows");
                } else {
                    found.add(selector);
                }
            }
            return missing.isEmpty() ? "yes (" + String.join(", ", found) + ")" : "no (missing " + String.join(", ", missing) + ")";
        }
    }

    private String report(String startedAt, String startLoad, String endLoad, String chromiumVersion, String portalSource,
                          WenCountySeed.Seeded seeded, List<PageResult> results) {
        StringBuilder out = new StringBuilder();
        out.append("\n## Portal benchmark, ").append(startedAt).append("\n\n");
        out.append(String.format(Locale.ROOT, "Machine: %d CPUs, %d GiB memory, load average %s at start, %s at end. Chromium %s (Debian), "
                        + "headless, %s, viewport 1280x900. The whole platform (PostgreSQL, Kafka, Redis, Keycloak, three services, gateway, "
                        + "portal) runs on the same machine.%n", Runtime.getRuntime().availableProcessors(), Machine.memoryGiB(), startLoad, endLoad,
                chromiumVersion, "zh-CN"));
        out.append("Portal built from ").append(portalSource).append(".\n");
        out.append("Throttled link: ").append(settings.profile().describe()).append(".\n");
        out.append(String.format(Locale.ROOT, "Budget: %s KB on the wire (1 KB = 1,024 bytes; compressed, headers included) and %s s to the "
                        + "load event on that link, for a cold visit. Medians of %d visits per condition.%n",
                kb(settings.budgetBytes()), trim(settings.budgetSeconds()), settings.repeats()));
        out.append("Wen County: ").append(seeded.summary()).append(".\n");
        if (!seeded.problems().isEmpty()) {
            out.append("Seeding problems (the pages were measured with what exists): ").append(String.join("; ", seeded.problems())).append('\n');
        }
        out.append("\n| page | cold KB | warm KB | cold 3G DOMContentLoaded s | cold 3G load s | warm 3G load s | unthrottled load s "
                + "| bytes/budget | time/budget | verdict | without JavaScript |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
        for (PageResult result : results) {
            if (!result.landed()) {
                out.append("| ").append(result.page().name()).append(" | | | | | | | | | **ERROR** (below) | ")
                        .append(result.noScript().startsWith("yes") ? "yes" : "**no**").append(" |\n");
                continue;
            }
            double bytesRatio = result.coldBytes() / (double) settings.budgetBytes();
            double timeRatio = result.coldLoadMs() / 1000 / settings.budgetSeconds();
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %.2f | %.2f | %s | %s |%n", result.page().name(),
                    kb(result.coldBytes()), kb(result.warmBytes()), seconds(result.coldDomContentLoadedMs()), seconds(result.coldLoadMs()),
                    seconds(result.warmLoadMs()), seconds(result.unthrottledLoadMs()), bytesRatio, timeRatio,
                    bytesRatio <= 1 && timeRatio <= 1 ? "PASS" : "**OVER**", result.noScript().startsWith("yes") ? "yes" : "**no**"));
        }
        out.append("\nWhat a cold visit transferred, and the link's floor (the bytes at the link's download rate, without any latency):\n\n");
        for (PageResult result : results) {
            if (!result.landed()) {
                out.append("- ").append(result.page().name()).append(" (").append(result.page().path()).append("): not measured, ")
                        .append(result.whyNot()).append('\n');
            } else {
                out.append(String.format(Locale.ROOT, "- %s (%s): %s; floor %s s; warm: %s; 3G load / unthrottled load %.1f; "
                                + "without JavaScript %s%n",
                        result.page().name(), result.page().path().replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "{id}"), result.coldBreakdown(),
                        seconds(result.coldBytes() / settings.profile().downloadBytesPerSecond() * 1000), result.warmRequests(),
                        result.coldLoadMs() / Math.max(1, result.unthrottledLoadMs()), result.noScript()));
            }
        }
        return out.toString();
    }

    /**
     * The devstack deletes its logs when it stops; when a page failed, the apps' logs are copied first to
     * bench/portal/target/logs-{time}/ so that the failure can be read afterwards.
     */
    private static String keepLogs(DevStack stack) {
        // Every app logs into the devstack's run directory; the gateway's entry names its log file there.
        Matcher log = Pattern.compile("log: (\\S+)\\)").matcher(stack.urls().getOrDefault("gateway", ""));
        if (!log.find()) {
            return "";
        }
        Path from = Path.of(log.group(1)).getParent();
        Path to = Path.of("bench/portal/target", "logs-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        try (Stream<Path> files = Files.list(from)) {
            Files.createDirectories(to);
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".log"))::iterator) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
            return "\nA page failed: the services', gateway's and portal's logs are kept in " + to.toAbsolutePath() + "\n";
        } catch (IOException e) {
            return "\nA page failed; its logs could not be kept: " + e + "\n";
        }
    }

    private static String kb(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1024.0);
    }

    private static String seconds(double ms) {
        return String.format(Locale.ROOT, "%.2f", ms / 1000);
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }


    /** The commit the portal was built from, and any uncommitted change under portal/ (the pages change between runs). */
    private static String sourceVersion() {
        try {
            String commit = git("rev-parse", "--short", "HEAD");
            String changed = git("status", "--porcelain", "--", "portal");
            return "commit " + commit + (changed.isBlank() ? "" : changed.startsWith("?? portal/") ? " (portal/ itself not yet committed)"
                    : " with uncommitted changes under portal/");
        } catch (RuntimeException e) {
            return "(unknown commit: " + e.getMessage() + ")";
        }
    }

    private static String git(String... arguments) {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + ": " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
