package org.povertyalleviation.portal.dashboard;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.povertyalleviation.portal.county.County;
import org.povertyalleviation.portal.county.CountyPage;
import org.povertyalleviation.portal.county.Viewers;
import org.povertyalleviation.portal.gateway.Gateway;
import org.povertyalleviation.portal.language.Formats;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The county's home page, the city officer's comparison of counties, and the way in ("/": one's own county, or the
 * comparison for those with several).
 */
@Controller
class DashboardController {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Gateway gateway;
    private final Viewers viewers;
    private final MessageSource messages;

    DashboardController(Gateway gateway, Viewers viewers, MessageSource messages) {
        this.gateway = gateway;
        this.viewers = viewers;
        this.messages = messages;
    }

    @GetMapping("/")
    Mono<String> home(ServerWebExchange exchange, Model model) {
        return CountyPage.viewer(viewers, exchange, model).map(viewer -> viewer.switchesCounties() ? "redirect:/compare"
                : viewer.counties().isEmpty() ? "no-county" : "redirect:/counties/" + viewer.counties().get(0).code());
    }

    /** The county switcher's target: a plain GET form, so it works without JavaScript. */
    @GetMapping("/switch")
    Mono<String> switchCounty(@RequestParam String county, ServerWebExchange exchange, Model model) {
        return CountyPage.of(viewers, exchange, county, model).map(found -> "redirect:/counties/" + found.code());
    }

    @GetMapping("/counties/{county}")
    Mono<String> dashboard(@PathVariable String county, ServerWebExchange exchange, Model model) {
        int year = LocalDate.now(CHINA).getYear();
        Locale locale = exchange.getLocaleContext().getLocale();
        return CountyPage.of(viewers, exchange, county, model).flatMap(found -> Mono.zip(households(county, year), shops(county, year),
                        gateway.list(uri -> uri.path(Gateway.SHOP_MANAGEMENT + "/counties/{county}/coverage/uncovered").build(county),
                                Statistics.UncoveredVillage.class))
                .map(figures -> {
                                        model.addAttribute("year", year);
                    model.addAttribute("households", figures.getT1());
                    model.addAttribute("shops", figures.getT2());
                    model.addAttribute("uncovered", figures.getT3());
                    model.addAttribute("chart", chart(figures.getT1(), locale));
                    return "dashboard";
                }));
    }

    @GetMapping("/compare")
    Mono<String> compare(ServerWebExchange exchange, Model model) {
        int year = LocalDate.now(CHINA).getYear();
        return CountyPage.viewer(viewers, exchange, model).flatMap(viewer -> Flux.fromIterable(viewer.counties())
                .flatMapSequential(county -> Mono.zip(households(county.code(), year), shops(county.code(), year))
                        .map(figures -> new Statistics.CountyFigures(county, figures.getT1(), figures.getT2())), 4)
                .collectList()
                .map(rows -> {
                    model.addAttribute("year", year);
                    model.addAttribute("rows", rows);
                    return "compare";
                }));
    }

    private Mono<Statistics.HouseholdStatistics> households(String county, int year) {
        return gateway.get(uri -> uri.path(Gateway.HOUSEHOLD_REGISTRY + "/counties/{county}/statistics").queryParam("year", year).build(county),
                Statistics.HouseholdStatistics.class);
    }

    private Mono<Statistics.ShopStatistics> shops(String county, int year) {
        return gateway.get(uri -> uri.path(Gateway.SHOP_MANAGEMENT + "/counties/{county}/statistics").queryParam("year", year).build(county),
                Statistics.ShopStatistics.class);
    }

    /**
     * The ECharts option for e-commerce income per person by mechanism, as JSON for a data attribute (the page's script
     * reads it; no inline script under the content security policy). Labels are translated here.
     */
    String chart(Statistics.HouseholdStatistics statistics, Locale locale) {
        List<String> labels = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        statistics.ecommerceIncome().bySource().forEach((source, income) -> {
            labels.add(messages.getMessage("source." + source, null, source, locale));
            values.add(Formats.yuanValue(income.perMemberFen()));
        });
        Map<String, Object> option = new LinkedHashMap<>();
        option.put("grid", Map.of("left", 8, "right", 16, "top", 16, "bottom", 8, "containLabel", true));
        option.put("tooltip", Map.of("trigger", "axis"));
        option.put("xAxis", Map.of("type", "value", "name", messages.getMessage("dashboard.chart.axis", null, locale)));
        option.put("yAxis", Map.of("type", "category", "data", labels, "inverse", true));
        option.put("series", List.of(Map.of("type", "bar", "data", values, "name",
                messages.getMessage("dashboard.chart.series", null, locale), "itemStyle", Map.of("color", "#c0392b"))));
        return JSON.writeValueAsString(option);
    }
}
