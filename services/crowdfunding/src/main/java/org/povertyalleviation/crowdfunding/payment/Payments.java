package org.povertyalleviation.crowdfunding.payment;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.povertyalleviation.crowdfunding.pledge.domain.PaymentCallback;
import org.povertyalleviation.crowdfunding.pledge.domain.PaymentCallback.Outcome;
import org.povertyalleviation.crowdfunding.pledge.domain.Pledge;
import org.povertyalleviation.crowdfunding.pledge.domain.PledgeStatus;
import org.povertyalleviation.crowdfunding.pledge.persistence.PledgeRepository;
import org.povertyalleviation.crowdfunding.project.domain.Project;
import org.povertyalleviation.crowdfunding.project.domain.ProjectStatus;
import org.povertyalleviation.crowdfunding.project.persistence.ProjectRepository;
import org.povertyalleviation.crowdfunding.settlement.domain.MoneyLedger;
import org.povertyalleviation.crowdfunding.settlement.domain.Refund;
import org.povertyalleviation.crowdfunding.settlement.domain.RefundReason;
import org.povertyalleviation.crowdfunding.settlement.persistence.SettlementRepository;
import org.povertyalleviation.platform.audit.AuditTrail;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.RuleRefusedException;
import org.povertyalleviation.platform.problem.ConflictException;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * What the payment partners' callbacks do. Each is kept by its id, so one sent twice has one effect; one about a
 * payment the service has not heard of yet is kept unmatched and applied when its pledge arrives; one that comes late
 * (a failure after the payment succeeded) changes nothing. The rules, by the pledge's state:
 * <ul>
 *   <li>PAID: a pending pledge of an open project is paid (its money booked in). A pledge that had failed or been
 *       dropped, or whose project has settled, is paid late: the money is booked in and refunded at once.</li>
 *   <li>FAILED: a pending pledge fails and gives its rewards back; after a payment it is ignored.</li>
 *   <li>PENDING: noted only.</li>
 *   <li>A refund's CONFIRMED books the money out and closes the pledge; its FAILED sends it again soon.</li>
 * </ul>
 * Locks: the project (key share) before the pledge, the order a settlement takes them in, so the two never deadlock.
 */
@Service
public class Payments {

    /** What a callback did, and whether it had been received before. */
    public record CallbackResult(Outcome outcome, UUID pledge, boolean repeated) {
    }

    private final PledgeRepository pledges;
    private final ProjectRepository projects;
    private final SettlementRepository settlements;
    private final PaymentPartners partners;
    private final TenantTransactions tenantTransactions;
    private final AuditTrail audit;
    private final Clock clock;

    public Payments(PledgeRepository pledges, ProjectRepository projects, SettlementRepository settlements, PaymentPartners partners,
                    TenantTransactions tenantTransactions, AuditTrail audit, Clock clock) {
        this.pledges = pledges;
        this.projects = projects;
        this.settlements = settlements;
        this.partners = partners;
        this.tenantTransactions = tenantTransactions;
        this.audit = audit;
        this.clock = clock;
    }

    /** The partner's client and signature checked, then the callback applied once. */
    public Mono<CallbackResult> callback(CountyCode county, String client, byte[] body, String signature, PaymentCallback callback) {
        PaymentPartners.Partner partner = partners.partner(client)
                .orElseThrow(() -> new AccessDeniedException(client + " is not a payment partner of this platform"));
        if (!PaymentPartners.verify(partner, body, signature)) {
            throw new AccessDeniedException("The callback's " + PaymentPartners.SIGNATURE_HEADER + " does not sign its body with " + client + "'s secret");
        }
        Instant now = clock.instant();
        return tenantTransactions.inCounty(county, () -> pledges.callback(county, client, callback.callbackId())
                .flatMap(kept -> kept.callback().sameAs(callback) ? Mono.just(new CallbackResult(kept.outcome(), kept.pledge(), true))
                        : Mono.<CallbackResult>error(new ConflictException("callback-id-reused", "Callback " + callback.callbackId()
                                + " was received before with other content", "callbackId")))
                .switchIfEmpty(Mono.defer(() -> callback.kind() == PaymentCallback.Kind.PAYMENT ? payment(county, callback, now)
                        : refund(county, callback, now))));
    }

    private Mono<CallbackResult> payment(CountyCode county, PaymentCallback callback, Instant now) {
        return pledges.byPaymentRef(county, callback.paymentPartner(), callback.paymentRef())
                .flatMap(found -> projects.findForKeyShare(county, found.project())
                        .flatMap(project -> pledges.findForUpdate(county, found.id())
                                .flatMap(pledge -> apply(county, project, pledge, callback, now)
                                        .flatMap(outcome -> keep(county, callback, pledge.id(), outcome, now)))))
                .switchIfEmpty(Mono.defer(() -> keep(county, callback, null, Outcome.UNMATCHED, now)));
    }

    private Mono<CallbackResult> keep(CountyCode county, PaymentCallback callback, UUID pledge, Outcome outcome, Instant now) {
        return pledges.keep(county, callback, pledge, outcome, now)
                .flatMap(kept -> kept ? Mono.just(new CallbackResult(outcome, pledge, false))
                        : Mono.error(new ConflictException("callback-in-flight", "Callback " + callback.callbackId() + " is being received", "callbackId")));
    }

    /** In the pledge's transaction: the callbacks that came before it, applied in the order things happened. */
    public Mono<Pledge> applyEarlyCallbacks(CountyCode county, Pledge pledge) {
        Instant now = clock.instant();
        return pledges.unmatched(county, pledge.paymentPartner(), pledge.paymentRef())
                .concatMap(kept -> projects.findForKeyShare(county, pledge.project())
                        .flatMap(project -> pledges.findForUpdate(county, pledge.id())
                                .flatMap(current -> apply(county, project, current, kept.callback(), now)
                                        .onErrorResume(RuleRefusedException.class, refused -> Mono.just(Outcome.IGNORED))))
                        .flatMap(outcome -> pledges.matched(county, pledge.paymentPartner(), kept.callback().callbackId(), pledge.id(), outcome)))
                .then(pledges.find(county, pledge.id()));
    }

    private Mono<Outcome> apply(CountyCode county, Project project, Pledge pledge, PaymentCallback callback, Instant now) {
        return switch (callback.paymentState()) {
            case PENDING -> Mono.just(Outcome.NOTED);
            case FAILED -> pledge.status() != PledgeStatus.PENDING ? Mono.just(Outcome.IGNORED)
                    : pledges.status(pledge.withStatus(PledgeStatus.FAILED, now))
                            .then(projects.release(county, pledge.tier(), pledge.quantity()))
                            .then(audit.write("pledge.payment-failed", "pledge", pledge.id().toString()))
                            .thenReturn(Outcome.APPLIED);
            case PAID -> {
                if (callback.amountFen() != pledge.amountFen()) {
                    yield Mono.error(RuleRefusedException.violated("amount-mismatch", "Payment " + callback.paymentRef() + " paid " + callback.amountFen()
                            + " fen for a pledge of " + pledge.amountFen() + " fen", "amountFen"));
                }
                if (pledge.status() == PledgeStatus.PENDING && project.status() == ProjectStatus.PUBLISHED) {
                    yield pledges.status(pledge.withStatus(PledgeStatus.PAID, now))
                            .then(settlements.book(county, project.id(), MoneyLedger.Kind.PLEDGE_PAID, pledge.amountFen(), pledge.id(), null, null, now))
                            .then(audit.write("pledge.paid", "pledge", pledge.id().toString()))
                            .thenReturn(Outcome.APPLIED);
                }
                if (pledge.status() == PledgeStatus.PENDING || pledge.status() == PledgeStatus.FAILED || pledge.status() == PledgeStatus.DROPPED) {
                    // The money was taken after the pledge had lapsed (or its project closed): it is the backer's, give it back.
                    Mono<Void> release = pledge.status() == PledgeStatus.PENDING ? projects.release(county, pledge.tier(), pledge.quantity()) : Mono.empty();
                    yield release
                            .then(pledges.status(pledge.withStatus(PledgeStatus.REFUNDING, now)))
                            .then(settlements.book(county, project.id(), MoneyLedger.Kind.PLEDGE_PAID, pledge.amountFen(), pledge.id(), null, null, now))
                            .then(settlements.insertRefund(county, UUID.randomUUID(), pledge.id(), project.id(), pledge.amountFen(), RefundReason.LATE_PAYMENT,
                                    null, now))
                            .then(audit.write("pledge.paid-late", "pledge", pledge.id().toString()))
                            .thenReturn(Outcome.LATE_PAYMENT_REFUNDED);
                }
                yield Mono.just(Outcome.IGNORED);
            }
        };
    }

    private Mono<CallbackResult> refund(CountyCode county, PaymentCallback callback, Instant now) {
        return settlements.refundForUpdate(county, callback.refund())
                .switchIfEmpty(Mono.error(RuleRefusedException.violated("unknown-refund", "County " + county + " has no refund " + callback.refund(),
                        "refund")))
                .flatMap(refund -> {
                    if (!refund.paymentPartner().equals(callback.paymentPartner())) {
                        return Mono.error(new AccessDeniedException("Refund " + refund.id() + " goes through another payment partner"));
                    }
                    if (callback.refundState() == PaymentCallback.RefundState.FAILED) {
                        return (refund.status() == Refund.Status.CONFIRMED ? Mono.just(Outcome.IGNORED)
                                : settlements.refundRetrySoon(county, refund.id(), "the payment partner reported the refund failed", now.plusSeconds(5))
                                        .thenReturn(Outcome.APPLIED))
                                .flatMap(outcome -> keep(county, callback, refund.pledge(), outcome, now));
                    }
                    if (callback.amountFen() != refund.amountFen()) {
                        return Mono.error(RuleRefusedException.violated("amount-mismatch", "Refund " + refund.id() + " is of " + refund.amountFen()
                                + " fen, not " + callback.amountFen(), "amountFen"));
                    }
                    return confirmRefund(county, refund, now)
                            .flatMap(confirmed -> keep(county, callback, refund.pledge(), confirmed ? Outcome.APPLIED : Outcome.IGNORED, now));
                });
    }

    /** Books a confirmed refund out of the project's money and closes its pledge; false when it was confirmed already. */
    public Mono<Boolean> confirmRefund(CountyCode county, Refund refund, Instant now) {
        return settlements.refundConfirmed(county, refund.id(), now)
                .flatMap(confirmed -> !confirmed ? Mono.just(false)
                        : settlements.book(county, refund.project(), MoneyLedger.Kind.REFUND_CONFIRMED, -refund.amountFen(), refund.pledge(), refund.id(),
                                        null, now)
                                .then(pledges.findForUpdate(county, refund.pledge()))
                                .flatMap(pledge -> pledges.status(pledge.withStatus(PledgeStatus.REFUNDED, now)))
                                .then(audit.write("refund.confirmed", "refund", refund.id().toString()))
                                .thenReturn(true));
    }

    /** In a county transaction of its own: a refund the partner confirmed in its answer. */
    public Mono<Boolean> confirmRefund(CountyCode county, UUID refundId) {
        Instant now = clock.instant();
        return tenantTransactions.inCounty(county, () -> settlements.refundForUpdate(county, refundId)
                .flatMap(refund -> confirmRefund(county, refund, now)));
    }

}
