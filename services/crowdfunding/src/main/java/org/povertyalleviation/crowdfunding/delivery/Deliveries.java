package org.povertyalleviation.crowdfunding.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.povertyalleviation.crowdfunding.delivery.LogisticsBookings.Answer;
import org.povertyalleviation.crowdfunding.delivery.LogisticsBookings.Booked;
import org.povertyalleviation.crowdfunding.delivery.LogisticsBookings.Refused;
import org.povertyalleviation.crowdfunding.delivery.domain.BookingCancellation;
import org.povertyalleviation.crowdfunding.delivery.domain.Dispatch;
import org.povertyalleviation.crowdfunding.delivery.domain.RewardDelivery;
import org.povertyalleviation.crowdfunding.delivery.domain.ShipmentOrder;
import org.povertyalleviation.crowdfunding.delivery.domain.ShipmentState;
import org.povertyalleviation.crowdfunding.delivery.domain.TracedLot;
import org.povertyalleviation.crowdfunding.delivery.persistence.DeliveryRepository;
import org.povertyalleviation.crowdfunding.pledge.persistence.PledgeRepository;
import org.povertyalleviation.crowdfunding.project.domain.Project;
import org.povertyalleviation.crowdfunding.project.domain.ProjectStatus;
import org.povertyalleviation.crowdfunding.project.domain.Tier;
import org.povertyalleviation.crowdfunding.project.persistence.ProjectRepository;
import org.povertyalleviation.platform.audit.AuditTrail;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.InvalidValueException;
import org.povertyalleviation.platform.domain.RuleRefusedException;
import org.povertyalleviation.platform.problem.ConflictException;
import org.povertyalleviation.platform.problem.NotFoundException;
import org.povertyalleviation.platform.problem.ProblemException;
import org.povertyalleviation.platform.problem.RuleViolatedException;
import org.povertyalleviation.platform.security.Caller;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * A funded project's rewards from the field to the backers: each tier is tied to the traceability lot it ships from
 * (checked on the supply platform's public trace: a published lot of the project's county), then the paid rewards are
 * booked with the logistics service, and its events say where each shipment is.
 * <p>
 * The remote calls run outside any transaction: a lot is written only once the supply platform has shown it, and each
 * booking is recorded in a transaction of its own as soon as the logistics service has made it, so a dispatch that
 * stops half-way (a full window, an error) keeps what it booked and the next one books only the rest. A booking whose
 * answer was lost is linked to its pledge by the logistics service's booking-placed event (it carries the pledge id).
 * One dispatch of a project runs at a time (a lease of {@link #DISPATCH_LEASE}, released when it ends and lapsing if
 * its replica dies): a second one at the same moment is 409 {@code dispatch-in-progress}, so no reward is booked twice.
 */
@Service
public class Deliveries {

    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);
    /** How long a dispatch may hold its project before another may take over: thousands of bookings, one at a time. */
    static final java.time.Duration DISPATCH_LEASE = java.time.Duration.ofMinutes(10);

    private final ProjectRepository projects;
    private final PledgeRepository pledges;
    private final DeliveryRepository deliveries;
    private final SupplyTrace supply;
    private final LogisticsBookings logistics;
    private final DeliveryProperties properties;
    private final TenantTransactions tenantTransactions;
    private final AuditTrail audit;
    private final JsonMapper json;
    private final Clock clock;

    Deliveries(ProjectRepository projects, PledgeRepository pledges, DeliveryRepository deliveries, SupplyTrace supply, LogisticsBookings logistics,
               DeliveryProperties properties, TenantTransactions tenantTransactions, AuditTrail audit, JsonMapper json, Clock clock) {
        this.projects = projects;
        this.pledges = pledges;
        this.deliveries = deliveries;
        this.supply = supply;
        this.logistics = logistics;
        this.properties = properties;
        this.tenantTransactions = tenantTransactions;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /** A lot with its public trace page. */
    public record LinkedTier(Tier tier, String traceUrl) {
    }

    /** Ties a funded project's tier to the lot it ships from, once the supply platform shows that lot as the county's. */
    public Mono<LinkedTier> linkLot(CountyCode county, Caller caller, UUID tierId, String lotCode) {
        String code = TracedLot.code(lotCode);
        return tenantTransactions.inCounty(county, () -> fundedProjectOf(county, tierId, false))
                .then(supply.lot(code))
                .flatMap(lot -> {
                    lot.requireOf(county);
                    // Checked again under the project's lock: it may have been cancelled while the supply platform answered.
                    return tenantTransactions.inCounty(county, () -> fundedProjectOf(county, tierId, true)
                            .then(projects.linkLot(county, tierId, lot.code(), lot.product(), caller.recordedAs()))
                            .then(audit.write("tier.lot-linked", "tier", tierId.toString()))
                            .then(projects.tier(county, tierId)));
                })
                .map(tier -> new LinkedTier(tier, TracedLot.traceUrl(properties.tracePageBase(), tier.lotCode())));
    }

    private Mono<Project> fundedProjectOf(CountyCode county, UUID tierId, boolean lock) {
        return projects.tier(county, tierId).switchIfEmpty(Mono.error(new NotFoundException("Tier", tierId)))
                .flatMap(tier -> lock ? projects.findForUpdate(county, tier.project()) : projects.find(county, tier.project()))
                .map(project -> requireFunded(project, "tie a lot to a tier of"));
    }

    private static Project requireFunded(Project project, String action) {
        if (project.status() != ProjectStatus.FUNDED) {
            throw RuleRefusedException.stateConflict("wrong-status", "Cannot " + action + " project " + project.id() + ": it is " + project.status()
                    + ", not FUNDED", "status");
        }
        return project;
    }

    /** A reward to book: its order and the lot it ships from. */
    private record Pending(UUID pledge, ShipmentOrder order) {
    }

    /**
     * Books every paid reward of the funded project that has no booking carrying it, into the window, one after another
     * with the dispatcher's own token; stops at a full window (answering what is left and the windows with room).
     */
    public Mono<Dispatch> dispatch(CountyCode county, Caller caller, UUID projectId, UUID slot, String bearerToken) {
        if (slot == null) {
            throw new InvalidValueException("slot", "is required: the logistics service's window to book the rewards into");
        }
        UUID holder = UUID.randomUUID();
        Instant now = clock.instant();
        return tenantTransactions.inCounty(county, () -> projects.find(county, projectId)
                        .switchIfEmpty(Mono.error(new NotFoundException("Project", projectId)))
                        .then(deliveries.lease(county, projectId, holder, now, now.plus(DISPATCH_LEASE))))
                .flatMap(leased -> leased ? Mono.just(holder) : Mono.error(new ConflictException("dispatch-in-progress",
                        "Another dispatch of project " + projectId + " is booking its rewards now; dispatch again when it has finished", "slot")))
                .flatMap(lease -> Mono.usingWhen(Mono.just(lease), held -> dispatchLeased(county, projectId, slot, bearerToken),
                        held -> release(county, projectId, held),
                        (held, error) -> release(county, projectId, held),
                        held -> release(county, projectId, held)));
    }

    private Mono<Void> release(CountyCode county, UUID projectId, UUID holder) {
        return tenantTransactions.inCounty(county, () -> deliveries.releaseLease(county, projectId, holder))
                .onErrorResume(e -> {
                    log.warn("The dispatch lease of project {} of county {} was not released; it lapses by itself", projectId, county, e);
                    return Mono.empty();
                });
    }

    private Mono<Dispatch> dispatchLeased(CountyCode county, UUID projectId, UUID slot, String bearerToken) {
        return tenantTransactions.inCounty(county, () -> projects.find(county, projectId)
                        .switchIfEmpty(Mono.error(new NotFoundException("Project", projectId)))
                        .map(project -> requireFunded(project, "dispatch the rewards of"))
                        .flatMap(project -> deliveries.paidTiersWithoutLot(county, projectId).collectList().flatMap(missing -> missing.isEmpty()
                                ? pending(county, project, slot)
                                : Mono.error(RuleRefusedException.violated("lot-missing", "Tier " + missing.get(0) + " has paid rewards but no lot: tie "
                                        + "each tier to the lot it ships from first (" + missing.size() + " tiers without one)", "tier")))))
                .flatMap(pending -> book(county, bearerToken, pending));
    }

    private Mono<List<Pending>> pending(CountyCode county, Project project, UUID slot) {
        return projects.tiers(county, project.id()).collectMap(Tier::id)
                .flatMap(tiers -> deliveries.undispatched(county, project.id())
                        .concatMap(id -> pledges.find(county, id))
                        .map(pledge -> new Pending(pledge.id(), ShipmentOrder.of(slot, project, tiers.get(pledge.tier()), pledge)))
                        .collectList());
    }

    private Mono<Dispatch> book(CountyCode county, String bearerToken, List<Pending> pending) {
        List<Dispatch.Booked> booked = new ArrayList<>();
        return Flux.fromIterable(pending)
                .concatMap(reward -> logistics.book(county, bearerToken, reward.order())
                        .onErrorMap(e -> !(e instanceof ProblemException), e -> {
                            log.warn("The logistics service could not be reached for pledge {} of county {}", reward.pledge(), county, e);
                            return new ServiceUnreachable("logistics-booking", "The logistics service did not answer; " + booked.size()
                                    + " rewards were booked, " + (pending.size() - booked.size()) + " remain: dispatch again later",
                                    Map.of("booked", booked.size(), "remaining", pending.size() - booked.size()));
                        })
                        .flatMap(answer -> answer instanceof Booked made
                                ? tenantTransactions.inCounty(county, () -> deliveries.booked(county, reward.pledge(), made.booking(),
                                                made.bookedAt() == null ? clock.instant() : made.bookedAt())
                                        .then(audit.write("reward.booked", "pledge", reward.pledge().toString())))
                                .doOnSuccess(done -> booked.add(new Dispatch.Booked(reward.pledge(), made.booking())))
                                .thenReturn(answer)
                                : Mono.just(answer)))
                .takeUntil(answer -> answer instanceof Refused)
                .last(new Booked(null, null))
                .flatMap(last -> {
                    if (!(last instanceof Refused refused)) {
                        return Mono.just(new Dispatch(List.copyOf(booked), 0, List.of()));
                    }
                    int remaining = pending.size() - booked.size();
                    if (refused.slotFull()) {
                        return Mono.just(new Dispatch(List.copyOf(booked), remaining, logistics.alternatives(refused.problem())));
                    }
                    return Mono.error(refusal(refused, booked.size(), remaining));
                });
    }

    @SuppressWarnings("unchecked")
    private ProblemException refusal(Refused refused, int booked, int remaining) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("booked", booked);
        facts.put("remaining", remaining);
        facts.put("logisticsStatus", refused.status());
        facts.put("logisticsProblem", json.convertValue(refused.problem(), Map.class));
        String said = refused.problem().path("detail").asString("");
        if (refused.status() >= 500) {
            return new ServiceUnreachable("logistics-booking", "The logistics service failed (" + refused.status() + "); " + booked
                    + " rewards were booked, " + remaining + " remain: dispatch again later", facts);
        }
        return new RuleViolatedException("logistics-refused", "The logistics service refused the booking (" + refused.status() + ": " + said + "); "
                + booked + " rewards were booked, " + remaining + " remain", "slot", facts);
    }

    /**
     * After a project's cancellation (its refunds already requested): its rewards' bookings not yet picked up are
     * cancelled in the logistics service as the caller, one by one, outside any transaction; one the logistics service
     * refuses or cannot be asked about is counted, not retried (the county cancels it there), and never holds up the
     * refunds. Shipments already under way are counted: the carrier returns them. Their states follow from the logistics
     * service's events, as any shipment's.
     */
    public Mono<BookingCancellation> cancelBookings(CountyCode county, UUID projectId, String bearerToken) {
        return tenantTransactions.inCounty(county, () -> deliveries.bookedNotPickedUp(county, projectId).collectList()
                        .zipWith(deliveries.underway(county, projectId)))
                .flatMap(found -> Flux.fromIterable(found.getT1())
                        .concatMap(booking -> logistics.cancel(county, bearerToken, booking)
                                .onErrorResume(e -> {
                                    log.warn("Booking {} of cancelled project {} (county {}) could not be cancelled in the logistics service", booking,
                                            projectId, county, e);
                                    return Mono.just(false);
                                }))
                        .collectList()
                        .map(answers -> {
                            int cancelled = (int) answers.stream().filter(Boolean::booleanValue).count();
                            return new BookingCancellation(cancelled, answers.size() - cancelled, found.getT2().intValue());
                        }));
    }

    /** The project's paid rewards: lot, trace page, booking and shipment. */
    public Mono<List<RewardDelivery>> ofProject(CountyCode county, UUID projectId) {
        return tenantTransactions.inCounty(county, () -> projects.find(county, projectId)
                .switchIfEmpty(Mono.error(new NotFoundException("Project", projectId)))
                .flatMap(project -> deliveries.ofProject(county, projectId, properties.tracePageBase()).collectList()));
    }

    /** The logistics service booked a reward (its event): linked to the pledge if the dispatch never heard the answer. */
    public Mono<Void> bookingPlaced(CountyCode county, UUID booking, UUID pledge, Instant bookedAt) {
        return deliveries.booked(county, pledge, booking, bookedAt).doOnNext(linked -> {
            if (!linked) {
                log.debug("Booking {} of county {} was known already or carries no reward of this county ({})", booking, county, pledge);
            }
        }).then();
    }

    /** A reward's shipment moved (the logistics service's event). */
    public Mono<Void> shipmentMoved(CountyCode county, UUID booking, UUID pledge, ShipmentState state, Instant occurredAt) {
        return deliveries.stateChanged(county, pledge, booking, state, occurredAt).doOnNext(applied -> {
            if (!applied) {
                log.debug("Booking {} of county {}: {} at {} not applied (a later report came first, or no such reward)", booking, county, state,
                        occurredAt);
            }
        }).then();
    }
}
