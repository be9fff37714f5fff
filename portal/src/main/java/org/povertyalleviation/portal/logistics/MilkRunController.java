package org.povertyalleviation.portal.logistics;

import static org.povertyalleviation.portal.county.FormValues.blank;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.povertyalleviation.portal.county.CountyPage;
import org.povertyalleviation.portal.county.FormRefusals;
import org.povertyalleviation.portal.county.Villages;
import org.povertyalleviation.portal.county.Viewers;
import org.povertyalleviation.portal.gateway.Gateway;
import org.povertyalleviation.portal.gateway.ServiceProblem;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Milk runs: a township's pickup routes for a day, planned by logistics booking's solver. The list of the latest plans
 * with the form to plan one; a plan per vehicle and on a map, with a lock (to a vehicle) or unlock per pickup and a
 * replan that keeps the locks. The browser posts plain forms to the portal, which calls the service (PUT and DELETE
 * for locks) and shows the plan again, or the new plan after a replan; a refusal is shown on the page it came from.
 */
@Controller
class MilkRunController {

    private static final String MILK_RUNS = LogisticsController.BASE + "/milk-runs";
    /** The solver's budget the form offers by default, and its most (the service's; the gateway gives it 75 s to answer). */
    static final int BUDGET = 10;
    static final int MAX_BUDGET = 60;
    private static final int LATEST = 50;

    private final Gateway gateway;
    private final Viewers viewers;
    private final Villages villages;
    private final LogisticsMaps maps;
    private final LogisticsController logistics;
    private final FormRefusals refusals;

    MilkRunController(Gateway gateway, Viewers viewers, Villages villages, LogisticsMaps maps, LogisticsController logistics,
                      FormRefusals refusals) {
        this.gateway = gateway;
        this.viewers = viewers;
        this.villages = villages;
        this.maps = maps;
        this.logistics = logistics;
        this.refusals = refusals;
    }

    /** The latest plans (of a township and day when chosen) and, for those who plan, the form to plan one. */
    @GetMapping("/counties/{county}/logistics/milk-runs")
    Mono<String> list(@PathVariable String county, @RequestParam(required = false) String township, @RequestParam(required = false) String day,
                      ServerWebExchange exchange, Model model) {
        String chosen = township != null && township.matches("\\d{9}") ? township : null;
        LocalDate shown = day == null || day.isBlank() ? null : LogisticsController.day(day);
        model.addAttribute("township", chosen);
        model.addAttribute("day", shown);
        model.addAttribute("planDay", shown != null ? shown : LocalDate.now(LogisticsController.CHINA));
        model.addAttribute("budget", BUDGET);
        model.addAttribute("maxBudget", MAX_BUDGET);
        return CountyPage.of(viewers, exchange, county, model).flatMap(found -> Mono.zip(
                        gateway.list(uri -> {
                            uri.path(MILK_RUNS).queryParam("limit", LATEST);
                            if (chosen != null) {
                                uri.queryParam("township", chosen);
                            }
                            if (shown != null) {
                                uri.queryParam("day", shown);
                            }
                            return uri.build(county);
                        }, MilkRun.Summary.class),
                        logistics.network(county), villages.townships(county))
                .map(loaded -> {
                    model.addAttribute("plans", loaded.getT1());
                    model.addAttribute("stations", loaded.getT2().stations());
                    model.addAttribute("townships", loaded.getT3());
                    return "milk-runs";
                }));
    }

    /** Plans a township's day: the service's plan, shown on its own page. */
    @PostMapping("/counties/{county}/logistics/milk-runs")
    Mono<String> plan(@PathVariable String county, ServerWebExchange exchange, Model model) {
        return CountyPage.of(viewers, exchange, county, model).then(exchange.getFormData()).flatMap(form -> {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("township", blank(form.getFirst("township")));
            request.put("day", blank(form.getFirst("day")));
            request.put("budgetSeconds", budget(form));
            return gateway.post(uri -> uri.path(MILK_RUNS).build(county), request, MilkRun.class)
                    .map(plan -> "redirect:/counties/" + county + "/logistics/milk-runs/" + plan.id())
                    .onErrorResume(ServiceProblem.Refused.class, refused -> refusals.showOn(refused, exchange, model,
                            () -> list(county, null, null, exchange, model)));
        });
    }

    @GetMapping("/counties/{county}/logistics/milk-runs/{id}")
    Mono<String> show(@PathVariable String county, @PathVariable UUID id, ServerWebExchange exchange, Model model) {
        return CountyPage.of(viewers, exchange, county, model).flatMap(found -> Mono.zip(
                        gateway.get(uri -> uri.path(MILK_RUNS + "/{id}").build(county, id), MilkRun.class),
                        villages.townships(county), villages.of(county))
                .flatMap(loaded -> successor(county, loaded.getT1()).map(next -> {
                    MilkRun plan = loaded.getT1();
                    model.addAttribute("plan", plan);
                    model.addAttribute("successor", next.orElse(null));
                    model.addAttribute("vehicles", plan.routes().stream().map(MilkRun.Route::vehicle).toList());
                    model.addAttribute("plates", plan.routes().stream().map(MilkRun.Route::vehicle)
                            .collect(Collectors.toMap(MilkRun.Vehicle::id, MilkRun.Vehicle::plate)));
                    model.addAttribute("townships", loaded.getT2());
                    model.addAttribute("villages", loaded.getT3());
                    model.addAttribute("colours", LogisticsMaps.ROUTES.size());
                    model.addAttribute("budget", plan.budgetSeconds() > 0 ? Math.min(plan.budgetSeconds(), MAX_BUDGET) : BUDGET);
                    model.addAttribute("maxBudget", MAX_BUDGET);
                    model.addAttribute("map", maps.milkRun(plan, exchange.getLocaleContext().getLocale()));
                    return "milk-run";
                })));
    }

    /** Locks a pickup to a vehicle (by default the one it rides on) for the next replan. */
    @PostMapping("/counties/{county}/logistics/milk-runs/{id}/locks/{booking}")
    Mono<String> lock(@PathVariable String county, @PathVariable UUID id, @PathVariable UUID booking, ServerWebExchange exchange, Model model) {
        return CountyPage.of(viewers, exchange, county, model).then(exchange.getFormData()).flatMap(form -> change(county, id, booking,
                gateway.put(uri -> uri.path(MILK_RUNS + "/{id}/locks/{booking}").build(county, id, booking),
                        java.util.Collections.singletonMap("vehicle", blank(form.getFirst("vehicle"))), MilkRun.class), exchange, model));
    }

    @PostMapping("/counties/{county}/logistics/milk-runs/{id}/locks/{booking}/release")
    Mono<String> unlock(@PathVariable String county, @PathVariable UUID id, @PathVariable UUID booking, ServerWebExchange exchange, Model model) {
        return CountyPage.of(viewers, exchange, county, model).then(change(county, id, booking,
                gateway.delete(uri -> uri.path(MILK_RUNS + "/{id}/locks/{booking}").build(county, id, booking), MilkRun.class), exchange, model));
    }

    /** Plans again, keeping the locked pickups on their vehicles: a new plan, which supersedes this one. */
    @PostMapping("/counties/{county}/logistics/milk-runs/{id}/replan")
    Mono<String> replan(@PathVariable String county, @PathVariable UUID id, ServerWebExchange exchange, Model model) {
        return CountyPage.of(viewers, exchange, county, model).then(exchange.getFormData()).flatMap(form ->
                gateway.post(uri -> uri.path(MILK_RUNS + "/{id}/replan").build(county, id), Map.of("budgetSeconds", budget(form)), MilkRun.class)
                        .map(plan -> "redirect:/counties/" + county + "/logistics/milk-runs/" + plan.id())
                        .onErrorResume(ServiceProblem.Refused.class, refused -> refusals.showOn(refused, exchange, model,
                                () -> show(county, id, exchange, model))));
    }

    private Mono<String> change(String county, UUID id, UUID booking, Mono<MilkRun> call, ServerWebExchange exchange, Model model) {
        return call.map(plan -> "redirect:/counties/" + county + "/logistics/milk-runs/" + plan.id() + "#pickup-" + booking)
                .onErrorResume(ServiceProblem.Refused.class, refused -> {
                    model.addAttribute("problemFor", booking);
                    return refusals.showOn(refused, exchange, model, () -> show(county, id, exchange, model));
                });
    }

    /** The plan that replaced a superseded one (the newest plans of its township and day name what they replan). */
    private Mono<java.util.Optional<UUID>> successor(String county, MilkRun plan) {
        if (plan.current()) {
            return Mono.just(java.util.Optional.empty());
        }
        return gateway.list(uri -> uri.path(MILK_RUNS).queryParam("township", plan.township()).queryParam("day", plan.day())
                        .queryParam("limit", LATEST).build(county), MilkRun.Summary.class)
                .map(plans -> plans.stream().filter(other -> plan.id().equals(other.replanOf())).map(MilkRun.Summary::id).findFirst());
    }

    private static Integer budget(MultiValueMap<String, String> form) {
        String value = form.getFirst("budgetSeconds");
        try {
            return value == null || value.isBlank() ? BUDGET : Math.max(1, Math.min(MAX_BUDGET, Integer.parseInt(value.strip())));
        } catch (NumberFormatException e) {
            return BUDGET;
        }
    }
}
