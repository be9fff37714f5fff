package org.povertyalleviation.portal.supply;

import java.util.UUID;
import java.util.stream.Collectors;

import org.povertyalleviation.portal.county.CountyPage;
import org.povertyalleviation.portal.county.Viewers;
import org.povertyalleviation.portal.gateway.Gateway;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Traceability in the supply platform: a lot with its parts, trace timeline, QR code and label print runs, and the
 * county's copy-suspicion alerts. The QR code and the label sheets pass through the portal with the user's token (the
 * browser never calls the gateway); the service decides who may download a sheet.
 */
@Controller
class TraceController {

    /** The newest alerts a page shows: within the page budget on a rural link (docs/portal.md). */
    private static final int SUSPICIONS = 200;
    /** Different lots fetched at once for the alerts' lot numbers. */
    private static final int CONCURRENT_LOTS = 8;

    private final Gateway gateway;
    private final Viewers viewers;

    TraceController(Gateway gateway, Viewers viewers) {
        this.gateway = gateway;
        this.viewers = viewers;
    }

    @GetMapping("/counties/{county}/lots/{id}")
    Mono<String> lot(@PathVariable String county, @PathVariable UUID id, ServerWebExchange exchange, Model model) {
        String base = Gateway.SUPPLY_PLATFORM + "/counties/{county}/lots/{id}";
        return CountyPage.of(viewers, exchange, county, model).flatMap(found -> Mono.zip(
                        gateway.get(uri -> uri.path(base).build(county, id), Supply.Lot.class),
                        gateway.list(uri -> uri.path(base + "/events").queryParam("limit", 5000).build(county, id), Supply.TraceEvent.class),
                        gateway.list(uri -> uri.path(base + "/print-runs").build(county, id), Supply.PrintRun.class))
                .flatMap(loaded -> {
                    Supply.Lot lot = loaded.getT1();
                    // Splits and merges stay within one product: its lots name the parents, children and the lots
                    // whose events the timeline carries.
                    return Mono.zip(
                                    gateway.get(uri -> uri.path(Gateway.SUPPLY_PLATFORM + "/counties/{county}/products/{id}").build(county, lot.product()),
                                            Supply.Product.class),
                                    gateway.get(uri -> uri.path(Gateway.SUPPLY_PLATFORM + "/counties/{county}/organisations/{id}")
                                            .build(county, lot.organisation()), Supply.Organisation.class),
                                    gateway.list(uri -> uri.path(Gateway.SUPPLY_PLATFORM + "/counties/{county}/products/{id}/lots").queryParam("limit", 1000)
                                            .build(county, lot.product()), Supply.LotSummary.class))
                            .map(names -> {
                                model.addAttribute("lot", lot);
                                model.addAttribute("events", loaded.getT2());
                                model.addAttribute("printRuns", loaded.getT3());
                                model.addAttribute("product", names.getT1());
                                model.addAttribute("organisation", names.getT2());
                                model.addAttribute("lotNumbers", names.getT3().stream()
                                        .collect(Collectors.toMap(Supply.LotSummary::id, Supply.LotSummary::lotNumber)));
                                return "lot";
                            });
                }));
    }

    /** The lot's QR code, for the page's img (the content security policy allows images from the portal only). */
    @GetMapping("/counties/{county}/lots/{id}/qr.svg")
    @ResponseBody
    Mono<ResponseEntity<Flux<DataBuffer>>> qr(@PathVariable String county, @PathVariable UUID id, ServerWebExchange exchange, Model model) {
        return CountyPage.of(viewers, exchange, county, model).then(gateway.download(uri ->
                uri.path(Gateway.SUPPLY_PLATFORM + "/counties/{county}/lots/{id}/qr.svg").build(county, id)));
    }

    /** A print run's label sheet, streamed from the service; a refusal (403 for readers who do not print) is the refusal page. */
    @GetMapping("/counties/{county}/lots/{id}/print-runs/{run}/labels.pdf")
    @ResponseBody
    Mono<ResponseEntity<Flux<DataBuffer>>> labels(@PathVariable String county, @PathVariable UUID id, @PathVariable UUID run,
                                                  ServerWebExchange exchange, Model model) {
        return CountyPage.of(viewers, exchange, county, model).then(gateway.download(uri ->
                uri.path(Gateway.SUPPLY_PLATFORM + "/counties/{county}/lots/{id}/print-runs/{run}/labels.pdf").build(county, id, run)));
    }

    /** Pack serials scanned from too many places or too often, newest first, each with its lot's number. */
    @GetMapping("/counties/{county}/copy-suspicions")
    Mono<String> suspicions(@PathVariable String county, ServerWebExchange exchange, Model model) {
        return CountyPage.of(viewers, exchange, county, model).flatMap(found -> gateway.list(uri ->
                        uri.path(Gateway.SUPPLY_PLATFORM + "/counties/{county}/copy-suspicions").queryParam("limit", SUSPICIONS).build(county),
                        Supply.CopySuspicion.class))
                .flatMap(suspicions -> Flux.fromIterable(suspicions.stream().map(Supply.CopySuspicion::lot).distinct().toList())
                        .flatMap(lot -> gateway.get(uri -> uri.path(Gateway.SUPPLY_PLATFORM + "/counties/{county}/lots/{id}").build(county, lot),
                                Supply.Lot.class), CONCURRENT_LOTS)
                        .collectMap(Supply.Lot::id, Supply.Lot::lotNumber)
                        .map(lotNumbers -> {
                            model.addAttribute("rows", suspicions);
                            model.addAttribute("lotNumbers", lotNumbers);
                            return "copy-suspicions";
                        }));
    }
}
