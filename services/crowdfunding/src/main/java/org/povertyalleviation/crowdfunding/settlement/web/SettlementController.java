package org.povertyalleviation.crowdfunding.settlement.web;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import org.povertyalleviation.crowdfunding.delivery.Deliveries;
import org.povertyalleviation.crowdfunding.delivery.domain.BookingCancellation;
import org.povertyalleviation.crowdfunding.settlement.Settlements;
import org.povertyalleviation.crowdfunding.settlement.Settlements.SettlementView;
import org.povertyalleviation.crowdfunding.settlement.domain.MoneyLedger;
import org.povertyalleviation.crowdfunding.settlement.domain.Refund;
import org.povertyalleviation.crowdfunding.settlement.domain.Settlement;
import org.povertyalleviation.platform.counties.CountyGate;
import org.povertyalleviation.platform.problem.InvalidRequestException;
import org.povertyalleviation.platform.problem.PageLimit;
import org.povertyalleviation.platform.problem.RequestIds;
import org.povertyalleviation.platform.security.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Settlement results, the money ledger, refunds, cancellation and the delivery's confirmation (the payout). */
@RestController
class SettlementController {

    record CancellationRequest(
            @Schema(description = "Why: backers are told", example = "冰雹，今年花椒绝收", requiredMode = REQUIRED) String reason) {
    }

    record RefundRequest(
            @Schema(description = "Why the reward is not delivered", example = "快递丢件，支持者同意退款", requiredMode = REQUIRED) String note) {
    }

    record SettlementResponse(String outcome, long raisedFen, long goalFen, int paidPledges, int droppedPledges, int refunds, Instant settledAt) {
    }

    record PayoutResponse(UUID household, int basisPoints, long amountFen, LocalDate paidOn) {
    }

    record EntryResponse(UUID id, String kind, long amountFen, UUID pledge, UUID refund, UUID household, Instant bookedAt) {
    }

    record MoneyResponse(long inFen, long refundedFen, long paidOutFen, long balanceFen, long pendingRefundFen, int pendingRefunds,
                         List<EntryResponse> latest) {
    }

    record BookingsResponse(int cancelled, int notCancelled, int underway) {
    }

    record ProjectSettlementResponse(UUID project, String status, SettlementResponse settlement, List<PayoutResponse> payouts, MoneyResponse money,
                                     @Schema(description = "A cancellation only: its rewards' bookings cancelled in the logistics service, those "
                                             + "it refused or could not be asked about, and the shipments already under way") BookingsResponse bookings) {
    }

    record RefundResponse(UUID id, UUID pledge, UUID project, long amountFen, String reason, String note, String status, int attempts,
                          Instant nextAttemptAt, String lastError, Instant requestedAt, Instant confirmedAt, String paymentPartner) {
    }

    private final CountyGate gate;
    private final Settlements settlements;
    private final Deliveries deliveries;

    SettlementController(CountyGate gate, Settlements settlements, Deliveries deliveries) {
        this.gate = gate;
        this.settlements = settlements;
        this.deliveries = deliveries;
    }

    @GetMapping("/counties/{county}/projects/{id}/settlement")
    Mono<ProjectSettlementResponse> find(@PathVariable String county, @PathVariable String id) {
        UUID project = RequestIds.uuid("id", id);
        return gate.read(county).flatMap(code -> settlements.find(code, project)).map(SettlementController::response);
    }

    @PostMapping("/counties/{county}/projects/{id}/cancellation")
    Mono<ProjectSettlementResponse> cancel(@PathVariable String county, @PathVariable String id, @RequestBody(required = false) CancellationRequest request) {
        UUID project = RequestIds.uuid("id", id);
        // The refunds are requested in the cancellation's transaction; the rewards' bookings are cancelled after it, as
        // the caller, and whatever the logistics service says does not undo the cancellation.
        return gate.act(county).flatMap(code -> Caller.of(code).flatMap(caller -> settlements.cancel(code, caller, project,
                                request == null ? null : request.reason()))
                        .flatMap(view -> Caller.bearerToken()
                                .flatMap(token -> deliveries.cancelBookings(code, project, token))
                                .defaultIfEmpty(BookingCancellation.NONE)
                                .map(cancelled -> response(view, cancelled))));
    }

    @PostMapping("/counties/{county}/projects/{id}/delivery-confirmation")
    Mono<ProjectSettlementResponse> confirmDelivery(@PathVariable String county, @PathVariable String id) {
        UUID project = RequestIds.uuid("id", id);
        return gate.act(county).flatMap(code -> Caller.of(code).flatMap(caller -> settlements.confirmDelivery(code, caller, project)))
                .map(SettlementController::response);
    }

    @PostMapping("/counties/{county}/pledges/{id}/refund")
    Mono<RefundResponse> refund(@PathVariable String county, @PathVariable String id, @RequestBody(required = false) RefundRequest request) {
        UUID pledge = RequestIds.uuid("id", id);
        return gate.act(county).flatMap(code -> Caller.of(code).flatMap(caller -> settlements.refundPledge(code, caller, pledge,
                        request == null ? null : request.note())))
                .map(SettlementController::refund);
    }

    @GetMapping("/counties/{county}/projects/{id}/refunds")
    Mono<List<RefundResponse>> refunds(@PathVariable String county, @PathVariable String id, @RequestParam(required = false) String status,
                                       @RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") int offset) {
        UUID project = RequestIds.uuid("id", id);
        PageLimit.check(limit, 1000);
        if (offset < 0) {
            throw InvalidRequestException.field("offset", "must be 0 or more");
        }
        Refund.Status wanted;
        try {
            wanted = status == null ? null : Refund.Status.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.field("status", "must be REQUESTED, SENT or CONFIRMED");
        }
        return gate.read(county).flatMap(code -> settlements.refunds(code, project, wanted, limit, offset))
                .map(list -> list.stream().map(SettlementController::refund).toList());
    }

    private static RefundResponse refund(Refund refund) {
        return new RefundResponse(refund.id(), refund.pledge(), refund.project(), refund.amountFen(), refund.reason().name(), refund.note(),
                refund.status().name(), refund.attempts(), refund.nextAttemptAt(), refund.lastError(), refund.requestedAt(), refund.confirmedAt(),
                refund.paymentPartner());
    }

    private static ProjectSettlementResponse response(SettlementView view) {
        return response(view, null);
    }

    private static ProjectSettlementResponse response(SettlementView view, BookingCancellation bookings) {
        Settlement settlement = view.settlement();
        MoneyLedger money = view.money();
        return new ProjectSettlementResponse(view.project(), view.status().name(),
                settlement == null ? null : new SettlementResponse(settlement.outcome().name(), settlement.raisedFen(), settlement.goalFen(),
                        settlement.paidPledges(), settlement.droppedPledges(), settlement.refunds(), settlement.settledAt()),
                view.payouts().stream().map(payout -> new PayoutResponse(payout.household(), payout.basisPoints(), payout.amountFen(), payout.paidOn()))
                        .toList(),
                new MoneyResponse(money.inFen(), money.refundedFen(), money.paidOutFen(), money.balanceFen(), money.pendingRefundFen(),
                        money.pendingRefunds(), money.entries().stream().map(entry -> new EntryResponse(entry.id(), entry.kind().name(), entry.amountFen(),
                                entry.pledge(), entry.refund(), entry.household(), entry.bookedAt())).toList()),
                bookings == null ? null : new BookingsResponse(bookings.cancelled(), bookings.notCancelled(), bookings.underway()));
    }
}
