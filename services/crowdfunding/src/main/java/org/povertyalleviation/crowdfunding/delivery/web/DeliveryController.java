package org.povertyalleviation.crowdfunding.delivery.web;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import org.povertyalleviation.crowdfunding.delivery.Deliveries;
import org.povertyalleviation.crowdfunding.delivery.domain.Dispatch;
import org.povertyalleviation.crowdfunding.delivery.domain.RewardDelivery;
import org.povertyalleviation.crowdfunding.delivery.domain.RewardShipment;
import org.povertyalleviation.platform.counties.CountyGate;
import org.povertyalleviation.platform.problem.InvalidRequestException;
import org.povertyalleviation.platform.problem.RequestIds;
import org.povertyalleviation.platform.security.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The rewards' way to the backers: a tier tied to its traceability lot, the paid rewards booked with the logistics
 * service (as the staff member who dispatches: their token goes with the bookings), and where each shipment is.
 */
@RestController
class DeliveryController {

    record LotRequest(
            @Schema(description = "The traceability lot the tier's rewards ship from: a published lot of the project's county on the supply platform",
                    example = "L7K2M9Q4", requiredMode = REQUIRED, pattern = "[A-Za-z0-9._-]{1,64}") String lotCode) {
    }

    record DispatchRequest(
            @Schema(description = "The logistics service's window (slot) to book the rewards' pickups into", example = "5d2c8e1a-7b3f-4a69-9e04-1c6b8d2f3a57",
                    requiredMode = REQUIRED) UUID slot) {
    }

    record TierLotResponse(UUID tier, UUID project, String name, String lotCode, String lotProduct, String traceUrl) {
    }

    record BookedResponse(UUID pledge, UUID booking) {
    }

    record DispatchResponse(List<BookedResponse> booked, int remaining, List<Map<String, Object>> alternatives) {
    }

    record ShipmentResponse(UUID booking, String state, Instant updatedAt) {
    }

    record RewardResponse(UUID pledge, String client, String backerRef, int quantity, UUID tier, String tierName, String lotCode, String traceUrl,
                          ShipmentResponse shipment) {
    }

    private final CountyGate gate;
    private final Deliveries deliveries;

    DeliveryController(CountyGate gate, Deliveries deliveries) {
        this.gate = gate;
        this.deliveries = deliveries;
    }

    @PutMapping("/counties/{county}/tiers/{id}/lot")
    Mono<TierLotResponse> linkLot(@PathVariable String county, @PathVariable String id, @RequestBody(required = false) LotRequest request) {
        UUID tier = RequestIds.uuid("id", id);
        return gate.act(county).flatMap(code -> Caller.of(code).flatMap(caller -> deliveries.linkLot(code, caller, tier,
                        request == null ? null : request.lotCode())))
                .map(linked -> new TierLotResponse(linked.tier().id(), linked.tier().project(), linked.tier().name(), linked.tier().lotCode(),
                        linked.tier().lotProduct(), linked.traceUrl()));
    }

    @PostMapping("/counties/{county}/projects/{id}/deliveries")
    Mono<DispatchResponse> dispatch(@PathVariable String county, @PathVariable String id, @RequestBody(required = false) DispatchRequest request) {
        UUID project = RequestIds.uuid("id", id);
        return gate.act(county).flatMap(code -> Caller.of(code).zipWith(bearerToken()).flatMap(caller -> deliveries.dispatch(code, caller.getT1(),
                        project, request == null ? null : request.slot(), caller.getT2())))
                .map(DeliveryController::response);
    }

    @GetMapping("/counties/{county}/projects/{id}/deliveries")
    Mono<List<RewardResponse>> ofProject(@PathVariable String county, @PathVariable String id) {
        UUID project = RequestIds.uuid("id", id);
        return gate.read(county).flatMap(code -> deliveries.ofProject(code, project))
                .map(list -> list.stream().map(DeliveryController::reward).toList());
    }

    /** The caller's own token, relayed to the logistics service. */
    static Mono<String> bearerToken() {
        return Caller.bearerToken()
                .switchIfEmpty(Mono.error(InvalidRequestException.field("Authorization", "a bearer token is required to book with the logistics service")));
    }

    private static DispatchResponse response(Dispatch dispatch) {
        return new DispatchResponse(dispatch.booked().stream().map(booked -> new BookedResponse(booked.pledge(), booked.booking())).toList(),
                dispatch.remaining(), dispatch.alternatives());
    }

    static ShipmentResponse shipment(RewardShipment shipment) {
        return shipment == null ? null : new ShipmentResponse(shipment.booking(), shipment.state().name(), shipment.updatedAt());
    }

    private static RewardResponse reward(RewardDelivery reward) {
        return new RewardResponse(reward.pledge(), reward.client(), reward.backerRef(), reward.quantity(), reward.tier(), reward.tierName(),
                reward.lotCode(), reward.traceUrl(), shipment(reward.shipment()));
    }
}
