package org.povertyalleviation.crowdfunding.settlement;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.povertyalleviation.crowdfunding.delivery.persistence.DeliveryRepository;
import org.povertyalleviation.crowdfunding.pledge.domain.PledgeStatus;
import org.povertyalleviation.crowdfunding.pledge.persistence.PledgeRepository;
import org.povertyalleviation.crowdfunding.project.domain.Proceeds;
import org.povertyalleviation.crowdfunding.project.domain.Progress;
import org.povertyalleviation.crowdfunding.project.domain.Project;
import org.povertyalleviation.crowdfunding.project.domain.ProjectStatus;
import org.povertyalleviation.crowdfunding.project.domain.Share;
import org.povertyalleviation.crowdfunding.project.persistence.ProjectRepository;
import org.povertyalleviation.crowdfunding.settlement.domain.MoneyLedger;
import org.povertyalleviation.crowdfunding.settlement.domain.Payout;
import org.povertyalleviation.crowdfunding.settlement.domain.Refund;
import org.povertyalleviation.crowdfunding.settlement.domain.RefundReason;
import org.povertyalleviation.crowdfunding.settlement.domain.Settlement;
import org.povertyalleviation.crowdfunding.settlement.messaging.HouseholdIncomeEarned;
import org.povertyalleviation.crowdfunding.settlement.messaging.ProjectSettled;
import org.povertyalleviation.crowdfunding.settlement.persistence.SettlementRepository;
import org.povertyalleviation.platform.audit.AuditTrail;
import org.povertyalleviation.platform.counties.CountyJobs;
import org.povertyalleviation.platform.domain.ChinaTime;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.InvalidValueException;
import org.povertyalleviation.platform.domain.RuleRefusedException;
import org.povertyalleviation.platform.outbox.Outbox;
import org.povertyalleviation.platform.problem.NotFoundException;
import org.povertyalleviation.platform.problem.RuleViolatedException;
import org.povertyalleviation.platform.security.Caller;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Settlement at the deadline, exactly once; cancellation with its mass refund; single refunds; the payout when the
 * delivery is confirmed.
 * <p>
 * Exactly once: a project settles in one county transaction that locks its row, finds it still PUBLISHED, drops the
 * pledges still unpaid, decides funded or failed, requests the refunds, and writes the settlement row (its primary key
 * refuses a second one), the project's new state and the event. A replica that dies half-way committed nothing, and the
 * next sweep (any replica) settles it; a second replica waits on the row and then finds it settled.
 * <p>
 * The household ledger: the proceeds are posted when the project's delivery is confirmed, not when it is funded.
 * Until the rewards are delivered the pre-sale money is owed to the backers (a failed harvest refunds all of it), and
 * counting it earlier would lift a household out of poverty on paper and drop it back months later.
 * <p>
 * Delivery is confirmed only once every paid reward is on its way: while a paid pledge has no booking with the
 * logistics service (none, or only a cancelled or returned one), the confirmation is refused ({@code
 * rewards-not-dispatched}, with the count): the households are paid for rewards that were sent, not promised.
 */
@Service
public class Settlements {

    private static final Logger log = LoggerFactory.getLogger(Settlements.class);
    private static final int SWEEP_LIMIT = 100;

    /** A project's settlement, its payouts and its money. */
    public record SettlementView(UUID project, ProjectStatus status, Settlement settlement, List<Payout> payouts, MoneyLedger money) {
    }

    private final ProjectRepository projects;
    private final PledgeRepository pledges;
    private final SettlementRepository settlements;
    private final DeliveryRepository deliveries;
    private final CountyJobs countyJobs;
    private final TenantTransactions tenantTransactions;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final SettlementProperties properties;
    private final Clock clock;

    public Settlements(ProjectRepository projects, PledgeRepository pledges, SettlementRepository settlements, DeliveryRepository deliveries,
                       CountyJobs countyJobs,
                       TenantTransactions tenantTransactions, Outbox outbox, AuditTrail audit, SettlementProperties properties, Clock clock) {
        this.projects = projects;
        this.pledges = pledges;
        this.settlements = settlements;
        this.deliveries = deliveries;
        this.countyJobs = countyJobs;
        this.tenantTransactions = tenantTransactions;
        this.outbox = outbox;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    /** Every half minute, on one replica at a time: the projects whose deadline and grace have passed. */
    @Scheduled(fixedDelayString = "${crowdfunding.settlement.every:PT30S}", initialDelayString = "${crowdfunding.settlement.first:PT20S}")
    void settleDue() {
        countyJobs.forEachCounty("crowdfunding-settlement", null, this::settleDue)
                .onErrorResume(e -> {
                    log.error("The settlement sweep failed; it runs again shortly", e);
                    return Mono.empty();
                })
                .block();
    }

    /** Settles the county's due projects, one transaction each; answers how many settled here. */
    public Mono<Long> settleDue(CountyCode county) {
        Instant before = clock.instant().minus(properties.paymentGrace());
        return tenantTransactions.inCounty(county, () -> projects.due(county, before, SWEEP_LIMIT).collectList())
                .flatMapMany(Flux::fromIterable)
                .concatMap(id -> settle(county, id).onErrorResume(e -> {
                    log.error("Project {} of county {} could not be settled; the next sweep tries again", id, county, e);
                    return Mono.empty();
                }))
                .count();
    }

    /** Settles one project if it is due and not settled yet; empty otherwise. */
    public Mono<Settlement> settle(CountyCode county, UUID id) {
        Instant now = clock.instant();
        return tenantTransactions.inCounty(county, () -> projects.findForUpdate(county, id)
                .filter(project -> project.status() == ProjectStatus.PUBLISHED && !project.deadline().isAfter(now.minus(properties.paymentGrace())))
                .flatMap(project -> pledges.dropPending(county, id, now)
                        .flatMap(dropped -> projects.progress(county, id).flatMap(progress -> {
                            Settlement.Outcome outcome = Settlement.outcome(progress.paidFen(), project.goalFen());
                            Mono<Integer> refunds = outcome == Settlement.Outcome.FUNDED ? Mono.just(0)
                                    : settlements.refundAllPaid(county, id, RefundReason.GOAL_MISSED, null, now);
                            return refunds.flatMap(requested -> {
                                Settlement settlement = new Settlement(id, outcome, progress.paidFen(), project.goalFen(), progress.paidPledges(), dropped,
                                        requested, now, "system");
                                return settlements.insert(county, settlement)
                                        .flatMap(first -> first ? Mono.just(settlement)
                                                : Mono.error(new IllegalStateException("Project " + id + " has a settlement already")))
                                        .flatMap(written -> projects.update(project.settled(outcome == Settlement.Outcome.FUNDED, now)))
                                        .then(outbox.publish(ProjectSettled.of(county.value(), project.village().value(), settlement)))
                                        .then(audit.write("project.settled." + outcome.name().toLowerCase(), "project", id.toString()))
                                        .thenReturn(settlement);
                            });
                        })))
                .doOnNext(settlement -> log.info("Project {} of county {} settled {}: {} of {} fen from {} paid pledges, {} dropped, {} refunds requested",
                        id, county, settlement.outcome(), settlement.raisedFen(), settlement.goalFen(), settlement.paidPledges(), settlement.droppedPledges(),
                        settlement.refunds())));
    }

    /** The harvest failed: the project is cancelled and every paid pledge refunded (before its proceeds are paid out). */
    public Mono<SettlementView> cancel(CountyCode county, Caller caller, UUID id, String reason) {
        Instant now = clock.instant();
        return tenantTransactions.inCounty(county, () -> locked(county, id)
                .flatMap(project -> {
                    Project cancelled = project.cancelled(reason, caller.recordedAs());
                    return projects.progress(county, id).flatMap(progress -> pledges.dropPending(county, id, now)
                            .then(settlements.refundAllPaid(county, id, RefundReason.PROJECT_CANCELLED, cancelled.cancelReason(), now))
                            .flatMap(refunds -> projects.update(cancelled)
                                    .then(outbox.publish(ProjectSettled.cancelled(county.value(), id.toString(), project.village().value(), project.goalFen(),
                                            progress.paidFen(), progress.paidPledges(), refunds, now)))
                                    .then(audit.write("project.cancelled", "project", id.toString()))))
                            .then(view(county, cancelled));
                }));
    }

    /** A funded project's backer whose reward cannot be delivered gets the money back. */
    public Mono<Refund> refundPledge(CountyCode county, Caller caller, UUID pledgeId, String note) {
        if (note == null || note.isBlank() || note.length() > Project.MAX_NOTE) {
            throw new InvalidValueException("note", "is required (at most " + Project.MAX_NOTE + " characters): why the reward is not delivered");
        }
        Instant now = clock.instant();
        UUID refundId = UUID.randomUUID();
        return tenantTransactions.inCounty(county, () -> pledges.find(county, pledgeId)
                .switchIfEmpty(Mono.error(new NotFoundException("Pledge", pledgeId)))
                .flatMap(found -> locked(county, found.project()))
                .flatMap(project -> {
                    if (project.status() != ProjectStatus.FUNDED) {
                        return Mono.error(RuleRefusedException.stateConflict("wrong-status", "Project " + project.id() + " is " + project.status()
                                + ": a single refund is for a funded project's undelivered reward", "status"));
                    }
                    return pledges.findForUpdate(county, pledgeId);
                })
                .flatMap(pledge -> {
                    if (pledge.status() != PledgeStatus.PAID) {
                        return Mono.error(RuleRefusedException.stateConflict("not-paid", "Pledge " + pledgeId + " is " + pledge.status(), "status"));
                    }
                    return pledges.status(pledge.withStatus(PledgeStatus.REFUNDING, now))
                            .then(settlements.insertRefund(county, refundId, pledgeId, pledge.project(), pledge.amountFen(), RefundReason.UNDELIVERED,
                                    note.strip(), now))
                            .then(audit.write("refund.requested", "refund", refundId.toString()))
                            .then(settlements.refundOfPledge(county, pledgeId));
                }));
    }

    /**
     * The rewards are delivered: the proceeds (the paid pledges not refunded) are split among the households by their
     * shares (largest remainder, {@link Proceeds}), booked out of the project's money and posted to their ledgers.
     */
    public Mono<SettlementView> confirmDelivery(CountyCode county, Caller caller, UUID id) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ChinaTime.ZONE);
        return tenantTransactions.inCounty(county, () -> locked(county, id)
                .flatMap(project -> {
                    Project delivered = project.delivered(caller.recordedAs(), now);
                    return deliveries.countUndispatched(county, id).flatMap(undispatched -> undispatched > 0
                            ? Mono.<Long>error(new RuleViolatedException("rewards-not-dispatched", undispatched
                                    + " paid rewards of this project have no booking with the logistics service; dispatch them first", "status",
                                    Map.of("undispatched", undispatched)))
                            : pledges.countOfProject(county, id, PledgeStatus.REFUNDING)).flatMap(refunding -> refunding > 0
                            ? Mono.<SettlementView>error(RuleRefusedException.violated("refunds-pending", refunding
                                    + " refunds of this project are not confirmed yet; the proceeds are paid out once they are", "status"))
                            : projects.progress(county, id).zipWith(projects.shares(county, id).collectList())
                                    .flatMap(parts -> payOut(county, delivered, parts.getT1(), parts.getT2(), today, now))
                                    .then(projects.update(delivered))
                                    .then(audit.write("project.delivered", "project", id.toString()))
                                    .then(view(county, delivered)));
                }));
    }

    private Mono<Void> payOut(CountyCode county, Project project, Progress progress, List<Share> shares, LocalDate today, Instant now) {
        Map<UUID, Long> split = Proceeds.split(progress.paidFen(), shares);
        return Flux.fromIterable(shares).concatMap(share -> {
            long amount = split.get(share.household());
            Mono<Boolean> booked = amount == 0 ? Mono.just(false)
                    : settlements.book(county, project.id(), MoneyLedger.Kind.PAYOUT, -amount, null, null, share.household(), now);
            return settlements.insertPayout(county, project.id(), new Payout(share.household(), share.basisPoints(), amount, today))
                    .then(booked)
                    .then(outbox.publish(HouseholdIncomeEarned.of(county.value(), project.id(), share.household(), today, amount)));
        }).then();
    }

    public Mono<SettlementView> find(CountyCode county, UUID id) {
        return tenantTransactions.inCounty(county, () -> projects.find(county, id)
                .switchIfEmpty(Mono.error(new NotFoundException("Project", id)))
                .flatMap(project -> view(county, project)));
    }

    public Mono<List<Refund>> refunds(CountyCode county, UUID project, Refund.Status status, int limit, int offset) {
        return tenantTransactions.inCounty(county, () -> projects.find(county, project)
                .switchIfEmpty(Mono.error(new NotFoundException("Project", project)))
                .flatMap(found -> settlements.refunds(county, project, status, limit, offset).collectList()));
    }

    private Mono<Project> locked(CountyCode county, UUID id) {
        return projects.findForUpdate(county, id).switchIfEmpty(Mono.error(new NotFoundException("Project", id)));
    }

    private Mono<SettlementView> view(CountyCode county, Project project) {
        return settlements.settlement(county, project.id()).map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                .flatMap(settlement -> settlements.payouts(county, project.id()).collectList()
                        .flatMap(payouts -> settlements.ledger(county, project.id(), 50)
                                .map(money -> new SettlementView(project.id(), project.status(), settlement.orElse(null), payouts, money))));
    }
}
