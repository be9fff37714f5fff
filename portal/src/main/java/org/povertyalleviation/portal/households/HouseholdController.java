package org.povertyalleviation.portal.households;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.povertyalleviation.portal.county.CountyPage;
import org.povertyalleviation.portal.county.PageLinks;
import org.povertyalleviation.portal.county.Villages;
import org.povertyalleviation.portal.county.Viewers;
import org.povertyalleviation.portal.gateway.Gateway;
import org.povertyalleviation.portal.gateway.ServiceProblem;
import org.povertyalleviation.portal.language.ProblemMessages;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The county's households: the filtered list, one household's file and ledger, and its status changes. */
@Controller
class HouseholdController {

    static final int PAGE = 50;
    static final List<String> STATUSES = List.of("REGISTERED", "LIFTED", "MONITORED", "RETURNED");
    static final List<String> CAUSES = List.of("ILLNESS", "DISABILITY", "LACK_OF_EDUCATION", "LACK_OF_SKILLS", "LACK_OF_LABOUR",
            "LACK_OF_FUNDS", "LACK_OF_LAND", "LACK_OF_WATER", "NATURAL_DISASTER", "POOR_TRANSPORT", "LACK_OF_DRIVE", "OTHER");
    /** The registry's lifecycle (HouseholdStatus.next()): which steps a page offers from each status. */
    static final Map<String, List<String>> NEXT = Map.of("REGISTERED", List.of("LIFTED"), "RETURNED", List.of("LIFTED"),
            "LIFTED", List.of("MONITORED"), "MONITORED", List.of("LIFTED", "RETURNED"));
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final Gateway gateway;
    private final Viewers viewers;
    private final Villages villages;
    private final ProblemMessages problems;

    HouseholdController(Gateway gateway, Viewers viewers, Villages villages, ProblemMessages problems) {
        this.gateway = gateway;
        this.viewers = viewers;
        this.villages = villages;
        this.problems = problems;
    }

    @GetMapping("/counties/{county}/households")
    Mono<String> list(@PathVariable String county, @RequestParam(required = false) String village,
                      @RequestParam(required = false) String status, @RequestParam(required = false) String cause,
                      @RequestParam(required = false) String after, ServerWebExchange exchange, Model model) {
        Locale locale = exchange.getLocaleContext().getLocale();
        model.addAttribute("filter", new Filter(blank(village), blank(status), blank(cause)));
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("causes", CAUSES);
        return CountyPage.of(viewers, exchange, county, model).flatMap(found -> villages.of(county).flatMap(known -> {
                        model.addAttribute("villages", known);
            model.addAttribute("villageList", Villages.sorted(known));
            return gateway.list(uri -> {
                        uri.path(Gateway.HOUSEHOLD_REGISTRY + "/counties/{county}/households").queryParam("limit", PAGE);
                        optional(uri, "village", village);
                        optional(uri, "status", status);
                        optional(uri, "cause", cause);
                        optional(uri, "after", after);
                        return uri.build(county);
                    }, Household.Summary.class)
                    .map(rows -> {
                        model.addAttribute("rows", rows);
                        model.addAttribute("next", rows.size() == PAGE ? PageLinks.after(exchange, rows.get(rows.size() - 1).fileNumber()) : null);
                        model.addAttribute("first", after == null ? null : PageLinks.after(exchange, null));
                        return "households";
                    })
                    .onErrorResume(ServiceProblem.Refused.class, refused -> {
                        if (refused.problem().status() != 400) {
                            return Mono.error(refused);
                        }
                        // A filter the registry refused: the list page stays, with the reason next to that filter.
                        exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
                        model.addAttribute("rows", List.of());
                        model.addAttribute("problem", problems.show(refused.problem(), locale));
                        return Mono.just("households");
                    });
        }));
    }

    record Filter(String village, String status, String cause) {
    }

    @GetMapping("/counties/{county}/households/{id}")
    Mono<String> detail(@PathVariable String county, @PathVariable String id, @RequestParam(required = false) Integer year,
                        ServerWebExchange exchange, Model model) {
        return show(county, id, year, exchange, model);
    }

    /**
     * A status change: the registry checks the rules (income above the line, guarantees met, …); a refusal is shown in
     * the reader's language next to the form that asked, and nothing changed.
     */
    @PostMapping("/counties/{county}/households/{id}/status")
    Mono<String> changeStatus(@PathVariable String county, @PathVariable String id, ServerWebExchange exchange, Model model) {
        return CountyPage.of(viewers, exchange, county, model).then(exchange.getFormData()).flatMap(form -> {
            String target = form.getFirst("status");
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("status", target);
            if ("LIFTED".equals(target)) {
                request.put("year", integer(form, "year"));
            } else {
                request.put("reason", blank(form.getFirst("reason")));
            }
            return gateway.post(uri -> uri.path(Gateway.HOUSEHOLD_REGISTRY + "/counties/{county}/households/{id}/status").build(county, id),
                            request, Void.class)
                    .thenReturn("redirect:/counties/" + county + "/households/" + id + "?changed=" + target)
                    .onErrorResume(ServiceProblem.Refused.class, refused -> {
                        if (refused.problem().status() == 401 || refused.problem().status() == 404) {
                            return Mono.error(refused);
                        }
                        exchange.getResponse().setStatusCode(HttpStatus.valueOf(refused.problem().pageStatus()));
                        model.addAttribute("refusedTarget", target);
                        model.addAttribute("problem", problems.show(refused.problem(), exchange.getLocaleContext().getLocale()));
                        return show(county, id, null, exchange, model);
                    });
        });
    }

    private Mono<String> show(String county, String id, Integer requestedYear, ServerWebExchange exchange, Model model) {
        int year = requestedYear == null ? LocalDate.now(CHINA).getYear() : requestedYear;
        return CountyPage.of(viewers, exchange, county, model).flatMap(found -> Mono.zip(
                        gateway.get(uri -> uri.path(Gateway.HOUSEHOLD_REGISTRY + "/counties/{county}/households/{id}").build(county, id),
                                Household.Detail.class),
                        gateway.list(uri -> uri.path(Gateway.HOUSEHOLD_REGISTRY + "/counties/{county}/households/{id}/income")
                                .queryParam("year", year).build(county, id), Household.IncomeEntry.class),
                        gateway.get(uri -> uri.path(Gateway.HOUSEHOLD_REGISTRY + "/counties/{county}/households/{id}/income/summary")
                                .queryParam("year", year).build(county, id), Household.IncomeSummary.class),
                        // A household shop management has not heard of yet has no shops (404 there): not an error here.
                        gateway.get(uri -> uri.path(Gateway.SHOP_MANAGEMENT + "/counties/{county}/households/{id}/shops").build(county, id),
                                        Household.Shops.class)
                                .map(Household.Shops::shops)
                                .onErrorResume(ServiceProblem.Refused.class, refused -> refused.problem().status() == 404
                                        ? Mono.just(List.of()) : Mono.error(refused)),
                        villages.of(county))
                .map(figures -> {
                    Household.Detail household = figures.getT1();
                                        model.addAttribute("household", household);
                    model.addAttribute("entries", figures.getT2());
                    model.addAttribute("summary", figures.getT3());
                    model.addAttribute("shops", figures.getT4());
                    model.addAttribute("origins", LedgerOrigin.namedBy(figures.getT4()));
                    model.addAttribute("villages", figures.getT5());
                    model.addAttribute("year", year);
                    model.addAttribute("chart", LedgerChart.of(year, figures.getT3().byMonthFen()));
                    model.addAttribute("transitions", NEXT.getOrDefault(household.status(), List.of()));
                    model.addAttribute("thisYear", LocalDate.now(CHINA).getYear());
                    model.addAttribute("changed", exchange.getRequest().getQueryParams().getFirst("changed"));
                    return "household";
                }));
    }

    private static Object integer(MultiValueMap<String, String> form, String name) {
        String value = blank(form.getFirst(name));
        if (value == null) {
            return null;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            // Sent as written: the registry names the field in its refusal, in the same words as for any bad year.
            return value;
        }
    }

    private static void optional(org.springframework.web.util.UriBuilder uri, String name, String value) {
        if (blank(value) != null) {
            uri.queryParam(name, value);
        }
    }

    static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
