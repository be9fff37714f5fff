package org.povertyalleviation.portal.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;

class LanguagesTest {

    private final Languages languages = new Languages();

    @Test
    void chinese_unless_the_user_chose_english_whatever_the_browser_prefers() {
        MockServerWebExchange englishBrowser = MockServerWebExchange.from(MockServerHttpRequest.get("/")
                .header(HttpHeaders.ACCEPT_LANGUAGE, "en-US,en;q=0.9"));
        MockServerWebExchange choseEnglish = MockServerWebExchange.from(MockServerHttpRequest.get("/")
                .cookie(new HttpCookie(Languages.COOKIE, "en")));
        MockServerWebExchange nonsense = MockServerWebExchange.from(MockServerHttpRequest.get("/")
                .cookie(new HttpCookie(Languages.COOKIE, "fr")));

        assertThat(languages.resolveLocaleContext(englishBrowser).getLocale()).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(languages.resolveLocaleContext(choseEnglish).getLocale()).isEqualTo(Locale.ENGLISH);
        assertThat(languages.resolveLocaleContext(nonsense).getLocale()).isEqualTo(Locale.SIMPLIFIED_CHINESE);
    }

    @Test
    void the_switch_returns_only_to_a_page_of_this_site() {
        assertThat(LanguageController.sameSite("/counties/621222/households?status=LIFTED")).hasToString("/counties/621222/households?status=LIFTED");
        assertThat(LanguageController.sameSite("https://evil.example/")).hasToString("/");
        assertThat(LanguageController.sameSite("//evil.example/")).hasToString("/");
        assertThat(LanguageController.sameSite("/\\evil.example")).hasToString("/");
        assertThat(LanguageController.sameSite(null)).hasToString("/");
    }

    @Test
    void amounts_dates_and_months_as_each_language_writes_them() {
        Formats chinese = new Formats(Locale.SIMPLIFIED_CHINESE);
        Formats english = new Formats(Locale.ENGLISH);

        assertThat(chinese.yuan(123456789L)).isEqualTo("¥1,234,567.89");
        assertThat(english.yuan(5L)).isEqualTo("CN¥0.05");
        assertThat(chinese.yuan(-25000L)).contains("250.00").contains("-");
        assertThat(chinese.month("2026-10")).isEqualTo("2026年10月");
        assertThat(english.month("2026-10")).isEqualTo("Oct 2026");
        assertThat(chinese.date(java.time.LocalDate.of(2026, 11, 23))).isEqualTo("2026年11月23日");
        assertThat(english.percent(1, 3)).isEqualTo("33.3%");
        assertThat(english.percent(1, 0)).isEqualTo("–");
    }

    @Test
    void quantities_keep_the_services_thousandths_and_drop_trailing_zeros() {
        Formats chinese = new Formats(Locale.SIMPLIFIED_CHINESE);

        assertThat(chinese.quantity(new java.math.BigDecimal("1250.500"))).isEqualTo("1,250.5");
        assertThat(chinese.quantity(new java.math.BigDecimal("0.125"))).isEqualTo("0.125");
        assertThat(chinese.quantity(new java.math.BigDecimal("500.000"))).isEqualTo("500");
        assertThat(chinese.quantity(null)).isEmpty();
    }
}
