package org.povertyalleviation.portal.crowdfunding;

import static org.povertyalleviation.portal.county.FormValues.blank;
import static org.povertyalleviation.portal.county.FormValues.uuid;
import static org.povertyalleviation.portal.crowdfunding.CrowdfundingController.BASE;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.povertyalleviation.portal.county.CountyPage;
import org.povertyalleviation.portal.county.FormRefusals;
import org.povertyalleviation.portal.county.Viewers;
import org.povertyalleviation.portal.gateway.Gateway;
import org.povertyalleviation.portal.gateway.ServiceProblem;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A funded project's rewards on their way, from its page: a tier tied to the traced lot its rewards ship from, and the
 * paid rewards dispatched into a pickup window (crowdfunding books them with logistics as the signed-in user). The
 * dispatch answers in place with htmx (the delivery section with what was booked, what is left and, when the window
 * filled up, the next windows with room); without JavaScript the whole page. A refusal is shown in its form.
 */
@Controller
class DeliveryPageController {

    private final Gateway gateway;
    private final Viewers viewers;
    private final FormRefusals refusals;
    /** The project page (and its delivery section alone) to show again with a result or a refusal. */
    private final ProjectPageController projects;

    DeliveryPageController(Gateway gateway, Viewers viewers, FormRefusals refusals, ProjectPageController projects) {
        this.gateway = gateway;
        this.viewers = viewers;
        this.refusals = refusals;
        this.projects = projects;
    }

    /** Ties the tier to a lot by its code (a blank code is sent as none, for the service to name). */
    @PostMapping("/counties/{county}/crowdfunding/projects/{id}/tiers/{tier}/lot")
    Mono<String> tieLot(@PathVariable String county, @PathVariable UUID id, @PathVariable UUID tier, ServerWebExchange exchange, Model model) {
        return CountyPage.of(viewers, exchange, county, model).then(exchange.getFormData()).flatMap(form -> {
            Map<String, Object> body = new HashMap<>();
            body.put("lotCode", blank(form.getFirst("lotCode")));
            return gateway.put(uri -> uri.path(BASE + "/tiers/{tier}/lot").build(county, tier), body, Map.class)
                    .thenReturn("redirect:/counties/" + county + "/crowdfunding/projects/" + id + "#delivery-status")
                    .onErrorResume(ServiceProblem.Refused.class, refused -> refusals.showIn("lot-" + tier, form,
                            ProjectPageController.inOwnWords(refused), exchange, model, () -> projects.project(county, id, null, 0, exchange, model)));
        });
    }

    /** Books every paid reward still without a booking into the chosen pickup window. */
    @PostMapping("/counties/{county}/crowdfunding/projects/{id}/deliveries")
    Mono<String> dispatch(@PathVariable String county, @PathVariable UUID id, ServerWebExchange exchange, Model model) {
        boolean htmx = exchange.getRequest().getHeaders().containsHeader("HX-Request");
        return CountyPage.of(viewers, exchange, county, model).then(exchange.getFormData()).flatMap(form -> {
            UUID slot = uuid(form.getFirst("slot"));
            if (slot == null) {
                return refusals.invalidIn("dispatch", form, "slot", exchange, model, () -> shown(county, id, htmx, exchange, model));
            }
            return gateway.post(uri -> uri.path(BASE + "/projects/{id}/deliveries").build(county, id), Map.of("slot", slot), Crowdfunding.Dispatch.class)
                    .flatMap(dispatch -> {
                        model.addAttribute("dispatch", dispatch);
                        return shown(county, id, htmx, exchange, model);
                    })
                    .onErrorResume(ServiceProblem.Refused.class, refused -> refusals.showIn("dispatch", form, ProjectPageController.inOwnWords(refused),
                            exchange, model, () -> shown(county, id, htmx, exchange, model)));
        });
    }

    /**
     * The page with the dispatch's result or refusal: with htmx the delivery section alone, answered 200 (htmx swaps
     * only successful answers; the refusal's words are in the section), else the whole page.
     */
    private Mono<String> shown(String county, UUID id, boolean htmx, ServerWebExchange exchange, Model model) {
        if (!htmx) {
            return projects.project(county, id, null, 0, exchange, model);
        }
        exchange.getResponse().setStatusCode(HttpStatus.OK);
        return projects.deliverySection(county, id, exchange, model);
    }
}
