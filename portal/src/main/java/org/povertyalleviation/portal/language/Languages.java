package org.povertyalleviation.portal.language;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.i18n.LocaleContextResolver;

/**
 * Chinese first: every page is in zh-CN unless the user chose English, which a cookie remembers. The browser's
 * Accept-Language is not consulted: county offices' machines often come with English systems while their users read
 * Chinese.
 */
public final class Languages implements LocaleContextResolver {

    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final List<Locale> SUPPORTED = List.of(CHINESE, ENGLISH);
    static final String COOKIE = "portal-lang";

    /** The language a tag names, or null for one the portal does not speak. */
    public static Locale parse(String tag) {
        if (tag == null) {
            return null;
        }
        return switch (tag.toLowerCase(Locale.ROOT)) {
            case "zh", "zh-cn", "zh_cn" -> CHINESE;
            case "en" -> ENGLISH;
            default -> null;
        };
    }

    public static String tag(Locale locale) {
        return ENGLISH.getLanguage().equals(locale.getLanguage()) ? "en" : "zh-CN";
    }

    @Override
    public LocaleContext resolveLocaleContext(ServerWebExchange exchange) {
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(COOKIE);
        Locale chosen = cookie == null ? null : parse(cookie.getValue());
        return new SimpleLocaleContext(chosen == null ? CHINESE : chosen);
    }

    @Override
    public void setLocaleContext(ServerWebExchange exchange, LocaleContext localeContext) {
        Locale locale = localeContext == null ? null : localeContext.getLocale();
        exchange.getResponse().addCookie(ResponseCookie.from(COOKIE, locale == null ? "" : tag(locale))
                .path("/").maxAge(locale == null ? Duration.ZERO : Duration.ofDays(365)).sameSite("Lax").httpOnly(true).build());
    }
}
