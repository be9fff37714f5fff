package org.povertyalleviation.portal.shops;

import java.util.List;

import org.povertyalleviation.portal.county.CountyPage;
import org.povertyalleviation.portal.county.PageLinks;
import org.povertyalleviation.portal.county.Villages;
import org.povertyalleviation.portal.county.Viewers;
import org.povertyalleviation.portal.gateway.Gateway;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The county's shops (list and detail with the households they lift) and "one village, one shop" coverage. */
@Controller
class ShopController {

    static final int PAGE = 50;
    static final List<String> STATUSES = List.of("PLANNED", "OPEN", "DORMANT", "CLOSED");

    private final Gateway gateway;
    private final Viewers viewers;
    private final Villages villages;

    ShopController(Gateway gateway, Viewers viewers, Villages villages) {
        this.gateway = gateway;
        this.viewers = viewers;
        this.villages = villages;
    }

    @GetMapping("/counties/{county}/shops")
    Mono<String> list(@PathVariable String county, @RequestParam(required = false) String status,
                      @RequestParam(required = false) String village, @RequestParam(required = false) String after,
                      ServerWebExchange exchange, Model model) {
        String chosenStatus = status != null && STATUSES.contains(status) ? status : null;
        String chosenVillage = village != null && village.matches("\\d{12}") ? village : null;
        model.addAttribute("status", chosenStatus);
        model.addAttribute("village", chosenVillage);
        model.addAttribute("statuses", STATUSES);
        return CountyPage.of(viewers, exchange, county, model).flatMap(found -> Mono.zip(villages.of(county), gateway.list(uri -> {
                    uri.path(Gateway.SHOP_MANAGEMENT + "/counties/{county}/shops").queryParam("limit", PAGE);
                    if (chosenStatus != null) {
                        uri.queryParam("status", chosenStatus);
                    }
                    if (chosenVillage != null) {
                        uri.queryParam("village", chosenVillage);
                    }
                    if (after != null && !after.isBlank()) {
                        uri.queryParam("after", after);
                    }
                    return uri.build(county);
                }, Shop.Detail.class))
                .map(loaded -> {
                    List<Shop.Detail> rows = loaded.getT2();
                                        model.addAttribute("villages", loaded.getT1());
                    model.addAttribute("villageList", Villages.sorted(loaded.getT1()));
                    model.addAttribute("rows", rows);
                    model.addAttribute("next", rows.size() == PAGE ? PageLinks.after(exchange, rows.get(rows.size() - 1).id().toString()) : null);
                    return "shops";
                }));
    }

    @GetMapping("/counties/{county}/shops/{id}")
    Mono<String> detail(@PathVariable String county, @PathVariable String id, ServerWebExchange exchange, Model model) {
        return CountyPage.of(viewers, exchange, county, model).flatMap(found -> Mono.zip(
                        gateway.get(uri -> uri.path(Gateway.SHOP_MANAGEMENT + "/counties/{county}/shops/{id}").build(county, id), Shop.Detail.class),
                        gateway.list(uri -> uri.path(Gateway.SHOP_MANAGEMENT + "/counties/{county}/shops/{id}/sales-reports").build(county, id),
                                Shop.SalesReport.class),
                        villages.of(county))
                .map(loaded -> {
                                        model.addAttribute("shop", loaded.getT1());
                    model.addAttribute("reports", loaded.getT2());
                    model.addAttribute("villages", loaded.getT3());
                    return "shop";
                }));
    }

    @GetMapping("/counties/{county}/coverage")
    Mono<String> coverage(@PathVariable String county, ServerWebExchange exchange, Model model) {
        return CountyPage.of(viewers, exchange, county, model).flatMap(found -> Mono.zip(
                        gateway.get(uri -> uri.path(Gateway.SHOP_MANAGEMENT + "/counties/{county}/coverage").build(county), Shop.Coverage.class),
                        villages.townships(county))
                .map(loaded -> {
                                        model.addAttribute("coverage", loaded.getT1());
                    model.addAttribute("townships", loaded.getT2());
                    return "coverage";
                }));
    }
}
