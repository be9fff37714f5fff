package org.povertyalleviation.portal.crowdfunding;

import static org.povertyalleviation.portal.county.FormValues.basisPoints;
import static org.povertyalleviation.portal.county.FormValues.blank;
import static org.povertyalleviation.portal.county.FormValues.fen;
import static org.povertyalleviation.portal.county.FormValues.integer;
import static org.povertyalleviation.portal.county.FormValues.uuid;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
 * roles crowdfunding lets draft) the form for a new project, and the same form to rewrite a draft. The browser posts a plain form; the portal turns yuan and
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
    static final int MAX_TIERS = 10;
    static final int MAX_SHARES = 50;

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
        return CountyPage.of(viewers, exchange, county, model).flatMap(found -> formPage(county, model));
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
     * The same form for rewriting a draft (a review returned it, or its author sees a mistake), filled with the
     * project's values as they would be typed (fen as yuan, instants as China time, basis points as percent), the
     * review's note above it. Only a draft can change: the service refuses any other ({@code frozen}).
     */
    @GetMapping("/counties/{county}/crowdfunding/projects/{id}/edit")
    Mono<String> edit(@PathVariable String county, @PathVariable UUID id, ServerWebExchange exchange, Model model) {
        return CountyPage.of(viewers, exchange, county, model).flatMap(found ->
                gateway.get(uri -> uri.path(BASE + "/projects/{id}").build(county, id), Crowdfunding.Project.class).flatMap(project -> {
                    model.addAttribute("project", project);
                    if (!model.containsAttribute("form")) {
                        model.addAttribute("form", typed(project));
                    }
                    return formPage(county, model);
                }));
    }

    /** Rewrites the draft with the whole form ({@code PUT …/projects/{id}}: the service replaces its tiers and shares). */
    @PostMapping("/counties/{county}/crowdfunding/projects/{id}/edit")
    Mono<String> rewrite(@PathVariable String county, @PathVariable UUID id, ServerWebExchange exchange, Model model) {
        return CountyPage.of(viewers, exchange, county, model).then(exchange.getFormData()).flatMap(form -> {
            String invalid = invalidField(form);
            if (invalid != null) {
                return refusals.invalidIn("project", form, invalid, exchange, model, () -> edit(county, id, exchange, model));
            }
            return gateway.put(uri -> uri.path(BASE + "/projects/{id}").build(county, id), request(form), Crowdfunding.Project.class)
                    .thenReturn("redirect:/counties/" + county + "/crowdfunding/projects/" + id)
                    .onErrorResume(ServiceProblem.Refused.class, refused -> refusals.showIn("project", form, ProjectPageController.inOwnWords(refused),
                            exchange, model, () -> edit(county, id, exchange, model)));
        });
    }

    /** The form's page around the model's {@code form}: as many rows as it fills, at least the blank form's. */
    private Mono<String> formPage(String county, Model model) {
        @SuppressWarnings("unchecked")
        MultiValueMap<String, String> form = (MultiValueMap<String, String>) model.getAttribute("form");
        model.addAttribute("ownerKinds", Crowdfunding.OWNER_KINDS);
        model.addAttribute("tierRows", rows(tierRows(form)));
        model.addAttribute("shareRows", rows(shareRows(form)));
        return Mono.zip(villages.of(county), villages.townships(county)).map(loaded -> {
            model.addAttribute("villageList", Villages.sorted(loaded.getT1()));
            model.addAttribute("townships", loaded.getT2());
            return "crowdfunding-new";
        });
    }

    /**
     * A project as its form would have been typed, so that sending it unchanged sends the same project: fen as yuan
     * with two decimals (parsed back exactly), instants as China time, basis points as percent, one photo a line; a
     * household's project shows no shares (the service keeps its single share of 100 %).
     */
    static MultiValueMap<String, String> typed(Crowdfunding.Project project) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("ownerKind", project.ownerKind());
        form.add("household", project.household() == null ? null : project.household().toString());
        form.add("cooperative", project.cooperative());
        form.add("village", project.village());
        form.add("title", project.title());
        form.add("story", project.story());
        form.add("photos", project.photos() == null ? null : String.join("\n", project.photos()));
        form.add("goalYuan", yuan(project.goalFen()));
        form.add("startsAt", local(project.startsAt()));
        form.add("deadline", local(project.deadline()));
        form.add("deliveryFrom", project.deliveryFrom() == null ? null : project.deliveryFrom().toString());
        form.add("deliveryTo", project.deliveryTo() == null ? null : project.deliveryTo().toString());
        if ("COOPERATIVE".equals(project.ownerKind()) && project.shares() != null) {
            for (int i = 0; i < project.shares().size(); i++) {
                Crowdfunding.Share share = project.shares().get(i);
                form.add("shareHousehold" + i, share.household() == null ? null : share.household().toString());
                form.add("sharePercent" + i, share.percent());
            }
        }
        List<Crowdfunding.Tier> tiers = project.tiers() == null ? List.of() : project.tiers();
        for (int i = 0; i < tiers.size(); i++) {
            Crowdfunding.Tier tier = tiers.get(i);
            form.add("tierName" + i, tier.name());
            form.add("tierProduct" + i, tier.product());
            form.add("tierQuantity" + i, tier.quantity());
            form.add("tierWeight" + i, Integer.toString(tier.weightGrams()));
            form.add("tierPrice" + i, yuan(tier.priceFen()));
            form.add("tierLimit" + i, Integer.toString(tier.limit()));
        }
        return form;
    }

    /** Fen as the yuan a form is typed in, exactly ("30000.00"): what {@code FormValues.fen} reads back. */
    static String yuan(long fen) {
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }

    /** An instant as a datetime-local field's China time (seconds only when it has any): what {@link #instant} reads back. */
    static String local(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, CHINA).toString();
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
            for (int i = 0; i < shareRows(form); i++) {
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
        for (int i = 0; i < tierRows(form); i++) {
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
        for (int i = 0; cooperative && i < shareRows(form); i++) {
            String household = blank(form.getFirst("shareHousehold" + i));
            if (household != null && uuid(household) == null) {
                return "shares[" + i + "].household";
            }
            String percent = blank(form.getFirst("sharePercent" + i));
            if (percent != null && basisPoints(percent) == null) {
                return "shares[" + i + "].basisPoints";
            }
        }
        for (int i = 0; i < tierRows(form); i++) {
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

    /**
     * The tier rows a form has: the blank form's three, or as many as a project being rewritten brought (up to the
     * service's 10; rows past that are not read, and the service would refuse them anyway).
     */
    static int tierRows(MultiValueMap<String, String> form) {
        return rowCount(form, TIER_ROWS, MAX_TIERS, "tierName", "tierPrice");
    }

    /** The share rows a form has: three, or as many as the cooperative's project has (up to the service's 50). */
    static int shareRows(MultiValueMap<String, String> form) {
        return rowCount(form, SHARE_ROWS, MAX_SHARES, "shareHousehold", "sharePercent");
    }

    private static int rowCount(MultiValueMap<String, String> form, int least, int most, String... prefixes) {
        int count = least;
        for (String prefix : prefixes) {
            for (int i = count; i < most && form != null && form.containsKey(prefix + i); i++) {
                count = i + 1;
            }
        }
        return count;
    }

    private static List<Integer> rows(int count) {
        return java.util.stream.IntStream.range(0, count).boxed().toList();
    }

    static LocalDate today() {
        return LocalDate.now(CHINA);
    }
}
