package org.povertyalleviation.crowdfunding.payment.web;

import org.povertyalleviation.crowdfunding.payment.PaymentPartners;
import org.povertyalleviation.crowdfunding.payment.Payments;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import org.povertyalleviation.crowdfunding.pledge.domain.PaymentCallback;
import org.povertyalleviation.platform.counties.CountyGate;
import org.povertyalleviation.platform.problem.InvalidRequestException;
import org.povertyalleviation.platform.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A payment partner's callbacks. The body is read as the bytes that were signed, its signature checked against the
 * calling client's secret, and only then parsed. 200 when it was applied or noted (or had been), 202 when it was kept
 * for a pledge not posted yet.
 */
@RestController
class PaymentCallbackController {

    @Schema(name = "PaymentCallbackRequest")
    record CallbackRequest(
            @Schema(description = "The partner's id of this callback: sent again, it has no further effect", example = "cb-20261212-55120",
                    requiredMode = REQUIRED) String callbackId,
            @Schema(description = "PAYMENT or REFUND", example = "PAYMENT", requiredMode = REQUIRED) String kind,
            @Schema(description = "PAYMENT: the payment's reference the pledge named", example = "pay-7731900245") String paymentRef,
            @Schema(description = "REFUND: the refund's id the platform sent", example = "0b8e2f6c-3d1a-4c7e-9f52-6a4d8b1e7c30") String refund,
            @Schema(description = "PAYMENT: PAID, FAILED or PENDING; REFUND: CONFIRMED or FAILED", example = "PAID", requiredMode = REQUIRED) String status,
            @Schema(description = "The amount paid or refunded, in fen", example = "39600", requiredMode = REQUIRED) Long amountFen,
            @Schema(description = "When it happened at the partner", example = "2026-12-12T08:15:00+08:00", requiredMode = REQUIRED) Instant occurredAt) {
    }

    record CallbackResponse(String outcome, UUID pledge, boolean repeated) {
    }

    private final CountyGate gate;
    private final Payments payments;
    private final JsonMapper json;
    private final Clock clock;

    PaymentCallbackController(CountyGate gate, Payments payments, JsonMapper json, Clock clock) {
        this.gate = gate;
        this.payments = payments;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping(path = "/counties/{county}/payment-callbacks", consumes = "application/json")
    Mono<ResponseEntity<CallbackResponse>> callback(@PathVariable String county,
                                                    @RequestHeader(name = PaymentPartners.SIGNATURE_HEADER, required = false) String signature,
                                                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                                                            content = @io.swagger.v3.oas.annotations.media.Content(
                                                                    schema = @Schema(implementation = CallbackRequest.class)))
                                                    @RequestBody(required = false) byte[] body) {
        return gate.act(county).flatMap(code -> Caller.of(code).flatMap(caller -> {
                    CallbackRequest request = parse(body);
                    PaymentCallback callback = PaymentCallback.of(caller.client(), request.callbackId(), request.kind(), request.paymentRef(),
                            request.refund(), request.status(), request.amountFen(), request.occurredAt(), clock.instant());
                    return payments.callback(code, caller.client(), body, signature, callback);
                }))
                .map(result -> ResponseEntity.status(result.outcome() == PaymentCallback.Outcome.UNMATCHED ? HttpStatus.ACCEPTED : HttpStatus.OK)
                        .body(new CallbackResponse(result.outcome().name(), result.pledge(), result.repeated())));
    }

    private CallbackRequest parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw InvalidRequestException.field("callbackId", "a callback's body is required");
        }
        try {
            CallbackRequest request = json.readValue(body, CallbackRequest.class);
            if (request == null) {
                throw InvalidRequestException.field("callbackId", "a callback's body is required");
            }
            return request;
        } catch (JacksonException e) {
            throw InvalidRequestException.field("body", "is not a callback: " + e.getOriginalMessage());
        }
    }
}
