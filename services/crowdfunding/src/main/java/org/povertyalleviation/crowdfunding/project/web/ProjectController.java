package org.povertyalleviation.crowdfunding.project.web;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import org.povertyalleviation.crowdfunding.project.Projects;
import org.povertyalleviation.crowdfunding.project.Projects.ProjectView;
import org.povertyalleviation.crowdfunding.project.domain.OwnerKind;
import org.povertyalleviation.crowdfunding.project.domain.Project;
import org.povertyalleviation.crowdfunding.project.domain.ProjectStatus;
import org.povertyalleviation.crowdfunding.project.domain.Share;
import org.povertyalleviation.crowdfunding.project.domain.Tier;
import org.povertyalleviation.platform.counties.CountyGate;
import org.povertyalleviation.platform.problem.InvalidRequestException;
import org.povertyalleviation.platform.problem.PageLimit;
import org.povertyalleviation.platform.problem.RequestIds;
import org.povertyalleviation.platform.security.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Projects for county staff: drafting, review (a clerk), approval (another admin), and reading. The body is checked
 * after the county gate, in the domain, so a caller of another county learns nothing from it.
 */
@RestController
class ProjectController {

    record TierRequest(
            @Schema(description = "The tier's name", example = "五斤装花椒", requiredMode = REQUIRED) String name,
            @Schema(description = "The product the reward is", example = "大红袍花椒", requiredMode = REQUIRED) String product,
            @Schema(description = "How much of it one reward is, as the backer reads it", example = "2.5 kg", requiredMode = REQUIRED) String quantity,
            @Schema(description = "One reward's shipping weight in grams", example = "2600", requiredMode = REQUIRED) Integer weightGrams,
            @Schema(description = "One reward's price in fen", example = "19800", requiredMode = REQUIRED) Long priceFen,
            @Schema(description = "How many rewards the tier has", example = "200", requiredMode = REQUIRED) Integer limit) {
    }

    record ShareRequest(
            @Schema(description = "A registered household of the county", example = "7c1e9b52-8f3a-4d6b-a0e4-2b5d9c8f1a37", requiredMode = REQUIRED)
            UUID household,
            @Schema(description = "Its share of the proceeds in basis points (the shares add up to 10000)", example = "2500", requiredMode = REQUIRED)
            Integer basisPoints) {
    }

    record ProjectRequest(
            @Schema(description = "HOUSEHOLD or COOPERATIVE", example = "HOUSEHOLD", requiredMode = REQUIRED) OwnerKind ownerKind,
            @Schema(description = "The registered household whose project it is (HOUSEHOLD)", example = "7c1e9b52-8f3a-4d6b-a0e4-2b5d9c8f1a37")
            UUID household,
            @Schema(description = "The cooperative's name (COOPERATIVE)", example = "石峡村花椒专业合作社") String cooperative,
            @Schema(description = "The village the harvest ships from (12 digits)", example = "621222101201", requiredMode = REQUIRED) String village,
            @Schema(description = "The project's title", example = "石峡村的大红袍花椒，预售今秋新椒", requiredMode = REQUIRED) String title,
            @Schema(description = "The household's story", example = "我家种了三亩花椒……", requiredMode = REQUIRED) String story,
            @Schema(description = "References of its photos in the portal's storage (at most 9)", example = "[\"projects/2026/shixia-1.jpg\"]")
            List<String> photos,
            @Schema(description = "The goal in fen: funded only if the paid pledges reach it", example = "3000000", requiredMode = REQUIRED) Long goalFen,
            @Schema(description = "When pledges open", example = "2026-12-10T00:00:00+08:00", requiredMode = REQUIRED) Instant startsAt,
            @Schema(description = "When pledges close (at most 90 days after startsAt)", example = "2027-01-10T00:00:00+08:00", requiredMode = REQUIRED)
            Instant deadline,
            @Schema(description = "First day of delivery (China time), not before the deadline", example = "2027-01-15", requiredMode = REQUIRED)
            LocalDate deliveryFrom,
            @Schema(description = "Last day of delivery", example = "2027-02-15", requiredMode = REQUIRED) LocalDate deliveryTo,
            @Schema(description = "COOPERATIVE: the households sharing the proceeds; HOUSEHOLD: leave out") List<ShareRequest> shares,
            @Schema(description = "The reward tiers (1 to 10)", requiredMode = REQUIRED) List<TierRequest> tiers) {
    }

    record DecisionRequest(
            @Schema(description = "true passes it on (or publishes it); false returns it to the draft", example = "true", requiredMode = REQUIRED)
            Boolean approve,
            @Schema(description = "Why (required when returned)", example = "故事里的亩产数字请与村里核实") String note) {
    }

    record TierResponse(UUID id, int position, String name, String product, String quantity, int weightGrams, long priceFen, int limit, int taken,
                        int left, String lotCode, String lotProduct) {
    }

    record ShareResponse(UUID household, int basisPoints) {
    }

    record ProgressResponse(long paidFen, int paidPledges, long pendingFen, int pendingPledges, int backers, int percent) {
    }

    record ProjectResponse(UUID id, String county, String ownerKind, UUID household, String cooperative, String village, String title, String story,
                           List<String> photos, long goalFen, Instant startsAt, Instant deadline, LocalDate deliveryFrom, LocalDate deliveryTo,
                           String status, String createdBy, Instant createdAt, String submittedBy, String reviewedBy, String reviewNote,
                           String approvedBy, Instant publishedAt, Instant settledAt, String cancelledBy, String cancelReason, String deliveredBy,
                           Instant deliveredAt, List<TierResponse> tiers, List<ShareResponse> shares, ProgressResponse progress) {
    }

    private final CountyGate gate;
    private final Projects projects;

    ProjectController(CountyGate gate, Projects projects) {
        this.gate = gate;
        this.projects = projects;
    }

    @PostMapping("/counties/{county}/projects")
    Mono<ResponseEntity<ProjectResponse>> draft(@PathVariable String county, @RequestBody ProjectRequest request) {
        return gate.act(county).flatMap(code -> Caller.of(code).flatMap(caller -> projects.draft(code, caller, draft(request), shares(request),
                        tiers(request))))
                .map(view -> ResponseEntity.created(URI.create("/counties/" + county + "/projects/" + view.project().id())).body(response(view)));
    }

    @PutMapping("/counties/{county}/projects/{id}")
    Mono<ProjectResponse> rewrite(@PathVariable String county, @PathVariable String id, @RequestBody ProjectRequest request) {
        UUID project = RequestIds.uuid("id", id);
        return gate.act(county).flatMap(code -> projects.rewrite(code, project, draft(request), shares(request), tiers(request)))
                .map(ProjectController::response);
    }

    @PostMapping("/counties/{county}/projects/{id}/submission")
    Mono<ProjectResponse> submit(@PathVariable String county, @PathVariable String id) {
        UUID project = RequestIds.uuid("id", id);
        return gate.act(county).flatMap(code -> Caller.of(code).flatMap(caller -> projects.submit(code, caller, project)))
                .map(ProjectController::response);
    }

    @PostMapping("/counties/{county}/projects/{id}/review")
    Mono<ProjectResponse> review(@PathVariable String county, @PathVariable String id, @RequestBody DecisionRequest request) {
        UUID project = RequestIds.uuid("id", id);
        return gate.act(county).flatMap(code -> Caller.of(code).flatMap(caller -> projects.review(code, caller, project, decision(request),
                        request.note())))
                .map(ProjectController::response);
    }

    @PostMapping("/counties/{county}/projects/{id}/approval")
    Mono<ProjectResponse> approve(@PathVariable String county, @PathVariable String id, @RequestBody DecisionRequest request) {
        UUID project = RequestIds.uuid("id", id);
        return gate.act(county).flatMap(code -> Caller.of(code).flatMap(caller -> projects.approve(code, caller, project, decision(request),
                        request.note())))
                .map(ProjectController::response);
    }

    @GetMapping("/counties/{county}/projects/{id}")
    Mono<ProjectResponse> find(@PathVariable String county, @PathVariable String id) {
        UUID project = RequestIds.uuid("id", id);
        return gate.read(county).flatMap(code -> projects.find(code, project)).map(ProjectController::response);
    }

    @GetMapping("/counties/{county}/projects")
    Mono<List<ProjectResponse>> list(@PathVariable String county, @RequestParam(required = false) List<String> status,
                                     @RequestParam(defaultValue = "50") int limit) {
        PageLimit.check(limit, 200);
        List<ProjectStatus> statuses = status == null || status.isEmpty() ? Arrays.asList(ProjectStatus.values())
                : status.stream().map(ProjectController::status).toList();
        return gate.read(county).flatMap(code -> projects.list(code, statuses, limit))
                .map(list -> list.stream().map(ProjectController::response).toList());
    }

    static ProjectStatus status(String value) {
        try {
            return ProjectStatus.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.field("status", "must be one of " + Arrays.toString(ProjectStatus.values()));
        }
    }

    private static boolean decision(DecisionRequest request) {
        if (request == null || request.approve() == null) {
            throw InvalidRequestException.field("approve", "is required: true or false");
        }
        return request.approve();
    }

    private static Project.Draft draft(ProjectRequest request) {
        if (request == null) {
            throw InvalidRequestException.field("ownerKind", "a project's body is required");
        }
        return new Project.Draft(request.ownerKind(), request.household(), request.cooperative(), request.village(), request.title(), request.story(),
                request.photos(), request.goalFen(), request.startsAt(), request.deadline(), request.deliveryFrom(), request.deliveryTo());
    }

    private static List<Share> shares(ProjectRequest request) {
        if (request.shares() == null) {
            return List.of();
        }
        return request.shares().stream().map(share -> share == null ? null
                : new Share(share.household(), share.basisPoints() == null ? 0 : share.basisPoints())).toList();
    }

    private static List<Projects.TierDraft> tiers(ProjectRequest request) {
        if (request.tiers() == null) {
            return null;
        }
        return request.tiers().stream().map(tier -> tier == null ? null
                : new Projects.TierDraft(tier.name(), tier.product(), tier.quantity(), tier.weightGrams(), tier.priceFen(), tier.limit())).toList();
    }

    static TierResponse tier(Tier tier) {
        return new TierResponse(tier.id(), tier.position(), tier.name(), tier.product(), tier.quantity(), tier.weightGrams(), tier.priceFen(),
                tier.limit(), tier.taken(), tier.left(), tier.lotCode(), tier.lotProduct());
    }

    static ProjectResponse response(ProjectView view) {
        Project project = view.project();
        return new ProjectResponse(project.id(), project.county().value(), project.ownerKind().name(), project.household(), project.cooperative(),
                project.village().value(), project.title(), project.story(), project.photos(), project.goalFen(), project.startsAt(), project.deadline(),
                project.deliveryFrom(), project.deliveryTo(), project.status().name(), project.createdBy(), project.createdAt(), project.submittedBy(),
                project.reviewedBy(), project.reviewNote(), project.approvedBy(), project.publishedAt(), project.settledAt(), project.cancelledBy(),
                project.cancelReason(), project.deliveredBy(), project.deliveredAt(), view.tiers().stream().map(ProjectController::tier).toList(),
                view.shares().stream().map(share -> new ShareResponse(share.household(), share.basisPoints())).toList(),
                new ProgressResponse(view.progress().paidFen(), view.progress().paidPledges(), view.progress().pendingFen(),
                        view.progress().pendingPledges(), view.progress().backers(), view.progress().percentOf(project.goalFen())));
    }
}
