package org.povertyalleviation.portal.subsidies;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.povertyalleviation.portal.county.CountyPage;
import org.povertyalleviation.portal.county.Viewers;
import org.povertyalleviation.portal.gateway.Gateway;
import org.povertyalleviation.portal.gateway.ServiceProblem;
import org.povertyalleviation.portal.language.ProblemMessages;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The approval queue: submitted applications, oldest first, with the year's budget. An admin approves or rejects
 * (with a reason) in place: with htmx only the row is replaced, without JavaScript the page is.
 */
@Controller
class SubsidyController {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final Gateway gateway;
    private final Viewers viewers;
    private final ProblemMessages problems;

    SubsidyController(Gateway gateway, Viewers viewers, ProblemMessages problems) {
        this.gateway = gateway;
        this.viewers = viewers;
        this.problems = problems;
    }

    @GetMapping("/counties/{county}/subsidies")
    Mono<String> queue(@PathVariable String county, ServerWebExchange exchange, Model model) {
        int year = LocalDate.now(CHINA).getYear();
        return CountyPage.of(viewers, exchange, county, model).flatMap(found -> Mono.zip(
                        gateway.list(uri -> uri.path(Gateway.SHOP_MANAGEMENT + "/counties/{county}/subsidies")
                                        .queryParam("status", "SUBMITTED").queryParam("limit", 200).build(county), Subsidy.class)
                                .flatMap(subsidies -> Flux.fromIterable(subsidies).flatMapSequential(subsidy -> row(county, subsidy), 4).collectList()),
                        budget(county, year))
                .map(loaded -> {
                                        model.addAttribute("rows", loaded.getT1());
                    model.addAttribute("budget", loaded.getT2().orElse(null));
                    model.addAttribute("year", year);
                    return "subsidies";
                }));
    }

    @PostMapping("/counties/{county}/subsidies/{id}/approval")
    Mono<String> approve(@PathVariable String county, @PathVariable String id, ServerWebExchange exchange, Model model) {
        return decide(county, id, "approval", Map.of(), exchange, model);
    }

    @PostMapping("/counties/{county}/subsidies/{id}/rejection")
    Mono<String> reject(@PathVariable String county, @PathVariable String id, ServerWebExchange exchange, Model model) {
        return exchange.getFormData().flatMap(form -> {
            String reason = form.getFirst("reason");
            return decide(county, id, "rejection", Map.of("reason", reason == null ? "" : reason.trim()), exchange, model);
        });
    }

    private Mono<String> decide(String county, String id, String decision, Map<String, Object> body, ServerWebExchange exchange, Model model) {
        boolean htmx = exchange.getRequest().getHeaders().containsHeader("HX-Request");
        return CountyPage.of(viewers, exchange, county, model).flatMap(found -> gateway.post(uri ->
                                uri.path(Gateway.SHOP_MANAGEMENT + "/counties/{county}/subsidies/{id}/" + decision).build(county, id), body, Subsidy.class)
                        .flatMap(decided -> htmx ? row(county, decided).map(row -> {
                            // The fragment is the table's repeated row: it renders once, for this one.
                            model.addAttribute("rows", List.of(row));
                            return "subsidies :: row";
                        }) : Mono.just("redirect:/counties/" + county + "/subsidies"))
                        .onErrorResume(ServiceProblem.Refused.class, refused -> {
                            if (refused.problem().status() == 401) {
                                return Mono.error(refused);
                            }
                            exchange.getResponse().setStatusCode(HttpStatus.valueOf(refused.problem().pageStatus()));
                            ProblemMessages.Shown shown = problems.show(refused.problem(), exchange.getLocaleContext().getLocale());
                            if (!htmx) {
                                model.addAttribute("problem", shown);
                                model.addAttribute("problemFor", id);
                                return queue(county, exchange, model);
                            }
                            // htmx swaps only 2xx answers by default; the row with its message is swapped in as well.
                            exchange.getResponse().setStatusCode(HttpStatus.OK);
                            return gateway.get(uri -> uri.path(Gateway.SHOP_MANAGEMENT + "/counties/{county}/subsidies/{id}").build(county, id),
                                            Subsidy.class)
                                    .flatMap(subsidy -> row(county, subsidy))
                                    .map(row -> {
                                        model.addAttribute("rows", List.of(row));
                                        model.addAttribute("problem", shown);
                                        model.addAttribute("problemFor", id);
                                        return "subsidies :: row";
                                    });
                        }));
    }

    private Mono<java.util.Optional<Subsidy.Budget>> budget(String county, int year) {
        return gateway.get(uri -> uri.path(Gateway.SHOP_MANAGEMENT + "/counties/{county}/subsidy-budgets/{year}").build(county, year),
                        Subsidy.Budget.class)
                .map(java.util.Optional::of)
                .onErrorResume(ServiceProblem.Refused.class, refused -> refused.problem().status() == 404
                        ? Mono.just(java.util.Optional.empty()) : Mono.error(refused))
                .defaultIfEmpty(java.util.Optional.empty());
    }

    /** The shop's name and the household's file number and head, for the row. */
    private Mono<Subsidy.Row> row(String county, Subsidy subsidy) {
        Mono<String> shop = gateway.get(uri -> uri.path(Gateway.SHOP_MANAGEMENT + "/counties/{county}/shops/{id}").build(county, subsidy.shop()),
                ShopName.class).map(ShopName::name).defaultIfEmpty("");
        Mono<HouseholdName> household = gateway.get(uri -> uri.path(Gateway.HOUSEHOLD_REGISTRY + "/counties/{county}/households/{id}")
                        .build(county, subsidy.household()), HouseholdName.class)
                .onErrorResume(ServiceProblem.Refused.class, refused -> refused.problem().status() == 404
                        ? Mono.just(new HouseholdName("", List.of())) : Mono.error(refused));
        return Mono.zip(shop, household).map(found -> new Subsidy.Row(subsidy, found.getT1(), found.getT2().fileNumber(),
                found.getT2().headName()));
    }

    record ShopName(String name) {
    }

    record HouseholdName(String fileNumber, List<Member> members) {
        record Member(String name, String relation) {
        }

        String headName() {
            return members == null ? "" : members.stream().filter(member -> "HEAD".equals(member.relation())).map(Member::name)
                    .findFirst().orElse("");
        }
    }
}
