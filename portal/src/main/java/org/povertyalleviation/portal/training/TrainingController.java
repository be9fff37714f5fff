package org.povertyalleviation.portal.training;

import static org.povertyalleviation.portal.county.FormValues.blank;
import static org.povertyalleviation.portal.county.FormValues.day;
import static org.povertyalleviation.portal.county.FormValues.decimal;
import static org.povertyalleviation.portal.county.FormValues.integer;
import static org.povertyalleviation.portal.county.FormValues.uuid;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The county's training catalogue: its courses and sessions, and for the county office and operators (the roles the
 * training service lets offer courses and schedule sessions) the forms to do so. The browser posts plain forms to the
 * portal, which calls the service; a refusal is shown in the form it came from.
 */
@Controller
class TrainingController {

    static final String BASE = Gateway.TRAINING + "/counties/{county}";
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** Sessions a page lists (the service's default page), from this many days back by default. */
    private static final int SESSIONS = 200;
    private static final int DAYS_BACK = 90;
    /** Sessions read at once for their waitlist (the list does not count it). */

    private final Gateway gateway;
    private final Viewers viewers;
    private final Villages villages;
    private final FormRefusals refusals;

    TrainingController(Gateway gateway, Viewers viewers, Villages villages, FormRefusals refusals) {
        this.gateway = gateway;
        this.viewers = viewers;
        this.villages = villages;
        this.refusals = refusals;
    }

    /** The courses, and the sessions starting between two days (by default from 90 days ago on), in start order. */
    @GetMapping("/counties/{county}/training")
    Mono<String> catalogue(@PathVariable String county, @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                           ServerWebExchange exchange, Model model) {
        LocalDate today = LocalDate.now(CHINA);
        LocalDate first = day(from, today.minusDays(DAYS_BACK));
        LocalDate last = day(to, null);
        model.addAttribute("from", first);
        model.addAttribute("to", last);
        model.addAttribute("today", today);
        model.addAttribute("levels", Training.LEVELS);
        model.addAttribute("targetGroups", Training.TARGET_GROUPS);
        model.addAttribute("skills", Training.SKILLS);
        model.addAttribute("places", Training.PLACES);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new org.springframework.util.LinkedMultiValueMap<String, String>());
        }
        return CountyPage.of(viewers, exchange, county, model).flatMap(found -> Mono.zip(courses(county),
                        gateway.list(uri -> {
                            uri.path(BASE + "/sessions").queryParam("from", first).queryParam("limit", SESSIONS);
                            if (last != null) {
                                uri.queryParam("to", last);
                            }
                            return uri.build(county);
                        }, Training.Session.class),
                        villages.of(county), villages.townships(county))
                .map(loaded -> {
                    model.addAttribute("courses", loaded.getT1());
                    model.addAttribute("courseById", loaded.getT1().stream().collect(Collectors.toMap(Training.Course::id, Function.identity())));
                    model.addAttribute("sessions", loaded.getT2());
                    model.addAttribute("full", loaded.getT2().size() == SESSIONS);
                    model.addAttribute("villages", loaded.getT3());
                    model.addAttribute("villageList", Villages.sorted(loaded.getT3()));
                    model.addAttribute("townships", loaded.getT4());
                    return "training";
                }));
    }

    /** Offers a course: the list again, the new course marked. */
    @PostMapping("/counties/{county}/training/courses")
    Mono<String> offer(@PathVariable String county, ServerWebExchange exchange, Model model) {
        return CountyPage.of(viewers, exchange, county, model).then(exchange.getFormData()).flatMap(form -> {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("title", blank(form.getFirst("title")));
            request.put("level", blank(form.getFirst("level")));
            request.put("hours", decimal(form.getFirst("hours")));
            request.put("targetGroups", form.getOrDefault("targetGroups", List.of()).stream().filter(group -> !group.isBlank()).toList());
            request.put("skill", blank(form.getFirst("skill")));
            request.put("attendancePercent", integer(form.getFirst("attendancePercent")));
            request.put("assessment", "true".equals(form.getFirst("assessment")));
            request.put("validMonths", integer(form.getFirst("validMonths")));
            return gateway.post(uri -> uri.path(BASE + "/courses").build(county), request, Training.Course.class)
                    .map(course -> "redirect:/counties/" + county + "/training#course-" + course.id())
                    .onErrorResume(ServiceProblem.Refused.class, refused -> refusals.showIn("course", form, refused, exchange, model,
                            () -> catalogue(county, null, null, exchange, model)));
        });
    }

    /** Schedules a session of a course: its own page. A township names its township, a village its village. */
    @PostMapping("/counties/{county}/training/sessions")
    Mono<String> schedule(@PathVariable String county, ServerWebExchange exchange, Model model) {
        return CountyPage.of(viewers, exchange, county, model).then(exchange.getFormData()).flatMap(form -> {
            String place = blank(form.getFirst("placeKind"));
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("course", blank(form.getFirst("course")));
            request.put("placeKind", place);
            request.put("township", "TOWNSHIP".equals(place) ? blank(form.getFirst("township")) : null);
            request.put("village", "VILLAGE".equals(place) ? blank(form.getFirst("village")) : null);
            request.put("address", blank(form.getFirst("address")));
            request.put("lecturer", blank(form.getFirst("lecturer")));
            request.put("capacity", integer(form.getFirst("capacity")));
            request.put("startsOn", blank(form.getFirst("startsOn")));
            request.put("endsOn", blank(form.getFirst("endsOn")));
            request.put("partnerClient", blank(form.getFirst("partnerClient")));
            if (request.get("course") != null && uuid((String) request.get("course")) == null) {
                return refusals.invalidIn("session", form, "course", exchange, model, () -> catalogue(county, null, null, exchange, model));
            }
            return gateway.post(uri -> uri.path(BASE + "/sessions").build(county), request, Training.Session.class)
                    .map(session -> "redirect:/counties/" + county + "/training/sessions/" + session.id())
                    .onErrorResume(ServiceProblem.Refused.class, refused -> refusals.showIn("session", form, refused, exchange, model,
                            () -> catalogue(county, null, null, exchange, model)));
        });
    }

    Mono<List<Training.Course>> courses(String county) {
        return gateway.list(uri -> uri.path(BASE + "/courses").build(county), Training.Course.class);
    }
}
