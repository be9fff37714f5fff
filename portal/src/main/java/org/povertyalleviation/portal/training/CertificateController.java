package org.povertyalleviation.portal.training;

import static org.povertyalleviation.portal.county.FormValues.blank;
import static org.povertyalleviation.portal.training.TrainingController.BASE;

import java.util.UUID;

import org.povertyalleviation.portal.county.CountyPage;
import org.povertyalleviation.portal.county.FormRefusals;
import org.povertyalleviation.portal.county.FormValues;
import org.povertyalleviation.portal.county.Villages;
import org.povertyalleviation.portal.county.Viewers;
import org.povertyalleviation.portal.gateway.Gateway;
import org.povertyalleviation.portal.gateway.ServiceProblem;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Certificates: one with its verification code, standing and public verification page, its PDF (through the portal,
 * for the county office and operators, whom the service allows) and the revocation form (operators and county admins);
 * the valid ones that expire soon, whom to remind to refresh.
 */
@Controller
class CertificateController {

    /** The service's default for "soon", and its most. */
    static final int WITHIN_DAYS = 60;
    private static final int MAX_DAYS = 366;
    private static final int EXPIRING = 500;

    private final Gateway gateway;
    private final Viewers viewers;
    private final Villages villages;
    private final FormRefusals refusals;

    CertificateController(Gateway gateway, Viewers viewers, Villages villages, FormRefusals refusals) {
        this.gateway = gateway;
        this.viewers = viewers;
        this.villages = villages;
        this.refusals = refusals;
    }

    @GetMapping("/counties/{county}/training/certificates")
    Mono<String> expiring(@PathVariable String county, @RequestParam(required = false) String withinDays, ServerWebExchange exchange, Model model) {
        Integer asked = FormValues.integer(withinDays);
        int within = asked != null && asked >= 1 && asked <= MAX_DAYS ? asked : WITHIN_DAYS;
        model.addAttribute("withinDays", within);
        return CountyPage.of(viewers, exchange, county, model).flatMap(found -> Mono.zip(
                        gateway.list(uri -> uri.path(BASE + "/certificates/expiring").queryParam("withinDays", within).queryParam("limit", EXPIRING)
                                .build(county), Training.Certificate.class),
                        villages.of(county))
                .map(loaded -> {
                    model.addAttribute("certificates", loaded.getT1());
                    model.addAttribute("full", loaded.getT1().size() == EXPIRING);
                    model.addAttribute("villages", loaded.getT2());
                    return "training-expiring";
                }));
    }

    @GetMapping("/counties/{county}/training/certificates/{id}")
    Mono<String> certificate(@PathVariable String county, @PathVariable UUID id, ServerWebExchange exchange, Model model) {
        return CountyPage.of(viewers, exchange, county, model).flatMap(found -> Mono.zip(
                        gateway.get(uri -> uri.path(BASE + "/certificates/{id}").build(county, id), Training.Certificate.class),
                        villages.of(county))
                .map(loaded -> {
                    model.addAttribute("certificate", loaded.getT1());
                    model.addAttribute("villages", loaded.getT2());
                    return "training-certificate";
                }));
    }

    /** The certificate as the service prints it (with the holder's full name), streamed as it comes; a refusal is the refusal page. */
    @GetMapping("/counties/{county}/training/certificates/{id}/certificate.pdf")
    @ResponseBody
    Mono<ResponseEntity<Flux<DataBuffer>>> pdf(@PathVariable String county, @PathVariable UUID id, ServerWebExchange exchange, Model model) {
        return CountyPage.of(viewers, exchange, county, model).then(gateway.download(uri ->
                uri.path(BASE + "/certificates/{id}/certificate.pdf").build(county, id)));
    }

    @PostMapping("/counties/{county}/training/certificates/{id}/revocation")
    Mono<String> revoke(@PathVariable String county, @PathVariable UUID id, ServerWebExchange exchange, Model model) {
        return CountyPage.of(viewers, exchange, county, model).then(exchange.getFormData()).flatMap(form ->
                gateway.post(uri -> uri.path(BASE + "/certificates/{id}/revocation").build(county, id),
                                java.util.Collections.singletonMap("reason", blank(form.getFirst("reason"))), Training.Certificate.class)
                        .map(revoked -> "redirect:/counties/" + county + "/training/certificates/" + id)
                        .onErrorResume(ServiceProblem.Refused.class, refused -> refusals.showOn(refused, exchange, model,
                                () -> certificate(county, id, exchange, model))));
    }
}
