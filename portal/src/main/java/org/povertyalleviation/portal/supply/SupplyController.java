package org.povertyalleviation.portal.supply;

import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.povertyalleviation.portal.county.CountyPage;
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

/**
 * The supply platform's pages: organisations with their members, products (with their lots), shareholdings and
 * dividends; purchase orders with their deliveries and premium; workshops with their wage sheets and paydays. Read only: the records are
 * kept through the API (partners' and the county's own tools).
 */
@Controller
class SupplyController {

    static final List<String> KINDS = List.of("ENTERPRISE", "COOPERATIVE", "ASSOCIATION");
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final Gateway gateway;
    private final Viewers viewers;
    private final Villages villages;

    SupplyController(Gateway gateway, Viewers viewers, Villages villages) {
        this.gateway = gateway;
        this.viewers = viewers;
        this.villages = villages;
    }

    @GetMapping("/counties/{county}/organisations")
    Mono<String> organisations(@PathVariable String county, @RequestParam(required = false) String kind, ServerWebExchange exchange, Model model) {
        String chosen = kind != null && KINDS.contains(kind) ? kind : null;
        model.addAttribute("kind", chosen);
        model.addAttribute("kinds", KINDS);
        return CountyPage.of(viewers, exchange, county, model).flatMap(found -> Mono.zip(villages.of(county), gateway.list(uri -> {
                    uri.path(Gateway.SUPPLY_PLATFORM + "/counties/{county}/organisations").queryParam("limit", 500);
                    if (chosen != null) {
                        uri.queryParam("kind", chosen);
                    }
                    return uri.build(county);
                }, Supply.Organisation.class), expiring(county), names(county))
                .map(loaded -> {
                    model.addAttribute("villages", loaded.getT1());
                    model.addAttribute("rows", loaded.getT2());
                    model.addAttribute("expiring", loaded.getT3());
                    model.addAttribute("products", loaded.getT4().products());
                    return "organisations";
                }));
    }

    @GetMapping("/counties/{county}/organisations/{id}")
    Mono<String> organisation(@PathVariable String county, @PathVariable UUID id, ServerWebExchange exchange, Model model) {
        String base = Gateway.SUPPLY_PLATFORM + "/counties/{county}/organisations/{id}";
        return CountyPage.of(viewers, exchange, county, model).flatMap(found -> Mono.zip(
                        gateway.get(uri -> uri.path(base).build(county, id), Supply.Organisation.class),
                        gateway.list(uri -> uri.path(base + "/members").build(county, id), Supply.Member.class),
                        gateway.list(uri -> uri.path(Gateway.SUPPLY_PLATFORM + "/counties/{county}/products").queryParam("organisation", id)
                                .build(county), Supply.Product.class),
                        gateway.list(uri -> uri.path(base + "/shareholdings").build(county, id), Supply.Shareholding.class),
                        gateway.list(uri -> uri.path(base + "/dividends").build(county, id), Supply.Dividend.class),
                        villages.of(county))
                .map(loaded -> {
                    model.addAttribute("organisation", loaded.getT1());
                    model.addAttribute("members", loaded.getT2());
                    model.addAttribute("products", loaded.getT3());
                    model.addAttribute("shareholdings", loaded.getT4());
                    model.addAttribute("stakeFen", loaded.getT4().stream().mapToLong(Supply.Shareholding::amountFen).sum());
                    model.addAttribute("dividends", loaded.getT5());
                    model.addAttribute("villages", loaded.getT6());
                    return "organisation";
                }));
    }

    @GetMapping("/counties/{county}/organisations/{id}/dividends/{dividend}")
    Mono<String> dividend(@PathVariable String county, @PathVariable UUID id, @PathVariable UUID dividend, ServerWebExchange exchange, Model model) {
        return CountyPage.of(viewers, exchange, county, model).flatMap(found -> Mono.zip(
                        gateway.get(uri -> uri.path(Gateway.SUPPLY_PLATFORM + "/counties/{county}/organisations/{id}").build(county, id),
                                Supply.Organisation.class),
                        gateway.get(uri -> uri.path(Gateway.SUPPLY_PLATFORM + "/counties/{county}/organisations/{id}/dividends/{dividend}")
                                .build(county, id, dividend), Supply.Dividend.class))
                .map(loaded -> {
                    model.addAttribute("organisation", loaded.getT1());
                    model.addAttribute("dividend", loaded.getT2());
                    return "dividend";
                }));
    }

    @GetMapping("/counties/{county}/products/{id}")
    Mono<String> product(@PathVariable String county, @PathVariable UUID id, ServerWebExchange exchange, Model model) {
        return CountyPage.of(viewers, exchange, county, model).flatMap(found -> Mono.zip(
                        gateway.get(uri -> uri.path(Gateway.SUPPLY_PLATFORM + "/counties/{county}/products/{id}").build(county, id), Supply.Product.class),
                        gateway.list(uri -> uri.path(Gateway.SUPPLY_PLATFORM + "/counties/{county}/products/{id}/reference-prices").build(county, id),
                                Supply.ReferencePrice.class),
                        gateway.list(uri -> uri.path(Gateway.SUPPLY_PLATFORM + "/counties/{county}/products/{id}/certifications").build(county, id),
                                Supply.Certification.class),
                        gateway.list(uri -> uri.path(Gateway.SUPPLY_PLATFORM + "/counties/{county}/products/{id}/inspections").build(county, id),
                                Supply.Inspection.class),
                        // Newest harvest first, as the service lists them; the page shows the latest hundred.
                        gateway.list(uri -> uri.path(Gateway.SUPPLY_PLATFORM + "/counties/{county}/products/{id}/lots").queryParam("limit", 100)
                                .build(county, id), Supply.LotSummary.class))
                .flatMap(loaded -> gateway.get(uri -> uri.path(Gateway.SUPPLY_PLATFORM + "/counties/{county}/organisations/{id}")
                                .build(county, loaded.getT1().organisation()), Supply.Organisation.class)
                        .map(organisation -> {
                            model.addAttribute("product", loaded.getT1());
                            model.addAttribute("prices", loaded.getT2());
                            model.addAttribute("certifications", loaded.getT3());
                            model.addAttribute("inspections", loaded.getT4());
                            model.addAttribute("lots", loaded.getT5());
                            model.addAttribute("organisation", organisation);
                            model.addAttribute("warnFrom", java.time.LocalDate.now(CHINA));
                            model.addAttribute("warnUntil", java.time.LocalDate.now(CHINA).plusDays(30));
                            return "product";
                        })));
    }

    @GetMapping("/counties/{county}/purchase-orders")
    Mono<String> orders(@PathVariable String county, ServerWebExchange exchange, Model model) {
        return CountyPage.of(viewers, exchange, county, model).flatMap(found -> Mono.zip(
                        gateway.list(uri -> uri.path(Gateway.SUPPLY_PLATFORM + "/counties/{county}/purchase-orders").queryParam("limit", 500)
                                .build(county), Supply.OrderSummary.class),
                        names(county))
                .map(loaded -> {
                    model.addAttribute("rows", loaded.getT1());
                    model.addAttribute("organisations", loaded.getT2().organisations());
                    model.addAttribute("products", loaded.getT2().products());
                    return "purchase-orders";
                }));
    }

    @GetMapping("/counties/{county}/purchase-orders/{id}")
    Mono<String> order(@PathVariable String county, @PathVariable UUID id, ServerWebExchange exchange, Model model) {
        String base = Gateway.SUPPLY_PLATFORM + "/counties/{county}/purchase-orders/{id}";
        return CountyPage.of(viewers, exchange, county, model).flatMap(found -> Mono.zip(
                        gateway.get(uri -> uri.path(base).build(county, id), Supply.Order.class),
                        gateway.list(uri -> uri.path(base + "/deliveries").build(county, id), Supply.Delivery.class),
                        names(county))
                .map(loaded -> {
                    model.addAttribute("order", loaded.getT1());
                    model.addAttribute("deliveries", loaded.getT2());
                    model.addAttribute("organisations", loaded.getT3().organisations());
                    model.addAttribute("products", loaded.getT3().products());
                    return "purchase-order";
                }));
    }

    @GetMapping("/counties/{county}/workshops")
    Mono<String> workshops(@PathVariable String county, ServerWebExchange exchange, Model model) {
        return CountyPage.of(viewers, exchange, county, model).flatMap(found -> Mono.zip(
                        gateway.list(uri -> uri.path(Gateway.SUPPLY_PLATFORM + "/counties/{county}/workshops").queryParam("limit", 500).build(county),
                                Supply.Workshop.class),
                        names(county), villages.of(county))
                .map(loaded -> {
                    model.addAttribute("rows", loaded.getT1());
                    model.addAttribute("organisations", loaded.getT2().organisations());
                    model.addAttribute("villages", loaded.getT3());
                    return "workshops";
                }));
    }

    /** A workshop with the wage sheet of one month (default: this month in China) and its paydays. */
    @GetMapping("/counties/{county}/workshops/{id}")
    Mono<String> workshop(@PathVariable String county, @PathVariable UUID id, @RequestParam(required = false) String month,
                          ServerWebExchange exchange, Model model) {
        YearMonth shown = month(month);
        String base = Gateway.SUPPLY_PLATFORM + "/counties/{county}/workshops/{id}";
        model.addAttribute("month", shown.toString());
        model.addAttribute("previous", shown.minusMonths(1).toString());
        model.addAttribute("nextMonth", shown.plusMonths(1).toString());
        return CountyPage.of(viewers, exchange, county, model).flatMap(found -> Mono.zip(
                        gateway.get(uri -> uri.path(base).build(county, id), Supply.Workshop.class),
                        gateway.list(uri -> uri.path(base + "/wages").queryParam("from", shown.atDay(1)).queryParam("to", shown.atEndOfMonth())
                                .queryParam("limit", 10_000).build(county, id), Supply.Wage.class),
                        gateway.list(uri -> uri.path(base + "/paydays").build(county, id), Supply.Payday.class),
                        names(county), villages.of(county))
                .map(loaded -> {
                    model.addAttribute("workshop", loaded.getT1());
                    model.addAttribute("wages", loaded.getT2());
                    model.addAttribute("wagesFen", loaded.getT2().stream().mapToLong(Supply.Wage::amountFen).sum());
                    model.addAttribute("paydays", loaded.getT3());
                    model.addAttribute("organisations", loaded.getT4().organisations());
                    model.addAttribute("villages", loaded.getT5());
                    return "workshop";
                }));
    }

    /** Certificates that expire within 30 days: the county's warning list. */
    private Mono<List<Supply.Certification>> expiring(String county) {
        return gateway.list(uri -> uri.path(Gateway.SUPPLY_PLATFORM + "/counties/{county}/certifications/expiring").queryParam("days", 30)
                .build(county), Supply.Certification.class);
    }

    /** Organisation and product names by id, for the tables that show ids. */
    private record Names(Map<UUID, String> organisations, Map<UUID, Supply.Product> products) {
    }

    private Mono<Names> names(String county) {
        return Mono.zip(
                gateway.list(uri -> uri.path(Gateway.SUPPLY_PLATFORM + "/counties/{county}/organisations").queryParam("limit", 500).build(county),
                        Supply.Organisation.class),
                gateway.list(uri -> uri.path(Gateway.SUPPLY_PLATFORM + "/counties/{county}/products").queryParam("limit", 2000).build(county),
                        Supply.Product.class))
                .map(loaded -> new Names(loaded.getT1().stream().collect(Collectors.toMap(Supply.Organisation::id, Supply.Organisation::name)),
                        loaded.getT2().stream().collect(Collectors.toMap(Supply.Product::id, Function.identity()))));
    }

    private static YearMonth month(String month) {
        if (month != null) {
            try {
                YearMonth parsed = YearMonth.parse(month);
                if (parsed.getYear() >= 2000 && parsed.getYear() <= 2100) {
                    return parsed;
                }
            } catch (DateTimeParseException e) {
                // A hand-typed month that is not one shows this month.
            }
        }
        return YearMonth.now(CHINA);
    }
}
