package org.povertyalleviation.portal.county;

import java.util.List;
import java.util.function.Supplier;

import org.povertyalleviation.portal.gateway.ServiceProblem;
import org.povertyalleviation.portal.language.ProblemMessages;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A form the service refused: the page it was sent from again, with the reason in the reader's language (the
 * service's status; a 401 signs in again and a 404 is the refusal page, as everywhere).
 */
@Component
public class FormRefusals {

    private final ProblemMessages problems;

    FormRefusals(ProblemMessages problems) {
        this.problems = problems;
    }

    public Mono<String> showOn(ServiceProblem.Refused refused, ServerWebExchange exchange, Model model, Supplier<Mono<String>> page) {
        if (refused.problem().status() == 401 || refused.problem().status() == 404) {
            return Mono.error(refused);
        }
        return show(refused.problem(), exchange, model, page);
    }

    /** A field of the form the portal cannot send as it is (an id that is none, a time that is none): a 400 naming it. */
    public Mono<String> invalid(String field, ServerWebExchange exchange, Model model, Supplier<Mono<String>> page) {
        return show(new ServiceProblem(400, "invalid-request", null, null, List.of(new ServiceProblem.InvalidParam(field, "")),
                "not sent: " + field + " is not valid", null), exchange, model, page);
    }

    /**
     * A refusal of one form of a page that has several: the page again, the reason in that form (the model's
     * {@code problemIn} names it) and what was typed kept ({@code form}).
     */
    public Mono<String> showIn(String which, MultiValueMap<String, String> typed, ServiceProblem.Refused refused, ServerWebExchange exchange,
                               Model model, Supplier<Mono<String>> page) {
        keep(which, typed, model);
        return showOn(refused, exchange, model, page);
    }

    /** {@link #invalid} in one form of a page that has several. */
    public Mono<String> invalidIn(String which, MultiValueMap<String, String> typed, String field, ServerWebExchange exchange, Model model,
                                  Supplier<Mono<String>> page) {
        keep(which, typed, model);
        return invalid(field, exchange, model, page);
    }

    private static void keep(String which, MultiValueMap<String, String> typed, Model model) {
        model.addAttribute("form", typed);
        model.addAttribute("problemIn", which);
    }

    private Mono<String> show(ServiceProblem problem, ServerWebExchange exchange, Model model, Supplier<Mono<String>> page) {
        exchange.getResponse().setStatusCode(HttpStatus.valueOf(problem.pageStatus()));
        model.addAttribute("problem", problems.show(problem, exchange.getLocaleContext().getLocale()));
        return page.get();
    }
}
