package org.povertyalleviation.bench.portal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.google.gson.JsonObject;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.LoadState;

/**
 * Debian's Chromium driven by Playwright (never a browser Playwright downloads). Users sign in once through
 * Keycloak's real login page; every measurement then runs in a fresh browser context (its own empty cache) that
 * starts with the signed-in user's cookies, and watches the network through the DevTools protocol.
 */
final class Chromium implements AutoCloseable {

    /** Wide enough for the portal's tables without scrolling sideways: what a township office's PC shows. */
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 900;

    private final Playwright playwright;
    private final Browser browser;
    private final String origin;

    Chromium(Path executable, String origin) {
        this.origin = origin;
        this.playwright = Playwright.create();
        // The flags keep Chromium from calling home on this machine's closed network, and its own traffic out of the
        // measured bytes.
        this.browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(executable)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--no-first-run")));
    }

    String version() {
        return browser.version();
    }

    /** Signs in through Keycloak's login page and returns the cookies (portal session, Keycloak's) as storage state. */
    String signIn(String username, String password) {
        try (BrowserContext context = newContext(null, true)) {
            Page page = context.newPage();
            page.navigate(origin + "/");
            page.locator("#username").fill(username);
            page.locator("#password").fill(password);
            page.locator("#kc-login").click();
            page.waitForURL(url -> url.startsWith(origin) && !url.contains("/login/oauth2/"));
            return context.storageState();
        }
    }

    /** A fresh context (empty cache) signed in with the given state, with one page watched over CDP. */
    Tab open(String storageState, boolean javaScript) {
        return new Tab(newContext(storageState, javaScript), javaScript);
    }

    private BrowserContext newContext(String storageState, boolean javaScript) {
        Browser.NewContextOptions options = new Browser.NewContextOptions().setViewportSize(WIDTH, HEIGHT).setLocale("zh-CN")
                .setJavaScriptEnabled(javaScript);
        if (storageState != null) {
            options.setStorageState(storageState);
        }
        BrowserContext context = browser.newContext(options);
        // Up to 3 s budget, but the throttled link may take far longer: a slow page is a measurement, not an error.
        context.setDefaultTimeout(120_000);
        context.setDefaultNavigationTimeout(120_000);
        return context;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }

    /** A browser context with one page and its DevTools session, which counts what each navigation transfers. */
    static final class Tab implements AutoCloseable {

        private final BrowserContext context;
        private final boolean javaScript;
        final Page page;
        private final CDPSession cdp;
        private final Map<String, String> types = new HashMap<>();
        private final Map<String, String> urls = new HashMap<>();
        private Map.Entry<String, Long> largest;
        private final Map<String, Long> bytesByType = new TreeMap<>();
        private long bytes;
        private int requests;
        private int fromCache;
        private int failed;

        private Tab(BrowserContext context, boolean javaScript) {
            this.context = context;
            this.javaScript = javaScript;
            this.page = context.newPage();
            this.cdp = context.newCDPSession(page);
            cdp.send("Network.enable");
            // Playwright delivers these on the calling thread while it waits (navigate, waitForLoadState): no locking.
            cdp.on("Network.requestWillBeSent", event -> {
                String id = event.get("requestId").getAsString();
                types.put(id, event.has("type") ? event.get("type").getAsString() : "Other");
                urls.put(id, event.getAsJsonObject("request").get("url").getAsString());
            });
            cdp.on("Network.requestServedFromCache", event -> fromCache++);
            cdp.on("Network.loadingFinished", event -> {
                long length = Math.round(event.get("encodedDataLength").getAsDouble());
                bytes += length;
                if (length > 0) {
                    requests++;
                    String id = event.get("requestId").getAsString();
                    bytesByType.merge(types.getOrDefault(id, "Other"), length, Long::sum);
                    if (largest == null || length > largest.getValue()) {
                        String url = urls.getOrDefault(id, "?").replaceAll("[?#].*", "");
                        largest = Map.entry(url.substring(url.lastIndexOf('/') + 1), length);
                    }
                }
            });
            cdp.on("Network.loadingFailed", event -> failed++);
        }

        /** DevTools' throttling of this page's requests; null for none. */
        void throttle(NetworkProfile profile) {
            JsonObject conditions = profile != null ? profile.conditions() : unthrottled();
            cdp.send("Network.emulateNetworkConditions", conditions);
        }

        /** DevTools' "Disable cache": neither read nor written while on. */
        void cacheDisabled(boolean disabled) {
            JsonObject parameters = new JsonObject();
            parameters.addProperty("cacheDisabled", disabled);
            cdp.send("Network.setCacheDisabled", parameters);
        }

        /**
         * Navigates and waits for the load event and then for the network to be quiet, so that requests made after
         * the load (none are expected) are counted in the bytes too; the times are those of the load event.
         */
        Visit visit(String url) {
            types.clear();
            urls.clear();
            bytesByType.clear();
            largest = null;
            bytes = 0;
            requests = 0;
            fromCache = 0;
            failed = 0;
            Response response = page.navigate(url);
            page.waitForLoadState(LoadState.NETWORKIDLE);
            double domContentLoaded = 0;
            double load = 0;
            // Navigation Timing is read with a script: without JavaScript only the bytes are known.
            if (javaScript) {
                page.waitForFunction("() => performance.getEntriesByType('navigation')[0].loadEventEnd > 0");
                @SuppressWarnings("unchecked")
                List<Number> timing = (List<Number>) page.evaluate("() => { const n = performance.getEntriesByType('navigation')[0]; "
                        + "return [n.domContentLoadedEventEnd, n.loadEventEnd]; }");
                domContentLoaded = timing.get(0).doubleValue();
                load = timing.get(1).doubleValue();
            }
            return new Visit(url, page.url(), response == null ? 0 : response.status(), bytes, requests, fromCache, failed,
                    Map.copyOf(bytesByType), largest == null ? Map.entry("-", 0L) : largest, domContentLoaded, load);
        }

        private static JsonObject unthrottled() {
            JsonObject conditions = new JsonObject();
            conditions.addProperty("offline", false);
            conditions.addProperty("latency", 0);
            conditions.addProperty("downloadThroughput", -1);
            conditions.addProperty("uploadThroughput", -1);
            return conditions;
        }

        @Override
        public void close() {
            context.close();
        }
    }
}
