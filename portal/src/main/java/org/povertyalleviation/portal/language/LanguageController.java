package org.povertyalleviation.portal.language;

import java.net.URI;
import java.util.Locale;

import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.i18n.LocaleContextResolver;
import reactor.core.publisher.Mono;

/** The language switch: a plain link (works without JavaScript) that sets the choice and returns to the page. */
@RestController
class LanguageController {

    private final LocaleContextResolver languages;

    LanguageController(LocaleContextResolver languages) {
        this.languages = languages;
    }

    @GetMapping("/language")
    Mono<ResponseEntity<Void>> choose(@RequestParam String lang, @RequestParam(defaultValue = "/") String back, ServerWebExchange exchange) {
        Locale locale = Languages.parse(lang);
        if (locale != null) {
            languages.setLocaleContext(exchange, new SimpleLocaleContext(locale));
        }
        return Mono.just(ResponseEntity.status(HttpStatus.SEE_OTHER).header(HttpHeaders.LOCATION, sameSite(back).toString()).build());
    }

    /** Only a path of this site: an absolute or protocol-relative address would make the switch an open redirect. */
    static URI sameSite(String back) {
        if (back == null || !back.startsWith("/") || back.startsWith("//") || back.startsWith("/\\")) {
            return URI.create("/");
        }
        try {
            URI uri = URI.create(back);
            return uri.getScheme() == null && uri.getAuthority() == null ? uri : URI.create("/");
        } catch (IllegalArgumentException e) {
            return URI.create("/");
        }
    }
}
