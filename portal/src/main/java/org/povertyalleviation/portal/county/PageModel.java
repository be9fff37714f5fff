package org.povertyalleviation.portal.county;

import java.util.Locale;

import org.povertyalleviation.portal.assets.Assets;
import org.povertyalleviation.portal.gateway.ServiceProblem;
import org.povertyalleviation.portal.language.Formats;
import org.povertyalleviation.portal.language.Languages;
import org.povertyalleviation.portal.language.ProblemMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.reactive.result.view.CsrfRequestDataValueProcessor;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * What every page needs: the reader's formats and language, who is signed in with their counties, the CSRF token
 * for forms, and a translated page when a service refuses what a page asked for.
 */
@ControllerAdvice
class PageModel {

    private static final Logger log = LoggerFactory.getLogger(PageModel.class);

    private final Viewers viewers;
    private final ProblemMessages problems;
    private final Assets assets;

    PageModel(Viewers viewers, ProblemMessages problems, Assets assets) {
        this.viewers = viewers;
        this.problems = problems;
        this.assets = assets;
    }

    @ModelAttribute
    void common(ServerWebExchange exchange, Model model) {
        Locale locale = exchange.getLocaleContext().getLocale();
        // A model attribute, not ${@assets}: Thymeleaf forbids bean references in URL attributes.
        model.addAttribute("assets", assets);
        model.addAttribute("fmt", new Formats(locale == null ? Languages.CHINESE : locale));
        model.addAttribute("lang", Languages.tag(locale == null ? Languages.CHINESE : locale));
        String query = exchange.getRequest().getURI().getRawQuery();
        model.addAttribute("here", exchange.getRequest().getPath().value() + (query == null ? "" : "?" + query));
        Mono<CsrfToken> csrf = exchange.getAttribute(CsrfToken.class.getName());
        if (csrf != null) {
            model.addAttribute("_csrf", csrf.doOnSuccess(token ->
                    exchange.getAttributes().put(CsrfRequestDataValueProcessor.DEFAULT_CSRF_ATTR_NAME, token)));
        }
    }

    /** The signed-in user for the page's header; handlers add it through {@link CountyPage} or this. */
    Mono<Void> viewer(ServerWebExchange exchange, Model model) {
        return viewers.current(exchange).doOnNext(viewer -> model.addAttribute("viewer", viewer)).then();
    }

    /**
     * A read the service refused: the page says why in the reader's language, with the request's reference. A 401
     * means the session's tokens are no longer accepted (Keycloak session ended): sign in again.
     */
    @ExceptionHandler(ServiceProblem.Refused.class)
    Mono<String> refused(ServiceProblem.Refused refused, ServerWebExchange exchange, Model model) {
        ServiceProblem problem = refused.problem();
        if (problem.status() == 401) {
            return exchange.getSession().flatMap(session -> session.invalidate()).thenReturn("redirect:/");
        }
        log.info("A service refused a page: {}", refused.getMessage());
        exchange.getResponse().setStatusCode(switch (problem.status()) {
            case 403, 404, 429 -> HttpStatus.valueOf(problem.status());
            default -> problem.status() >= 500 ? HttpStatus.BAD_GATEWAY : HttpStatus.BAD_REQUEST;
        });
        common(exchange, model);
        model.addAttribute("problem", problems.show(problem, exchange.getLocaleContext().getLocale()));
        return viewer(exchange, model).onErrorResume(e -> Mono.empty()).thenReturn("refused");
    }

    /** A page of a county the user may not read, or that does not exist. */
    @ExceptionHandler(UnknownCounty.class)
    Mono<String> unknownCounty(UnknownCounty unknown, ServerWebExchange exchange, Model model) {
        exchange.getResponse().setStatusCode(HttpStatus.NOT_FOUND);
        common(exchange, model);
        model.addAttribute("problem", new ProblemMessages.Shown(null, java.util.Map.of(), null));
        model.addAttribute("unknownCounty", unknown.code());
        return viewer(exchange, model).thenReturn("refused");
    }
}
