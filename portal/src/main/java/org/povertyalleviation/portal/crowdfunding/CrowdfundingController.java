package org.povertyalleviation.portal.crowdfunding;

import static org.povertyalleviation.portal.county.FormValues.basisPoints;
import static org.povertyalleviation.portal.county.FormValues.blank;
import static org.povertyalleviation.portal.county.FormValues.fen;
import static org.povertyalleviation.portal.county.FormValues.integer;
import static org.povertyalleviation.portal.county.FormValues.uuid;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.povertyalleviation.portal.county.CountyPage;
import org.povertyalleviation.portal.county.FormRefusals;
import org.povertyalleviation.portal.county.Villages;
import org.povertyalleviation.portal.county.Viewers;
import org.povertyalleviation.portal.gateway.Gateway;
import org.povertyalleviation.portal.gateway.ServiceProblem;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The county's crowdfunding projects (harvest pre-sales) in every state, and for the county office and operators (the
 * roles crowdfunding lets draft) the form for a new project. The browser posts a plain form; the portal turns yuan and
 * percentages into the service's fen and basis points exactly and calls the service; a refusal is shown in the form.
 */
@Controller
class CrowdfundingController {

    static final String BASE = Gateway.CROWDFUNDING + "/counties/{county}";
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** Projects a page lists (the service's maximum); a county runs a few dozen a season. */
    private static final int PROJECTS = 200;
    /** The form's rows: enough for a household's project; the service takes up to 10 tiers and 50 shares (the API). */
    static final int TIER_ROWS = 3;
    static final int SHARE_ROWS = 3;

    private final Gateway gateway;
    private final Viewers viewers;
    private final Villages villages;
    private final FormRefusals refusals;

    CrowdfundingController(Gateway gateway, Viewers viewers, Villages villages, FormRefusals refusals) {
        this.gateway = gateway;
        this.viewers = viewers;
        this.villages = villages;
        this.refusals = refusals;
    }

    /** The projects, newest first as the service lists them, of one status or all. */
    @GetMapping("/counties/{county}/crowdfunding")
    Mono<String> projects(@PathVariable String county, @RequestParam(required = false) String status, ServerWebExchange exchange, Model model) {
        String wanted = status != null && Crowdfunding.STATUSES.contains(status) ? status : null;
        model.addAttribute("status", wanted);
        model.addAttribute("statuses", Crowdfunding.STATUSES);
        return CountyPage.of(viewers, exchange, county, model).flatMap(found -> Mono.zip(
                        gateway.list(uri -> {
                            uri.path(BASE + "/projects").queryParam("limit", PROJECTS);
                            if (wanted != null) {
                                uri.queryParam("status", wanted);
                            }
                            return uri.build(county);
                        }, Crowdfunding.Project.class),
                        villages.of(county))
                .map(loaded -> {
                    model.addAttribute("projects", loaded.getT1());
                    model.addAttribute("full", loaded.getT1().size() == PROJECTS);
                    model.addAttribute("villages", loaded.getT2());
                    return "crowdfunding";
                }));
    }

    /** The form for a new project (staff). */
    @GetMapping("/counties/{county}/crowdfunding/new")
    Mono<String> form(@PathVariable String county, ServerWebExchange exchange, Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new LinkedMultiValueMap<String, String>());
        }
        model.addAttribute("ownerKinds", Crowdfunding.OWNER_KINDS);
        model.addAttribute("tierRows", rows(TIER_ROWS));
        model.addAttribute("shareRows", rows(SHARE_ROWS));
        return CountyPage.of(viewers, exchange, county, model).flatMap(found -> Mono.zip(villages.of(county), villages.townships(county))
                .map(loaded -> {
                    model.addAttribute("villageList", Villages.sorted(loaded.getT1()));
                    model.addAttribute("townships", loaded.getT2());
                    return "crowdfunding-new";
                }));
    }

    /** Drafts the project: its page opens (a draft, to submit for review). */
    @PostMapping("/counties/{county}/crowdfunding/projects")
    Mono<String> draft(@PathVariable String county, ServerWebExchange exchange, Model model) {
        return CountyPage.of(viewers, exchange, county, model).then(exchange.getFormData()).flatMap(form -> {
            String invalid = invalidField(form);
            if (invalid != null) {
                return refusals.invalidIn("project", form, invalid, exchange, model, () -> form(county, exchange, model));
            }
            return gateway.post(uri -> uri.path(BASE + "/projects").build(county), request(form), Crowdfunding.Project.class)
                    .map(project -> "redirect:/counties/" + county + "/crowdfunding/projects/" + project.id())
                    .onErrorResume(ServiceProblem.Refused.class, refused -> refusals.showIn("project", form, ProjectPageController.inOwnWords(refused), exchange, model,
                            () -> form(county, exchange, model)));
        });
    }

    /**
     * The service's body from the form. Rows left blank are left out; a household's project names no shares (all its
     * proceeds are the household's). What is missing is sent as null for the service to name.
     */
    static Map<String, Object> request(MultiValueMap<String, String> form) {
        String ownerKind = blank(form.getFirst("ownerKind"));
        boolean cooperative = "COOPERATIVE".equals(ownerKind);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("ownerKind", ownerKind);
        request.put("household", cooperative ? null : blank(form.getFirst("household")));
        request.put("cooperative", cooperative ? blank(form.getFirst("cooperative")) : null);
        request.put("village", blank(form.getFirst("village")));
        request.put("title", blank(form.getFirst("title")));
        request.put("story", blank(form.getFirst("story")));
        String photos = form.getFirst("photos");
        request.put("photos", photos == null ? List.of() : photos.lines().map(String::strip).filter(line -> !line.isEmpty()).toList());
        request.put("goalFen", fen(form.getFirst("goalYuan")));
        request.put("startsAt", instant(form.getFirst("startsAt")));
        request.put("deadline", instant(form.getFirst("deadline")));
        request.put("deliveryFrom", blank(form.getFirst("deliveryFrom")));
        request.put("deliveryTo", blank(form.getFirst("deliveryTo")));
        List<Map<String, Object>> shares = new ArrayList<>();
        if (cooperative) {
            for (int i = 0; i < SHARE_ROWS; i++) {
                String household = blank(form.getFirst("shareHousehold" + i));
                String percent = blank(form.getFirst("sharePercent" + i));
                if (household != null || percent != null) {
                    Map<String, Object> share = new LinkedHashMap<>();
                    share.put("household", household);
                    share.put("basisPoints", basisPoints(percent));
                    shares.add(share);
                }
            }
        }
        request.put("shares", cooperative ? shares : null);
        List<Map<String, Object>> tiers = new ArrayList<>();
        for (int i = 0; i < TIER_ROWS; i++) {
            String name = blank(form.getFirst("tierName" + i));
            if (name == null && blank(form.getFirst("tierPrice" + i)) == null) {
                continue;
            }
            Map<String, Object> tier = new LinkedHashMap<>();
            tier.put("name", name);
            tier.put("product", blank(form.getFirst("tierProduct" + i)));
            tier.put("quantity", blank(form.getFirst("tierQuantity" + i)));
            tier.put("weightGrams", integer(form.getFirst("tierWeight" + i)));
            tier.put("priceFen", fen(form.getFirst("tierPrice" + i)));
            tier.put("limit", integer(form.getFirst("tierLimit" + i)));
            tiers.add(tier);
        }
        request.put("tiers", tiers);
        return request;
    }

    /**
     * A field typed that cannot be sent as it is (a household id that is none, an amount that is no amount or finer
     * than a fen, a time that is none): the form names it and nothing is sent, in the service's own field names.
     */
    static String invalidField(MultiValueMap<String, String> form) {
        boolean cooperative = "COOPERATIVE".equals(form.getFirst("ownerKind"));
        if (!cooperative && blank(form.getFirst("household")) != null && uuid(form.getFirst("household")) == null) {
            return "household";
        }
        if (blank(form.getFirst("goalYuan")) != null && fen(form.getFirst("goalYuan")) == null) {
            return "goalFen";
        }
        for (String field : List.of("startsAt", "deadline")) {
            if (blank(form.getFirst(field)) != null && instant(form.getFirst(field)) == null) {
                return field;
            }
        }
        for (String field : List.of("deliveryFrom", "deliveryTo")) {
            String day = blank(form.getFirst(field));
            if (day != null && org.povertyalleviation.portal.county.FormValues.day(day, null) == null) {
                return field;
            }
        }
        for (int i = 0; cooperative && i < SHARE_ROWS; i++) {
            String household = blank(form.getFirst("shareHousehold" + i));
            if (household != null && uuid(household) == null) {
                return "shares[" + i + "].household";
            }
            String percent = blank(form.getFirst("sharePercent" + i));
            if (percent != null && basisPoints(percent) == null) {
                return "shares[" + i + "].basisPoints";
            }
        }
        for (int i = 0; i < TIER_ROWS; i++) {
            String price = blank(form.getFirst("tierPrice" + i));
            if (price != null && fen(price) == null) {
                return "tiers[" + i + "].priceFen";
            }
        }
        return null;
    }

    /** A time typed in a datetime-local field, in China time (what the county means), as the instant the service takes. */
    static String instant(String local) {
        String value = blank(local);
        if (value == null) {
            return null;
        }
        try {
            Instant instant = LocalDateTime.parse(value).atZone(CHINA).toInstant();
            return instant.toString();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static List<Integer> rows(int count) {
        return java.util.stream.IntStream.range(0, count).boxed().toList();
    }

    static LocalDate today() {
        return LocalDate.now(CHINA);
    }
}
