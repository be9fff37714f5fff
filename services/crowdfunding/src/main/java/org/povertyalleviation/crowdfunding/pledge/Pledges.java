package org.povertyalleviation.crowdfunding.pledge;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.povertyalleviation.crowdfunding.delivery.DeliveryProperties;
import org.povertyalleviation.crowdfunding.delivery.domain.RewardShipment;
import org.povertyalleviation.crowdfunding.delivery.domain.TracedLot;
import org.povertyalleviation.crowdfunding.delivery.persistence.DeliveryRepository;
import org.povertyalleviation.crowdfunding.payment.PaymentPartners;
import org.povertyalleviation.crowdfunding.payment.Payments;
import org.povertyalleviation.crowdfunding.pledge.domain.PaymentCallback;
import org.povertyalleviation.crowdfunding.pledge.domain.Pledge;
import org.povertyalleviation.crowdfunding.pledge.domain.PledgeStatus;
import org.povertyalleviation.crowdfunding.pledge.persistence.PledgeRepository;
import org.povertyalleviation.crowdfunding.project.domain.Project;
import org.povertyalleviation.crowdfunding.project.domain.Tier;
import org.povertyalleviation.crowdfunding.project.persistence.ProjectRepository;
import org.povertyalleviation.platform.audit.AuditTrail;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.RuleRefusedException;
import org.povertyalleviation.platform.problem.ConflictException;
import org.povertyalleviation.platform.problem.NotFoundException;
import org.povertyalleviation.platform.security.Caller;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Pledges posted by partner platforms. A pledge takes its rewards from the tier in one conditional statement, so a tier
 * never sells more than its limit however many pledges race for it; it then waits for the payment partner's callback
 * (one that came first is applied now). The same key posted again answers the pledge it made.
 */
@Service
public class Pledges {

    /**
     * A pledge as the caller sees it, with its payment callbacks, whether it was posted before under its key, and its
     * reward's way: the lot's public trace page (once the tier has its lot) and the shipment (once dispatched), so a
     * partner shows its backer both.
     */
    public record PledgeView(Pledge pledge, Tier tier, List<PaymentCallback> callbacks, boolean repeated, String lotTraceUrl,
                             RewardShipment shipment) {
    }

    private final PledgeRepository pledges;
    private final ProjectRepository projects;
    private final Payments payments;
    private final PaymentPartners partners;
    private final DeliveryRepository deliveries;
    private final DeliveryProperties deliveryProperties;
    private final TenantTransactions tenantTransactions;
    private final AuditTrail audit;
    private final Clock clock;

    public Pledges(PledgeRepository pledges, ProjectRepository projects, Payments payments, PaymentPartners partners, DeliveryRepository deliveries,
                   DeliveryProperties deliveryProperties, TenantTransactions tenantTransactions, AuditTrail audit, Clock clock) {
        this.pledges = pledges;
        this.projects = projects;
        this.payments = payments;
        this.partners = partners;
        this.deliveries = deliveries;
        this.deliveryProperties = deliveryProperties;
        this.tenantTransactions = tenantTransactions;
        this.audit = audit;
        this.clock = clock;
    }

    public Mono<PledgeView> pledge(CountyCode county, Caller caller, UUID projectId, String pledgeKey, UUID tierId, String backerRef, Integer quantity,
                                   Long amountFen, String paymentPartner, String paymentRef) {
        String client = caller.client() != null ? caller.client() : caller.name();
        Pledge asked = Pledge.of(county, projectId, tierId, client, pledgeKey, backerRef, quantity, amountFen, paymentPartner, paymentRef, clock.instant());
        return tenantTransactions.inCounty(county, () -> projects.findForKeyShare(county, projectId)
                .switchIfEmpty(Mono.error(new NotFoundException("Project", projectId)))
                .flatMap(project -> pledges.byKey(county, client, asked.pledgeKey())
                        .flatMap(existing -> existing.sameAs(asked) ? view(county, existing, true)
                                : Mono.<PledgeView>error(new ConflictException("pledge-key-reused",
                                        "Pledge key " + asked.pledgeKey() + " was used for another pledge", "pledgeKey")))
                        .switchIfEmpty(Mono.defer(() -> newPledge(county, project, asked)))));
    }

    private Mono<PledgeView> newPledge(CountyCode county, Project project, Pledge asked) {
        project.requireOpen(clock.instant());
        if (partners.partner(asked.paymentPartner()).isEmpty()) {
            return Mono.error(RuleRefusedException.violated("unknown-payment-partner",
                    "Payment partner " + asked.paymentPartner() + " does not work with this platform", "paymentPartner"));
        }
        return projects.tier(county, asked.tier())
                .filter(tier -> tier.project().equals(project.id()))
                .switchIfEmpty(Mono.error(RuleRefusedException.violated("unknown-tier", "Project " + project.id() + " has no tier " + asked.tier(), "tier")))
                .flatMap(tier -> {
                    asked.requireAmount(tier.priceOf(asked.quantity()));
                    if (tier.left() < asked.quantity()) {
                        // Sold out as read: refused at once instead of queueing on the tier's row for the same answer.
                        return Mono.error(soldOut(tier, asked));
                    }
                    return pledges.byPaymentRef(county, asked.paymentPartner(), asked.paymentRef())
                            .flatMap(taken -> Mono.<Tier>error(new ConflictException("payment-ref-taken", "Payment " + asked.paymentRef() + " of "
                                    + asked.paymentPartner() + " pays another pledge", "paymentRef")))
                            .switchIfEmpty(Mono.just(tier));
                })
                .flatMap(tier -> pledges.insert(asked)
                        // The same key (or payment) posted twice at once: the other post took it; this one's rewards go back
                        // with its rolled-back transaction, and its retry answers the pledge.
                        .flatMap(inserted -> inserted ? Mono.just(tier) : Mono.<Tier>error(new ConflictException("pledge-in-flight",
                                "Pledge key " + asked.pledgeKey() + " or payment " + asked.paymentRef() + " is being posted at this moment; retry",
                                "pledgeKey")))
                        .then(audit.write("pledge.posted", "pledge", asked.id().toString()))
                        .then(pledges.unmatched(county, asked.paymentPartner(), asked.paymentRef()).hasElements())
                        // The rewards are taken last: the tier's row stays locked from this statement to the commit, and
                        // concurrent pledges of the tier queue on it for as short a time as possible (nothing more is read
                        // before the commit unless a payment's callback came before the pledge).
                        .flatMap(early -> projects.take(county, tier.id(), asked.quantity())
                                .switchIfEmpty(Mono.defer(() -> projects.tier(county, tier.id()).flatMap(now -> Mono.error(soldOut(now, asked)))))
                                .flatMap(taken -> early ? payments.applyEarlyCallbacks(county, asked).flatMap(applied -> view(county, applied, false))
                                        : Mono.just(new PledgeView(asked, taken, List.of(), false,
                                                TracedLot.traceUrl(deliveryProperties.tracePageBase(), taken.lotCode()), null)))));
    }

    private static ConflictException soldOut(Tier tier, Pledge asked) {
        return new ConflictException("tier-sold-out", "Tier " + tier.name() + " has " + Math.max(0, tier.left()) + " rewards left; " + asked.quantity()
                + " asked", "quantity", Map.of("left", Math.max(0, tier.left())));
    }

    public Mono<PledgeView> find(CountyCode county, Caller caller, UUID id) {
        return tenantTransactions.inCounty(county, () -> pledges.find(county, id)
                .switchIfEmpty(Mono.error(new NotFoundException("Pledge", id)))
                .flatMap(pledge -> reaches(caller, pledge) ? view(county, pledge, false)
                        : Mono.error(new AccessDeniedException("Pledge " + id + " was not posted or paid through " + caller.client()))));
    }

    public Mono<List<Pledge>> ofProject(CountyCode county, Caller caller, UUID project, PledgeStatus status, int limit, int offset) {
        return tenantTransactions.inCounty(county, () -> projects.find(county, project)
                .switchIfEmpty(Mono.error(new NotFoundException("Project", project)))
                .flatMap(found -> pledges.ofProject(county, project, caller.partnerOnly() ? String.valueOf(caller.client()) : null, status, limit, offset)
                        .collectList()));
    }

    /** A partner reaches the pledges it posted, and a payment partner those it takes the money for. */
    static boolean reaches(Caller caller, Pledge pledge) {
        return !caller.partnerOnly() || caller.client() != null
                && (caller.client().equals(pledge.client()) || caller.client().equals(pledge.paymentPartner()));
    }

    private Mono<PledgeView> view(CountyCode county, Pledge pledge, boolean repeated) {
        return projects.tier(county, pledge.tier())
                .flatMap(tier -> pledges.callbacksOf(county, pledge.id()).map(PledgeRepository.KeptCallback::callback).collectList()
                        .zipWith(deliveries.ofPledge(county, pledge.id()).map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty()))
                        .map(parts -> {
                            RewardShipment shipment = parts.getT2().orElse(null);
                            String lot = shipment != null && shipment.lotCode() != null ? shipment.lotCode() : tier.lotCode();
                            return new PledgeView(pledge, tier, parts.getT1(), repeated, TracedLot.traceUrl(deliveryProperties.tracePageBase(), lot),
                                    shipment);
                        }));
    }
}
