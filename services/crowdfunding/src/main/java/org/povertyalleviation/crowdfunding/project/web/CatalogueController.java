package org.povertyalleviation.crowdfunding.project.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.povertyalleviation.crowdfunding.project.Projects;
import org.povertyalleviation.crowdfunding.project.Projects.ProjectView;
import org.povertyalleviation.crowdfunding.project.domain.Project;
import org.povertyalleviation.crowdfunding.project.domain.ProjectStatus;
import org.povertyalleviation.platform.counties.CountyGate;
import org.povertyalleviation.platform.problem.PageLimit;
import org.povertyalleviation.platform.problem.RequestIds;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The read API partner platforms show backers: a county's published projects, their progress and the rewards left.
 * No personal data and no household ids: the village, the story and the figures.
 */
@RestController
class CatalogueController {

    record CatalogueTier(UUID id, String name, String product, String quantity, long priceFen, int limit, int left, String lotCode) {
    }

    record CatalogueProject(UUID id, String village, String ownerKind, String cooperative, String title, String story, List<String> photos,
                            long goalFen, long paidFen, int percent, int backers, Instant startsAt, Instant deadline, LocalDate deliveryFrom,
                            LocalDate deliveryTo, String status, List<CatalogueTier> tiers) {
    }

    private final CountyGate gate;
    private final Projects projects;

    CatalogueController(CountyGate gate, Projects projects) {
        this.gate = gate;
        this.projects = projects;
    }

    @GetMapping("/counties/{county}/catalogue/projects")
    Mono<List<CatalogueProject>> list(@PathVariable String county, @RequestParam(defaultValue = "false") boolean includeClosed,
                                      @RequestParam(defaultValue = "50") int limit) {
        PageLimit.check(limit, 200);
        List<ProjectStatus> statuses = includeClosed ? Projects.PUBLIC : List.of(ProjectStatus.PUBLISHED);
        return gate.read(county).flatMap(code -> projects.list(code, statuses, limit))
                .map(list -> list.stream().map(CatalogueController::entry).toList());
    }

    @GetMapping("/counties/{county}/catalogue/projects/{id}")
    Mono<CatalogueProject> find(@PathVariable String county, @PathVariable String id) {
        UUID project = RequestIds.uuid("id", id);
        return gate.read(county).flatMap(code -> projects.findPublic(code, project)).map(CatalogueController::entry);
    }

    private static CatalogueProject entry(ProjectView view) {
        Project project = view.project();
        return new CatalogueProject(project.id(), project.village().value(), project.ownerKind().name(), project.cooperative(), project.title(),
                project.story(), project.photos(), project.goalFen(), view.progress().paidFen(), view.progress().percentOf(project.goalFen()),
                view.progress().backers(), project.startsAt(), project.deadline(), project.deliveryFrom(), project.deliveryTo(), project.status().name(),
                view.tiers().stream().map(tier -> new CatalogueTier(tier.id(), tier.name(), tier.product(), tier.quantity(), tier.priceFen(), tier.limit(),
                        tier.left(), tier.lotCode())).toList());
    }
}
