package org.povertyalleviation.crowdfunding.pledge.web;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import org.povertyalleviation.crowdfunding.pledge.Pledges;
import org.povertyalleviation.crowdfunding.pledge.Pledges.PledgeView;
import org.povertyalleviation.crowdfunding.pledge.domain.Pledge;
import org.povertyalleviation.crowdfunding.pledge.domain.PledgeStatus;
import org.povertyalleviation.platform.counties.CountyGate;
import org.povertyalleviation.platform.problem.InvalidRequestException;
import org.povertyalleviation.platform.problem.PageLimit;
import org.povertyalleviation.platform.problem.RequestIds;
import org.povertyalleviation.platform.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Pledges: posted by partner platforms, read by the county and by the partner that posted or takes payment for them. */
@RestController
class PledgeController {

    record PledgeRequest(
            @Schema(description = "The partner's own key for this pledge: posted again, it answers the same pledge", example = "jd-20261212-000187",
                    requiredMode = REQUIRED) String pledgeKey,
            @Schema(description = "The tier pledged for", example = "5d2c8e1a-7b3f-4a69-9e04-1c6b8d2f3a57", requiredMode = REQUIRED) UUID tier,
            @Schema(description = "The partner's pseudonymous reference of the backer (no name, phone or address)", example = "jd-u-8f2a61c0",
                    requiredMode = REQUIRED) String backerRef,
            @Schema(description = "How many rewards of the tier (1 to 100)", example = "2", requiredMode = REQUIRED) Integer quantity,
            @Schema(description = "What the backer pays in fen: the tier's price × quantity", example = "39600", requiredMode = REQUIRED) Long amountFen,
            @Schema(description = "The payment partner's client id", example = "partner-pay", requiredMode = REQUIRED) String paymentPartner,
            @Schema(description = "The payment partner's reference of the payment (its callbacks name it)", example = "pay-7731900245",
                    requiredMode = REQUIRED) String paymentRef) {
    }

    record CallbackResponse(String callbackId, String kind, String status, long amountFen, Instant occurredAt) {
    }

    record PledgeResponse(UUID id, String county, UUID project, UUID tier, String tierName, String client, String pledgeKey, String backerRef,
                          int quantity, long amountFen, String paymentPartner, String paymentRef, String status, Instant createdAt, Instant paidAt,
                          Instant closedAt, boolean repeated, List<CallbackResponse> callbacks, String lotCode, String lotTraceUrl,
                          ShipmentResponse shipment) {
    }

    /** The reward's shipment as the logistics service last reported it (null until the county dispatched it). */
    record ShipmentResponse(UUID booking, String state, Instant updatedAt) {
    }

    record PledgeSummary(UUID id, UUID tier, String client, String backerRef, int quantity, long amountFen, String paymentPartner, String status,
                         Instant createdAt, Instant paidAt) {
    }

    private final CountyGate gate;
    private final Pledges pledges;

    PledgeController(CountyGate gate, Pledges pledges) {
        this.gate = gate;
        this.pledges = pledges;
    }

    @PostMapping("/counties/{county}/projects/{id}/pledges")
    Mono<ResponseEntity<PledgeResponse>> pledge(@PathVariable String county, @PathVariable String id, @RequestBody PledgeRequest request) {
        UUID project = RequestIds.uuid("id", id);
        return gate.act(county).flatMap(code -> Caller.of(code).flatMap(caller -> {
                    if (request == null) {
                        return Mono.error(InvalidRequestException.field("pledgeKey", "a pledge's body is required"));
                    }
                    return pledges.pledge(code, caller, project, request.pledgeKey(), request.tier(), request.backerRef(), request.quantity(),
                            request.amountFen(), request.paymentPartner(), request.paymentRef());
                }))
                .map(view -> view.repeated() ? ResponseEntity.ok(response(view))
                        : ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/counties/" + county + "/pledges/" + view.pledge().id()))
                                .body(response(view)));
    }

    @GetMapping("/counties/{county}/pledges/{id}")
    Mono<PledgeResponse> find(@PathVariable String county, @PathVariable String id) {
        UUID pledge = RequestIds.uuid("id", id);
        return gate.read(county).flatMap(code -> Caller.of(code).flatMap(caller -> pledges.find(code, caller, pledge)))
                .map(PledgeController::response);
    }

    @GetMapping("/counties/{county}/projects/{id}/pledges")
    Mono<List<PledgeSummary>> ofProject(@PathVariable String county, @PathVariable String id, @RequestParam(required = false) String status,
                                        @RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") int offset) {
        UUID project = RequestIds.uuid("id", id);
        PageLimit.check(limit, 1000);
        if (offset < 0) {
            throw InvalidRequestException.field("offset", "must be 0 or more");
        }
        PledgeStatus wanted = status == null ? null : parse(status);
        return gate.read(county).flatMap(code -> Caller.of(code).flatMap(caller -> pledges.ofProject(code, caller, project, wanted, limit, offset)))
                .map(list -> list.stream().map(PledgeController::summary).toList());
    }

    private static PledgeStatus parse(String status) {
        try {
            return PledgeStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.field("status", "must be one of " + java.util.Arrays.toString(PledgeStatus.values()));
        }
    }

    private static PledgeSummary summary(Pledge pledge) {
        return new PledgeSummary(pledge.id(), pledge.tier(), pledge.client(), pledge.backerRef(), pledge.quantity(), pledge.amountFen(),
                pledge.paymentPartner(), pledge.status().name(), pledge.createdAt(), pledge.paidAt());
    }

    private static PledgeResponse response(PledgeView view) {
        Pledge pledge = view.pledge();
        return new PledgeResponse(pledge.id(), pledge.county().value(), pledge.project(), pledge.tier(), view.tier().name(), pledge.client(),
                pledge.pledgeKey(), pledge.backerRef(), pledge.quantity(), pledge.amountFen(), pledge.paymentPartner(), pledge.paymentRef(),
                pledge.status().name(), pledge.createdAt(), pledge.paidAt(), pledge.closedAt(), view.repeated(),
                view.callbacks().stream().map(callback -> new CallbackResponse(callback.callbackId(), callback.kind().name(), callback.status(),
                        callback.amountFen(), callback.occurredAt())).toList(),
                view.shipment() != null && view.shipment().lotCode() != null ? view.shipment().lotCode() : view.tier().lotCode(), view.lotTraceUrl(),
                view.shipment() == null ? null
                        : new ShipmentResponse(view.shipment().booking(), view.shipment().state().name(), view.shipment().updatedAt()));
    }
}
