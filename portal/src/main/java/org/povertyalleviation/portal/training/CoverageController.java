package org.povertyalleviation.portal.training;

import static org.povertyalleviation.portal.training.TrainingController.BASE;
import static org.povertyalleviation.portal.training.TrainingController.CHINA;

import java.time.Year;

import org.povertyalleviation.portal.county.CountyPage;
import org.povertyalleviation.portal.county.FormValues;
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
 * Village coverage of a year's training: per village the people certified and the person-times, the villages with
 * none (poor ones first and highlighted), the county's totals, and the villages on a map where the county registry
 * places them.
 */
@Controller
class CoverageController {

    private static final int FIRST_YEAR = 2000;
    private static final int LAST_YEAR = 2100;

    private final Gateway gateway;
    private final Viewers viewers;
    private final Villages villages;
    private final TrainingMaps maps;

    CoverageController(Gateway gateway, Viewers viewers, Villages villages, TrainingMaps maps) {
        this.gateway = gateway;
        this.viewers = viewers;
        this.villages = villages;
        this.maps = maps;
    }

    @GetMapping("/counties/{county}/training/coverage")
    Mono<String> coverage(@PathVariable String county, @RequestParam(required = false) String year, ServerWebExchange exchange, Model model) {
        Integer asked = FormValues.integer(year);
        int shown = asked != null && asked >= FIRST_YEAR && asked <= LAST_YEAR ? asked : Year.now(CHINA).getValue();
        model.addAttribute("year", shown);
        model.addAttribute("previousYear", shown > FIRST_YEAR ? shown - 1 : null);
        model.addAttribute("nextYear", shown < LAST_YEAR ? shown + 1 : null);
        return CountyPage.of(viewers, exchange, county, model).flatMap(found -> Mono.zip(
                        gateway.get(uri -> uri.path(BASE + "/coverage").queryParam("year", shown).build(county), Training.Coverage.class),
                        villages.of(county), villages.townships(county))
                .map(loaded -> {
                    Training.Coverage coverage = loaded.getT1();
                    model.addAttribute("coverage", coverage);
                    model.addAttribute("poorGaps", coverage.gaps().stream().filter(Training.VillageFigures::poor).toList());
                    model.addAttribute("otherGaps", coverage.gaps().stream().filter(village -> !village.poor()).toList());
                    model.addAttribute("villages", loaded.getT2());
                    model.addAttribute("townships", loaded.getT3());
                    model.addAttribute("map", maps.coverage(coverage, loaded.getT2(), exchange.getLocaleContext().getLocale()));
                    return "training-coverage";
                }));
    }
}
