package org.povertyalleviation.portal.training;

import static org.povertyalleviation.portal.county.FormValues.blank;
import static org.povertyalleviation.portal.county.FormValues.uuid;
import static org.povertyalleviation.portal.training.TrainingController.BASE;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.povertyalleviation.portal.county.CountyPage;
import org.povertyalleviation.portal.county.FormRefusals;
import org.povertyalleviation.portal.county.Viewer;
import org.povertyalleviation.portal.county.Viewers;
import org.povertyalleviation.portal.gateway.Gateway;
import org.povertyalleviation.portal.gateway.ServiceProblem;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
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
 * The lecturer's attendance screen for a sitting: the rotating QR code (the service's SVG through the portal), its
 * six-digit fallback in large type and the room's figures, which htmx fetches again every {@value #REFRESH_SECONDS}
 * seconds (the code changes every 30 s and the service accepts the one before it too), never cached; the form for a
 * lecturer's mark with its reason; the sitting's check-ins. Readers who do not lecture (officers, auditors) see the
 * check-ins only: the service shows the code to lecturers alone.
 */
@Controller
class AttendanceScreenController {

    static final int REFRESH_SECONDS = 5;

    private final Gateway gateway;
    private final Viewers viewers;
    private final FormRefusals refusals;

    AttendanceScreenController(Gateway gateway, Viewers viewers, FormRefusals refusals) {
        this.gateway = gateway;
        this.viewers = viewers;
        this.refusals = refusals;
    }

    @GetMapping("/counties/{county}/training/sittings/{id}/screen")
    Mono<String> screen(@PathVariable String county, @PathVariable UUID id, ServerWebExchange exchange, Model model) {
        noStore(exchange);
        model.addAttribute("refreshSeconds", REFRESH_SECONDS);
        return CountyPage.of(viewers, exchange, county, model).then(viewers.current(exchange)).flatMap(viewer -> live(county, id, viewer, model)
                .flatMap(attendance -> gateway.get(uri -> uri.path(BASE + "/sessions/{id}").build(county, attendance.sitting().session()),
                        Training.Session.class))
                .map(session -> {
                    model.addAttribute("trainingSession", session);
                    return "training-screen";
                }));
    }

    /** The part htmx fetches again: the code, its QR image, the figures and the check-ins. */
    @GetMapping("/counties/{county}/training/sittings/{id}/screen/live")
    Mono<String> refresh(@PathVariable String county, @PathVariable UUID id, ServerWebExchange exchange, Model model) {
        noStore(exchange);
        model.addAttribute("refreshSeconds", REFRESH_SECONDS);
        return CountyPage.of(viewers, exchange, county, model).then(viewers.current(exchange))
                .flatMap(viewer -> live(county, id, viewer, model)).thenReturn("training-screen :: live");
    }

    /** The rotating code as a QR image, for the screen's img (the content security policy allows images from the portal only). */
    @GetMapping("/counties/{county}/training/sittings/{id}/qr.svg")
    @ResponseBody
    Mono<ResponseEntity<Flux<DataBuffer>>> qr(@PathVariable String county, @PathVariable UUID id, ServerWebExchange exchange, Model model) {
        return CountyPage.of(viewers, exchange, county, model).then(gateway.download(uri -> uri.path(BASE + "/sittings/{id}/qr.svg").build(county, id)))
                .map(image -> ResponseEntity.status(image.getStatusCode()).headers(image.getHeaders()).cacheControl(CacheControl.noStore())
                        .body(image.getBody()));
    }

    /** A lecturer marks a person present who could not check in, saying why. */
    @PostMapping("/counties/{county}/training/sittings/{id}/attendance-marks")
    Mono<String> mark(@PathVariable String county, @PathVariable UUID id, ServerWebExchange exchange, Model model) {
        return CountyPage.of(viewers, exchange, county, model).then(exchange.getFormData()).flatMap(form -> {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("enrolment", uuid(form.getFirst("enrolment")));
            request.put("reason", blank(form.getFirst("reason")));
            return gateway.post(uri -> uri.path(BASE + "/sittings/{id}/attendance-marks").build(county, id), request, Training.CheckIn.class)
                    .map(kept -> "redirect:/counties/" + county + "/training/sittings/" + id + "/screen#check-ins")
                    .onErrorResume(ServiceProblem.Refused.class, refused -> {
                        model.addAttribute("form", form);
                        return refusals.showOn(refused, exchange, model, () -> screen(county, id, exchange, model));
                    });
        });
    }

    /** The sitting's check-ins and, for lecturers, the screen's code and figures. */
    private Mono<Training.Attendance> live(String county, UUID id, Viewer viewer, Model model) {
        Mono<Training.Attendance> attendance = gateway.get(uri -> uri.path(BASE + "/sittings/{id}/attendance").build(county, id), Training.Attendance.class);
        Mono<Object> screen = viewer.lecturesTraining()
                ? gateway.get(uri -> uri.path(BASE + "/sittings/{id}/screen").build(county, id), Training.Screen.class).cast(Object.class)
                : Mono.just(Boolean.FALSE);
        return Mono.zip(attendance, screen).map(loaded -> {
            model.addAttribute("attendance", loaded.getT1());
            model.addAttribute("screen", loaded.getT2() instanceof Training.Screen shown ? shown : null);
            return loaded.getT1();
        });
    }

    private static void noStore(ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().setCacheControl(CacheControl.noStore());
    }
}
