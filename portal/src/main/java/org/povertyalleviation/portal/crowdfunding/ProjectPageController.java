package org.povertyalleviation.portal.crowdfunding;

import static org.povertyalleviation.portal.county.FormValues.blank;
import static org.povertyalleviation.portal.crowdfunding.CrowdfundingController.BASE;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.povertyalleviation.portal.county.CountyPage;
import org.povertyalleviation.portal.county.FormRefusals;
import org.povertyalleviation.portal.county.PageLinks;
import org.povertyalleviation.portal.county.Viewer;
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
 * One project: its story, photos' references, tiers, shares and progress; the step its status allows, for the roles
 * the service lets take it (submit a draft, review a submitted one, approve a reviewed one, cancel a published or funded
 * one, confirm a funded one's delivery); and from publication on its pledges (a page at a time), its settlement and
 * money, and its refunds; a funded or delivered one's rewards on their way ({@link RewardDeliveries}, the forms in
 * {@link DeliveryPageController}). A refused step is shown in its form, by its rule.
 */
@Controller
class ProjectPageController {

    /** Pledges a page shows; the service pages them by limit and offset. */
    static final int PLEDGES = 50;
    /** Refunds shown (the service's default page): a failed project with more is read through the API. */
    static final int REFUNDS = 100;

    private final Gateway gateway;
    private final Viewers viewers;
    private final Villages villages;
    private final FormRefusals refusals;
    private final RewardDeliveries deliveries;

    ProjectPageController(Gateway gateway, Viewers viewers, Villages villages, FormRefusals refusals, RewardDeliveries deliveries) {
        this.gateway = gateway;
        this.viewers = viewers;
        this.villages = villages;
        this.refusals = refusals;
        this.deliveries = deliveries;
    }

    /** @param pledges the pledges' status to show (all by default); @param offset the first pledge shown */
    @GetMapping("/counties/{county}/crowdfunding/projects/{id}")
    Mono<String> project(@PathVariable String county, @PathVariable UUID id, @RequestParam(required = false) String pledges,
                         @RequestParam(defaultValue = "0") int offset, ServerWebExchange exchange, Model model) {
        String pledgeStatus = pledges != null && Crowdfunding.PLEDGE_STATUSES.contains(pledges) ? pledges : null;
        int first = Math.max(offset, 0);
        String path = BASE + "/projects/{id}";
        model.addAttribute("pledgeStatus", pledgeStatus);
        model.addAttribute("pledgeStatuses", Crowdfunding.PLEDGE_STATUSES);
        model.addAttribute("offset", first);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new LinkedMultiValueMap<String, String>());
        }
        return CountyPage.of(viewers, exchange, county, model).flatMap(found -> Mono.zip(
                        gateway.get(uri -> uri.path(path).build(county, id), Crowdfunding.Project.class), villages.of(county))
                .flatMap(loaded -> {
                    Crowdfunding.Project project = loaded.getT1();
                    model.addAttribute("project", project);
                    model.addAttribute("steps", steps(project.status(), (Viewer) model.getAttribute("viewer")));
                    // A paid backer's reward that cannot be delivered is refunded from its pledge's row (the service: FUNDED only).
                    model.addAttribute("refundsPledges", "FUNDED".equals(project.status()) && ((Viewer) model.getAttribute("viewer")).refundsPledges());
                    model.addAttribute("villages", loaded.getT2());
                    model.addAttribute("tierById", project.tiers().stream().collect(Collectors.toMap(Crowdfunding.Tier::id, Function.identity())));
                    if (!project.published()) {
                        // Before publication there are no pledges, money or refunds to read.
                        return Mono.just("crowdfunding-project");
                    }
                    return Mono.zip(
                                    gateway.list(uri -> {
                                        uri.path(path + "/pledges").queryParam("limit", PLEDGES).queryParam("offset", first);
                                        if (pledgeStatus != null) {
                                            uri.queryParam("status", pledgeStatus);
                                        }
                                        return uri.build(county, id);
                                    }, Crowdfunding.Pledge.class),
                                    gateway.get(uri -> uri.path(path + "/settlement").build(county, id), Crowdfunding.ProjectSettlement.class),
                                    gateway.list(uri -> uri.path(path + "/refunds").queryParam("limit", REFUNDS).build(county, id),
                                            Crowdfunding.Refund.class),
                                    deliveries.into(county, project, (Viewer) model.getAttribute("viewer"), loaded.getT2(), model)
                                            .thenReturn(Boolean.TRUE))
                            .map(more -> {
                                model.addAttribute("pledges", more.getT1());
                                model.addAttribute("previousPledges", first == 0 ? null : PageLinks.with(exchange, "offset", Math.max(first - PLEDGES, 0)));
                                model.addAttribute("nextPledges", more.getT1().size() < PLEDGES ? null : PageLinks.with(exchange, "offset", first + PLEDGES));
                                model.addAttribute("settlement", more.getT2());
                                model.addAttribute("refunds", more.getT3());
                                model.addAttribute("refundsFull", more.getT3().size() == REFUNDS);
                                return "crowdfunding-project";
                            });
                }));
    }

    /**
     * The project page's delivery section alone, for htmx to swap in after a dispatch: the rewards read again (those
     * just booked now show their booking), the dispatch's result or refusal as the model holds it.
     */
    Mono<String> deliverySection(String county, UUID id, ServerWebExchange exchange, Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new LinkedMultiValueMap<String, String>());
        }
        return CountyPage.of(viewers, exchange, county, model).flatMap(found -> Mono.zip(
                        gateway.get(uri -> uri.path(BASE + "/projects/{id}").build(county, id), Crowdfunding.Project.class), villages.of(county))
                .flatMap(loaded -> {
                    Crowdfunding.Project project = loaded.getT1();
                    model.addAttribute("project", project);
                    model.addAttribute("villages", loaded.getT2());
                    return deliveries.into(county, project, (Viewer) model.getAttribute("viewer"), loaded.getT2(), model)
                            .thenReturn("crowdfunding-project :: delivery");
                }));
    }

    /**
     * The steps the project's status allows that the viewer's roles may take (the service's access table): a clerk or
     * an admin submits and reviews; an admin or operator approves, cancels and confirms delivery. "awaiting-approval"
     * tells a clerk that a reviewed project waits for an admin.
     */
    static List<String> steps(String status, Viewer viewer) {
        List<String> steps = new java.util.ArrayList<>();
        switch (status) {
            case "DRAFT" -> {
                add(steps, viewer.draftsProjects(), "edit");
                add(steps, viewer.draftsProjects(), "submission");
            }
            case "SUBMITTED" -> add(steps, viewer.draftsProjects(), "review");
            case "REVIEWED" -> {
                add(steps, viewer.approvesProjects(), "approval");
                add(steps, viewer.draftsProjects() && !viewer.approvesProjects(), "awaiting-approval");
            }
            case "PUBLISHED" -> add(steps, viewer.approvesProjects(), "cancellation");
            case "FUNDED" -> {
                add(steps, viewer.approvesProjects(), "cancellation");
                add(steps, viewer.approvesProjects(), "delivery");
            }
            default -> {
                // FAILED, CANCELLED, DELIVERED: nothing left to do here (refunds run by themselves)
            }
        }
        return List.copyOf(steps);
    }

    private static void add(List<String> steps, boolean allowed, String step) {
        if (allowed) {
            steps.add(step);
        }
    }

    /** Submits a draft for review. */
    @PostMapping("/counties/{county}/crowdfunding/projects/{id}/submission")
    Mono<String> submit(@PathVariable String county, @PathVariable UUID id, ServerWebExchange exchange, Model model) {
        return step(county, id, "submission", "submission", form -> Map.of(), exchange, model);
    }

    /** A clerk's (or an admin's) review: passed on to an admin, or returned to the draft with a note. */
    @PostMapping("/counties/{county}/crowdfunding/projects/{id}/review")
    Mono<String> review(@PathVariable String county, @PathVariable UUID id, ServerWebExchange exchange, Model model) {
        return step(county, id, "review", "review", ProjectPageController::decision, exchange, model);
    }

    /** An admin's approval, by someone other than the reviewer (the service's four eyes): published, or returned with a note. */
    @PostMapping("/counties/{county}/crowdfunding/projects/{id}/approval")
    Mono<String> approve(@PathVariable String county, @PathVariable UUID id, ServerWebExchange exchange, Model model) {
        return step(county, id, "approval", "approval", ProjectPageController::decision, exchange, model);
    }

    /** Cancels a published or funded project (the harvest failed): every paid pledge is refunded. */
    @PostMapping("/counties/{county}/crowdfunding/projects/{id}/cancellation")
    Mono<String> cancel(@PathVariable String county, @PathVariable UUID id, ServerWebExchange exchange, Model model) {
        return step(county, id, "cancellation", "cancellation", form -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("reason", blank(form.getFirst("reason")));
            return body;
        }, exchange, model);
    }

    /** Confirms a funded project's delivery: the proceeds are paid out to the households. */
    @PostMapping("/counties/{county}/crowdfunding/projects/{id}/delivery-confirmation")
    Mono<String> confirmDelivery(@PathVariable String county, @PathVariable UUID id, ServerWebExchange exchange, Model model) {
        return step(county, id, "delivery", "delivery-confirmation", form -> Map.of(), exchange, model);
    }

    /**
     * Refunds one backer's reward that will not be delivered (lost in the post, the tier's harvest short): the service
     * refunds the pledge's amount through its payment partner, the refund then listed with the others. Refused (the
     * pledge not paid, the project no longer funded, no note), the reason is shown in that pledge's row, on the page
     * of pledges it was sent from.
     */
    @PostMapping("/counties/{county}/crowdfunding/projects/{id}/pledges/{pledge}/refund")
    Mono<String> refund(@PathVariable String county, @PathVariable UUID id, @PathVariable UUID pledge, ServerWebExchange exchange, Model model) {
        return CountyPage.of(viewers, exchange, county, model).then(exchange.getFormData()).flatMap(form -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("note", blank(form.getFirst("note")));
            Integer offset = org.povertyalleviation.portal.county.FormValues.integer(form.getFirst("offset"));
            return gateway.post(uri -> uri.path(BASE + "/pledges/{pledge}/refund").build(county, pledge), body, Map.class)
                    .thenReturn("redirect:/counties/" + county + "/crowdfunding/projects/" + id + "#refund-section")
                    .onErrorResume(ServiceProblem.Refused.class, refused -> refusals.showIn("refund-" + pledge, form, inOwnWords(refused), exchange, model,
                            () -> project(county, id, blank(form.getFirst("pledges")), offset == null ? 0 : offset, exchange, model)));
        });
    }

    /** A step posted to the service; done, the project again; refused, the project again with the reason in that step's form. */
    private Mono<String> step(String county, UUID id, String which, String servicePath, Function<MultiValueMap<String, String>, Map<String, Object>> body,
                              ServerWebExchange exchange, Model model) {
        return CountyPage.of(viewers, exchange, county, model).then(exchange.getFormData()).flatMap(form ->
                gateway.post(uri -> uri.path(BASE + "/projects/{id}/" + servicePath).build(county, id), body.apply(form), Map.class)
                        .thenReturn("redirect:/counties/" + county + "/crowdfunding/projects/" + id + "#status")
                        .onErrorResume(ServiceProblem.Refused.class, refused -> refusals.showIn(which, form, inOwnWords(refused), exchange, model,
                                () -> project(county, id, null, 0, exchange, model))));
    }

    /** approve=true passes it on (or publishes it); anything else returns it, with the note (the service requires one then). */
    private static Map<String, Object> decision(MultiValueMap<String, String> form) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("approve", "true".equals(form.getFirst("approve")));
        body.put("note", blank(form.getFirst("note")));
        return body;
    }

    /**
     * Rules other services name alike but crowdfunding means of a project: its four eyes are the reviewer's, not the
     * applicant's (as the subsidies' are), so the approver reads that someone other than the reviewer must approve;
     * logistics cancels shipments, not projects; the supply platform's unknown lot is one the county has not, crowdfunding's
     * one no published lot has the code. These are translated as problem.code.project-&lt;rule&gt;.
     */
    static final java.util.Set<String> PROJECT_RULES = java.util.Set.of("four-eyes", "frozen", "shares-sum", "deadline-passed", "not-cancellable",
            "wrong-status", "refunds-pending", "unknown-lot");

    static ServiceProblem.Refused inOwnWords(ServiceProblem.Refused refused) {
        ServiceProblem problem = refused.problem();
        if (!PROJECT_RULES.contains(problem.code())) {
            return refused;
        }
        return new ServiceProblem.Refused(new ServiceProblem(problem.status(), problem.type(), "project-" + problem.code(), problem.field(),
                List.copyOf(problem.invalidParams()), problem.detail(), problem.correlationId()));
    }
}
