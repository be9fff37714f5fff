package org.povertyalleviation.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

/**
 * Debian's Chromium driven by Playwright (never a browser Playwright downloads), one per test class; each user gets
 * a fresh context (cookies, session) and signs in through Keycloak's real login page.
 */
final class PortalBrowser implements AutoCloseable {

    private final Playwright playwright;
    private final Browser browser;
    private final String origin;
    private final Path screenshots;

    PortalBrowser(String origin) {
        this.origin = origin;
        this.screenshots = Path.of(System.getProperty("portal.screenshots.dir", "target/portal-screenshots"));
        this.playwright = Playwright.create();
        // The flags keep Chromium from calling home on this machine's closed network (TECH-NOTES).
        this.browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of(System.getProperty("chromium.path", "/usr/bin/chromium")))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--no-first-run")));
    }

    /** A new browser session signed in as the user, on the page the portal sends them to first. */
    Page signIn(String username, String password) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900).setLocale("zh-CN"));
        context.setDefaultTimeout(30_000);
        Page page = context.newPage();
        page.navigate(origin + "/");
        page.locator("#username").fill(username);
        page.locator("#password").fill(password);
        page.locator("#kc-login").click();
        page.waitForURL(url -> url.startsWith(origin) && !url.contains("/login/oauth2/"));
        return page;
    }

    String url(String path) {
        return origin + path;
    }

    /**
     * Saves the page's picture, after checking that it shows no message key its bundles lack: Thymeleaf renders one as
     * {@code ??shop.status.REGISTERED_zh_CN??}, which a user would see as is.
     */
    void screenshot(Page page, String name) {
        assertTranslated(page, name);
        try {
            Files.createDirectories(screenshots);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(screenshots.resolve(name + ".png")).setFullPage(true));
    }

    static void assertTranslated(Page page, String name) {
        java.util.regex.Matcher untranslated = java.util.regex.Pattern.compile("\\?\\?[\\w.$-]+_[a-zA-Z_]+\\?\\?").matcher(page.content());
        java.util.List<String> keys = new java.util.ArrayList<>();
        while (untranslated.find()) {
            keys.add(untranslated.group());
        }
        org.assertj.core.api.Assertions.assertThat(keys).as("untranslated message keys on the " + name + " page").isEmpty();
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
