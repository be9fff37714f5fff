package org.povertyalleviation.crowdfunding.project;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.povertyalleviation.crowdfunding.project.domain.Progress;
import org.povertyalleviation.crowdfunding.project.domain.Project;
import org.povertyalleviation.crowdfunding.project.domain.ProjectStatus;
import org.povertyalleviation.crowdfunding.project.domain.Share;
import org.povertyalleviation.crowdfunding.project.domain.Tier;
import org.povertyalleviation.crowdfunding.project.persistence.ProjectRepository;
import org.povertyalleviation.platform.audit.AuditTrail;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.InvalidValueException;
import org.povertyalleviation.platform.domain.RuleRefusedException;
import org.povertyalleviation.platform.households.KnownHouseholds;
import org.povertyalleviation.platform.problem.NotFoundException;
import org.povertyalleviation.platform.security.Caller;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Projects from draft to publication: written by county staff for a household or a cooperative, submitted, reviewed
 * by a clerk and approved by a different admin. Each use case is one county transaction with its audit entry.
 */
@Service
public class Projects {

    /** A tier as asked for. */
    public record TierDraft(String name, String product, String quantity, Integer weightGrams, Long priceFen, Integer limit) {
    }

    /** A project with its tiers, shares and progress. */
    public record ProjectView(Project project, List<Tier> tiers, List<Share> shares, Progress progress) {
    }

    /** Statuses a partner's catalogue shows: what backers may see. */
    public static final List<ProjectStatus> PUBLIC = List.of(ProjectStatus.PUBLISHED, ProjectStatus.FUNDED, ProjectStatus.DELIVERED);

    private final ProjectRepository projects;
    private final KnownHouseholds households;
    private final TenantTransactions tenantTransactions;
    private final AuditTrail audit;
    private final Clock clock;

    public Projects(ProjectRepository projects, KnownHouseholds households, TenantTransactions tenantTransactions, AuditTrail audit, Clock clock) {
        this.projects = projects;
        this.households = households;
        this.tenantTransactions = tenantTransactions;
        this.audit = audit;
        this.clock = clock;
    }

    public Mono<ProjectView> draft(CountyCode county, Caller caller, Project.Draft draft, List<Share> shares, List<TierDraft> tiers) {
        Project project = Project.draft(county, draft, caller.recordedAs(), clock.instant());
        List<Share> sharing = project.sharesFrom(shares);
        List<Tier> tierList = tiers(project, tiers);
        return tenantTransactions.inCounty(county, () -> checkReferences(project, sharing)
                .then(projects.insert(project)).then(projects.insertTiers(tierList)).then(projects.insertShares(project, sharing))
                .then(audit.write("project.drafted", "project", project.id().toString()))
                .then(view(county, project)));
    }

    public Mono<ProjectView> rewrite(CountyCode county, UUID id, Project.Draft draft, List<Share> shares, List<TierDraft> tiers) {
        return tenantTransactions.inCounty(county, () -> locked(county, id).flatMap(current -> {
            Project project = current.rewritten(draft, clock.instant());
            List<Share> sharing = project.sharesFrom(shares);
            List<Tier> tierList = tiers(project, tiers);
            return checkReferences(project, sharing).then(projects.rewrite(project, tierList, sharing))
                    .then(audit.write("project.rewritten", "project", id.toString()))
                    .then(view(county, project));
        }));
    }

    public Mono<ProjectView> submit(CountyCode county, Caller caller, UUID id) {
        return change(county, id, project -> project.submitted(caller.recordedAs()), "project.submitted");
    }

    public Mono<ProjectView> review(CountyCode county, Caller caller, UUID id, boolean passed, String note) {
        return change(county, id, project -> project.reviewed(passed, note, caller.recordedAs()), passed ? "project.reviewed" : "project.returned");
    }

    public Mono<ProjectView> approve(CountyCode county, Caller caller, UUID id, boolean approve, String note) {
        return change(county, id, project -> project.approved(approve, note, caller.recordedAs(), clock.instant()),
                approve ? "project.published" : "project.returned");
    }

    public Mono<ProjectView> find(CountyCode county, UUID id) {
        return tenantTransactions.inCounty(county, () -> projects.find(county, id)
                .switchIfEmpty(Mono.error(new NotFoundException("Project", id)))
                .flatMap(project -> view(county, project)));
    }

    /** A project as a partner's catalogue shows it: only once published. */
    public Mono<ProjectView> findPublic(CountyCode county, UUID id) {
        return find(county, id).filter(view -> PUBLIC.contains(view.project().status()))
                .switchIfEmpty(Mono.error(new NotFoundException("Project", id)));
    }

    public Mono<List<ProjectView>> list(CountyCode county, List<ProjectStatus> statuses, int limit) {
        return tenantTransactions.inCounty(county, () -> projects.list(county, statuses, limit)
                .concatMap(project -> view(county, project)).collectList());
    }

    private Mono<ProjectView> change(CountyCode county, UUID id, java.util.function.Function<Project, Project> change, String action) {
        return tenantTransactions.inCounty(county, () -> locked(county, id)
                .map(change)
                .flatMap(changed -> projects.update(changed).then(audit.write(action, "project", id.toString())).then(view(county, changed))));
    }

    private Mono<Project> locked(CountyCode county, UUID id) {
        return projects.findForUpdate(county, id).switchIfEmpty(Mono.error(new NotFoundException("Project", id)));
    }

    /** The village and every household named are the county's (the county copy and the household copy). */
    private Mono<Void> checkReferences(Project project, List<Share> shares) {
        Mono<Void> village = projects.villageExists(project.county(), project.village())
                .flatMap(known -> known ? Mono.<Void>empty() : Mono.error(RuleRefusedException.violated("unknown-village",
                        "County " + project.county() + " has no village " + project.village(), "village")));
        Mono<Void> owner = project.household() == null ? Mono.empty()
                : households.require(project.county().value(), project.household(), "household").then();
        Flux<Object> sharing = Flux.range(0, shares.size())
                .concatMap(i -> project.household() != null ? Mono.empty()
                        : households.require(project.county().value(), shares.get(i).household(), "shares[" + i + "].household"));
        return village.then(owner).thenMany(sharing).then();
    }

    private static List<Tier> tiers(Project project, List<TierDraft> drafts) {
        if (drafts == null || drafts.isEmpty() || drafts.size() > Project.MAX_TIERS) {
            throw new InvalidValueException("tiers", "1 to " + Project.MAX_TIERS + " reward tiers");
        }
        List<Tier> tiers = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            TierDraft draft = drafts.get(i);
            if (draft == null) {
                throw new InvalidValueException("tiers[" + i + "]", "is required");
            }
            tiers.add(Tier.of(project.county(), project.id(), i, draft.name(), draft.product(), draft.quantity(), draft.weightGrams(), draft.priceFen(),
                    draft.limit()));
        }
        return tiers;
    }

    private Mono<ProjectView> view(CountyCode county, Project project) {
        return projects.tiers(county, project.id()).collectList()
                .flatMap(tiers -> projects.shares(county, project.id()).collectList()
                        .flatMap(shares -> projects.progress(county, project.id()).map(progress -> new ProjectView(project, tiers, shares, progress))));
    }
}
