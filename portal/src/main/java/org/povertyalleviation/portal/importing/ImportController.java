package org.povertyalleviation.portal.importing;

import java.util.List;
import java.util.Locale;

import org.povertyalleviation.portal.county.CountyPage;
import org.povertyalleviation.portal.county.Viewers;
import org.povertyalleviation.portal.gateway.Gateway;
import org.povertyalleviation.portal.gateway.ServiceProblem;
import org.povertyalleviation.portal.language.ProblemMessages;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A county's household file, uploaded through the portal to the registry's import: the job page shows a bar that
 * htmx refreshes every second while the registry works (a meta refresh without JavaScript), then the counts, the
 * rejected rows and their CSV to hand back to the villages.
 */
@Controller
class ImportController {

    /** Rejections shown on the page; the CSV has them all. */
    static final int REJECTIONS_SHOWN = 200;

    private final Gateway gateway;
    private final Viewers viewers;
    private final ProblemMessages problems;

    ImportController(Gateway gateway, Viewers viewers, ProblemMessages problems) {
        this.gateway = gateway;
        this.viewers = viewers;
        this.problems = problems;
    }

    @GetMapping("/counties/{county}/imports")
    Mono<String> imports(@PathVariable String county, ServerWebExchange exchange, Model model) {
        return page(county, exchange, model);
    }

    private Mono<String> page(String county, ServerWebExchange exchange, Model model) {
        return CountyPage.of(viewers, exchange, county, model).flatMap(found -> gateway.list(uri ->
                        uri.path(Gateway.HOUSEHOLD_REGISTRY + "/counties/{county}/imports").build(county), ImportJob.class)
                .map(jobs -> {
                                        model.addAttribute("jobs", jobs);
                    return "imports";
                }));
    }

    /** The upload is streamed on to the registry; its 202 names the job, whose page the browser is sent to. */
    @PostMapping("/counties/{county}/imports")
    Mono<String> upload(@PathVariable String county, ServerWebExchange exchange, Model model) {
        Locale locale = exchange.getLocaleContext().getLocale();
        return CountyPage.of(viewers, exchange, county, model).then(exchange.getMultipartData()).flatMap(parts -> {
            Part part = parts.getFirst("file");
            if (!(part instanceof FilePart file) || file.filename().isBlank()) {
                exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
                model.addAttribute("problem", problems.show(new ServiceProblem(400, "invalid-request", null, null,
                        List.of(new ServiceProblem.InvalidParam("file", "")), "no file chosen", null), locale));
                return page(county, exchange, model);
            }
            MultipartBodyBuilder body = new MultipartBodyBuilder();
            body.asyncPart("file", file.content(), DataBuffer.class).filename(file.filename())
                    .contentType(file.headers().getContentType() == null ? org.springframework.http.MediaType.APPLICATION_OCTET_STREAM
                            : file.headers().getContentType());
            return gateway.upload(uri -> uri.path(Gateway.HOUSEHOLD_REGISTRY + "/counties/{county}/imports").build(county), body.build(),
                            ImportJob.class)
                    .map(job -> "redirect:/counties/" + county + "/imports/" + job.id())
                    .onErrorResume(ServiceProblem.Refused.class, refused -> {
                        if (refused.problem().status() == 401) {
                            return Mono.error(refused);
                        }
                        exchange.getResponse().setStatusCode(HttpStatus.valueOf(refused.problem().pageStatus()));
                        model.addAttribute("problem", problems.show(refused.problem(), locale));
                        return page(county, exchange, model);
                    });
        });
    }

    @GetMapping("/counties/{county}/imports/{id}")
    Mono<String> job(@PathVariable String county, @PathVariable String id, ServerWebExchange exchange, Model model) {
        return CountyPage.of(viewers, exchange, county, model).flatMap(found -> {
                        return progressModel(county, id, model).thenReturn("import");
        });
    }

    /** The part htmx swaps in every second: the bar, and once the job has ended, its report. */
    @GetMapping("/counties/{county}/imports/{id}/progress")
    Mono<String> progress(@PathVariable String county, @PathVariable String id, ServerWebExchange exchange, Model model) {
        return CountyPage.of(viewers, exchange, county, model).flatMap(found -> {
                        return progressModel(county, id, model).thenReturn("import :: progress");
        });
    }

    private Mono<Void> progressModel(String county, String id, Model model) {
        return gateway.get(uri -> uri.path(Gateway.HOUSEHOLD_REGISTRY + "/counties/{county}/imports/{id}").build(county, id), ImportJob.class)
                .flatMap(job -> {
                    model.addAttribute("job", job);
                    if (job.running()) {
                        model.addAttribute("rejections", List.of());
                        return Mono.empty();
                    }
                    return gateway.list(uri -> uri.path(Gateway.HOUSEHOLD_REGISTRY + "/counties/{county}/imports/{id}/rejections")
                                    .queryParam("limit", REJECTIONS_SHOWN).build(county, id), ImportJob.Rejection.class)
                            .doOnNext(rejections -> model.addAttribute("rejections", rejections))
                            .then();
                });
    }

    @GetMapping("/counties/{county}/imports/{id}/rejections.csv")
    @ResponseBody
    Mono<ResponseEntity<Flux<DataBuffer>>> rejectionsCsv(@PathVariable String county, @PathVariable String id, ServerWebExchange exchange,
                                                         Model model) {
        return CountyPage.of(viewers, exchange, county, model).then(gateway.download(uri ->
                uri.path(Gateway.HOUSEHOLD_REGISTRY + "/counties/{county}/imports/{id}/rejections.csv").build(county, id)));
    }
}
