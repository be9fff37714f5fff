package org.povertyalleviation.portal.training;

import static org.povertyalleviation.portal.county.FormValues.blank;
import static org.povertyalleviation.portal.county.FormValues.uuid;
import static org.povertyalleviation.portal.training.TrainingController.BASE;
import static org.povertyalleviation.portal.training.TrainingController.CHINA;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.povertyalleviation.portal.county.CountyPage;
import org.povertyalleviation.portal.county.FormRefusals;
import org.povertyalleviation.portal.county.Villages;
import org.povertyalleviation.portal.county.Viewers;
import org.povertyalleviation.portal.gateway.Gateway;
import org.povertyalleviation.portal.gateway.ServiceProblem;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One session: its enrolments and waitlist in order, the form to enrol a person, cancellations (with who took the
 * place from the waitlist), its sittings with the form to plan one, and per enrolled person the sittings attended, the
 * assessment and the certificate. The browser posts plain forms; the portal calls the service (the assessment with a
 * PUT) and shows the session again; a refusal of a person's action is shown beside the person, by its rule.
 */
@Controller
class TrainingSessionController {

    /** Sittings read at once for the check-ins that count (a session has a handful). */
    private static final int CONCURRENT_SITTINGS = 8;

    private final Gateway gateway;
    private final Viewers viewers;
    private final Villages villages;
    private final FormRefusals refusals;

    TrainingSessionController(Gateway gateway, Viewers viewers, Villages villages, FormRefusals refusals) {
        this.gateway = gateway;
        this.viewers = viewers;
        this.villages = villages;
        this.refusals = refusals;
    }

    /**
     * An enrolled person on the session's page.
     *
     * @param attended      the sittings the person attended (check-ins that count), as the certificate counts them
     * @param attendanceMet whether that is the share the course asks for
     * @param certificate   the person's certificate of this session, if issued
     */
    record Person(Training.Enrolment enrolment, long attended, boolean attendanceMet, Training.Certificate certificate) {
    }

    /** @param cancelled an enrolment just cancelled, @param promoted the one that took its place (the page says so) */
    @GetMapping("/counties/{county}/training/sessions/{id}")
    Mono<String> session(@PathVariable String county, @PathVariable UUID id, @RequestParam(required = false) String cancelled,
                         @RequestParam(required = false) String promoted, ServerWebExchange exchange, Model model) {
        String sessionPath = BASE + "/sessions/{id}";
        model.addAttribute("targetGroups", Training.TARGET_GROUPS);
        model.addAttribute("today", LocalDate.now(CHINA));
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new org.springframework.util.LinkedMultiValueMap<String, String>());
        }
        return CountyPage.of(viewers, exchange, county, model).flatMap(found -> Mono.zip(
                        gateway.get(uri -> uri.path(sessionPath).build(county, id), Training.Session.class),
                        gateway.list(uri -> uri.path(sessionPath + "/sittings").build(county, id), Training.Sitting.class),
                        gateway.list(uri -> uri.path(sessionPath + "/certificates").build(county, id), Training.Certificate.class),
                        villages.of(county), villages.townships(county))
                .flatMap(loaded -> Mono.zip(
                                gateway.get(uri -> uri.path(BASE + "/courses/{id}").build(county, loaded.getT1().course()), Training.Course.class),
                                Flux.fromIterable(loaded.getT2())
                                        .flatMap(sitting -> gateway.get(uri -> uri.path(BASE + "/sittings/{id}/attendance").build(county, sitting.id()),
                                                Training.Attendance.class), CONCURRENT_SITTINGS)
                                        .collectMap(attendance -> attendance.sitting().id(), Function.identity()))
                        .map(more -> {
                            Training.Session session = loaded.getT1();
                            Training.Course course = more.getT1();
                            Map<UUID, Training.Attendance> attendance = more.getT2();
                            List<Training.Sitting> sittings = loaded.getT2().stream().sorted(Comparator.comparing(Training.Sitting::startsAt)).toList();
                            Map<UUID, Long> attended = attendance.values().stream().flatMap(sitting -> sitting.checkIns().stream())
                                    .map(Training.PersonCheckIn::checkIn).filter(Training.CheckIn::counted)
                                    .collect(Collectors.groupingBy(Training.CheckIn::enrolment, Collectors.counting()));
                            Map<UUID, Training.Certificate> certificates = loaded.getT3().stream()
                                    .collect(Collectors.toMap(Training.Certificate::enrolment, Function.identity(), (first, second) -> first));
                            model.addAttribute("trainingSession", session);
                            model.addAttribute("course", course);
                            model.addAttribute("sittings", sittings);
                            model.addAttribute("attendance", attendance);
                            model.addAttribute("people", session.enrolledPeople().stream().map(enrolment -> {
                                long count = attended.getOrDefault(enrolment.id(), 0L);
                                return new Person(enrolment, count, !sittings.isEmpty() && count * 100 >= (long) sittings.size() * course.attendancePercent(),
                                        certificates.get(enrolment.id()));
                            }).toList());
                            model.addAttribute("certificates", loaded.getT3());
                            model.addAttribute("villages", loaded.getT4());
                            model.addAttribute("townships", loaded.getT5());
                            model.addAttribute("cancelled", session.enrolment(uuid(cancelled)));
                            model.addAttribute("promoted", session.enrolment(uuid(promoted)));
                            return "training-session";
                        })));
    }

    /** Enrols a registered member (household and member id) or anyone by name and phone; a full session puts them on the waitlist. */
    @PostMapping("/counties/{county}/training/sessions/{id}/enrolments")
    Mono<String> enrol(@PathVariable String county, @PathVariable UUID id, ServerWebExchange exchange, Model model) {
        return CountyPage.of(viewers, exchange, county, model).then(exchange.getFormData()).flatMap(form -> {
            Map<String, Object> request = new LinkedHashMap<>();
            for (String field : List.of("household", "member")) {
                String value = blank(form.getFirst(field));
                if (value != null && uuid(value) == null) {
                    return refusals.invalidIn("enrol", form, field, exchange, model, () -> again(county, id, exchange, model));
                }
                request.put(field, value);
            }
            request.put("village", blank(form.getFirst("village")));
            request.put("name", blank(form.getFirst("name")));
            request.put("phone", blank(form.getFirst("phone")));
            request.put("targetGroup", blank(form.getFirst("targetGroup")));
            return gateway.post(uri -> uri.path(BASE + "/sessions/{id}/enrolments").build(county, id), request, Training.Enrolment.class)
                    .map(enrolment -> page(county, id) + "#enrolment-" + enrolment.id())
                    .onErrorResume(ServiceProblem.Refused.class, refused -> refusals.showIn("enrol", form, refused, exchange, model,
                            () -> again(county, id, exchange, model)));
        });
    }

    /** Cancels an enrolment: the session again, saying who was cancelled and who took the place from the waitlist. */
    @PostMapping("/counties/{county}/training/sessions/{id}/enrolments/{enrolment}/cancellation")
    Mono<String> cancel(@PathVariable String county, @PathVariable UUID id, @PathVariable UUID enrolment, ServerWebExchange exchange, Model model) {
        return CountyPage.of(viewers, exchange, county, model).then(personal(county, id, enrolment, exchange, model,
                gateway.post(uri -> uri.path(BASE + "/enrolments/{id}/cancellation").build(county, enrolment), Map.of(), Training.Cancellation.class)
                        .map(done -> page(county, id) + "?cancelled=" + enrolment
                                + (done.promoted() == null ? "" : "&promoted=" + done.promoted().id()) + "#enrolments")));
    }

    /** Records the assessment, passed or failed (the service's PUT). */
    @PostMapping("/counties/{county}/training/sessions/{id}/enrolments/{enrolment}/assessment")
    Mono<String> assess(@PathVariable String county, @PathVariable UUID id, @PathVariable UUID enrolment, ServerWebExchange exchange, Model model) {
        return CountyPage.of(viewers, exchange, county, model).then(exchange.getFormData()).flatMap(form -> personal(county, id, enrolment,
                exchange, model, gateway.put(uri -> uri.path(BASE + "/enrolments/{id}/assessment").build(county, enrolment),
                                Map.of("passed", "true".equals(form.getFirst("passed"))), Training.Enrolment.class)
                        .map(done -> page(county, id) + "#enrolment-" + enrolment)));
    }

    /** Issues the person's certificate (the service checks attendance and assessment): the certificate's page. */
    @PostMapping("/counties/{county}/training/sessions/{id}/enrolments/{enrolment}/certificate")
    Mono<String> issue(@PathVariable String county, @PathVariable UUID id, @PathVariable UUID enrolment, ServerWebExchange exchange, Model model) {
        return CountyPage.of(viewers, exchange, county, model).then(personal(county, id, enrolment, exchange, model,
                gateway.post(uri -> uri.path(BASE + "/enrolments/{id}/certificate").build(county, enrolment), Map.of(), Training.Certificate.class)
                        .map(certificate -> "redirect:/counties/" + county + "/training/certificates/" + certificate.id())));
    }

    /** Plans a sitting on a day, from a time to a time (China time). */
    @PostMapping("/counties/{county}/training/sessions/{id}/sittings")
    Mono<String> plan(@PathVariable String county, @PathVariable UUID id, ServerWebExchange exchange, Model model) {
        return CountyPage.of(viewers, exchange, county, model).then(exchange.getFormData()).flatMap(form -> {
            Instant startsAt = instant(form, "startsAt");
            Instant endsAt = instant(form, "endsAt");
            if (startsAt == null || endsAt == null) {
                return refusals.invalidIn("sitting", form, startsAt == null ? "startsAt" : "endsAt", exchange, model,
                        () -> again(county, id, exchange, model));
            }
            return gateway.post(uri -> uri.path(BASE + "/sessions/{id}/sittings").build(county, id),
                            Map.of("startsAt", startsAt.toString(), "endsAt", endsAt.toString()), Training.Sitting.class)
                    .map(sitting -> page(county, id) + "#sitting-" + sitting.id())
                    .onErrorResume(ServiceProblem.Refused.class, refused -> refusals.showIn("sitting", form, refused, exchange, model,
                            () -> again(county, id, exchange, model)));
        });
    }

    /** A person's action; refused, the session again with the reason beside the person. */
    private Mono<String> personal(String county, UUID id, UUID enrolment, ServerWebExchange exchange, Model model, Mono<String> call) {
        return call.onErrorResume(ServiceProblem.Refused.class, refused -> {
            model.addAttribute("problemFor", enrolment);
            return refusals.showOn(refused, exchange, model, () -> again(county, id, exchange, model));
        });
    }

    private Mono<String> again(String county, UUID id, ServerWebExchange exchange, Model model) {
        return session(county, id, null, null, exchange, model);
    }

    private static String page(String county, UUID id) {
        return "redirect:/counties/" + county + "/training/sessions/" + id;
    }

    /** A sitting's start or end: the form's day at the field's time, in China. */
    private static Instant instant(MultiValueMap<String, String> form, String field) {
        String day = blank(form.getFirst("day"));
        String time = blank(form.getFirst(field));
        if (day == null || time == null) {
            return null;
        }
        try {
            return LocalDate.parse(day).atTime(LocalTime.parse(time)).atZone(CHINA).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
