package org.povertyalleviation.supplyplatform.order.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.povertyalleviation.platform.counties.CountyGate;
import org.povertyalleviation.platform.problem.PageLimit;
import org.povertyalleviation.platform.problem.RequestIds;
import org.povertyalleviation.supplyplatform.order.PurchaseOrders;
import org.povertyalleviation.supplyplatform.order.PurchaseOrders.OrderView;
import org.povertyalleviation.supplyplatform.order.domain.Delivery;
import org.povertyalleviation.supplyplatform.order.domain.DeliveryPayment;
import org.povertyalleviation.supplyplatform.order.domain.PurchaseOrder;
import org.povertyalleviation.supplyplatform.web.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Purchase orders: the agreed price with registered households, deliveries held against the month's market
 * reference price, and payments that reach the households' income ledgers (ORDER_PREMIUM). Quantities are in the
 * product's unit with up to three decimals; money in fen.
 */
@RestController
class PurchaseOrderController {

    record AgreeOrderRequest(
            @Schema(description = "The buying organisation", example = "e2a9c6f1-4b7d-4e3a-9c58-1f0d8b6e2a73") @NotNull UUID organisation,
            @Schema(description = "The product bought", example = "5d3f8a21-7c6e-4b90-a1d2-3e4f5a6b7c8d") @NotNull UUID product,
            @Schema(description = "The harvest season (year)", example = "2026") @NotNull @Min(2000) @Max(2100) Integer season,
            @Schema(description = "The agreed price per unit in fen, at or above the market reference price", example = "8200")
            @NotNull @Positive @Max(DeliveryPayment.MAX_PRICE_FEN) Long priceFen,
            @ArraySchema(arraySchema = @Schema(description = "The registered households the price is agreed with, each once"),
                    schema = @Schema(description = "A registered household of the county (its id in the household registry)",
                    example = "7c1e9b52-8f3a-4d6b-a0e4-2b5d9c8f1a37"), minItems = 1, maxItems = PurchaseOrder.MAX_HOUSEHOLDS)
            @NotEmpty @Size(max = PurchaseOrder.MAX_HOUSEHOLDS) List<@NotNull UUID> households) {
    }

    record DeliveryRequest(
            @Schema(description = "The delivering household, one of the order's", example = "7c1e9b52-8f3a-4d6b-a0e4-2b5d9c8f1a37")
            @NotNull UUID household,
            @Schema(description = "The day of delivery (its month's reference price applies)", example = "2026-08-20") @NotNull LocalDate deliveredOn,
            @Schema(description = "The quantity in the product's unit, up to three decimals", example = "160.5")
            @NotNull @Positive @DecimalMax("1000000") @Digits(integer = 7, fraction = 3) BigDecimal quantity,
            @Schema(description = "The quality grade found on delivery", example = "特级") @NotBlank @Size(max = Delivery.MAX_GRADE) String grade) {
    }

    record PaymentRequest(
            @Schema(description = "The day it was paid (the ledger counts it in that month)", example = "2026-08-25") @NotNull LocalDate paidOn) {
    }

    record CorrectionRequest(
            @Schema(description = "The corrected quantity in the product's unit", example = "158.25")
            @NotNull @Positive @DecimalMax("1000000") @Digits(integer = 7, fraction = 3) BigDecimal quantity,
            @Schema(description = "The corrected grade", example = "一级") @NotBlank @Size(max = Delivery.MAX_GRADE) String grade) {
    }

    record OrderHousehold(UUID household, String fileNumber) {
    }

    record OrderResponse(UUID id, String county, UUID organisation, UUID product, int season, long priceFen, List<OrderHousehold> households,
                         long deliveries, BigDecimal deliveredQuantity, long amountFen, long premiumFen, long paidFen, String agreedBy,
                         Instant agreedAt) {
    }

    record OrderSummary(UUID id, UUID organisation, UUID product, int season, long priceFen) {
    }

    record DeliveryResponse(UUID id, UUID order, UUID household, String fileNumber, LocalDate deliveredOn, BigDecimal quantity, String grade,
                            long referencePriceFen, long amountFen, long premiumFen, String status, LocalDate paidOn, int revision) {
    }

    private final CountyGate gate;
    private final PurchaseOrders orders;

    PurchaseOrderController(CountyGate gate, PurchaseOrders orders) {
        this.gate = gate;
        this.orders = orders;
    }

    @PostMapping("/counties/{county}/purchase-orders")
    Mono<ResponseEntity<OrderResponse>> agree(@PathVariable String county, @Valid @RequestBody AgreeOrderRequest request) {
        return gate.act(county).flatMap(code -> Caller.name().flatMap(caller -> orders.agree(code, request.organisation(), request.product(),
                        request.season(), request.priceFen(), request.households(), caller)))
                .map(view -> ResponseEntity.created(URI.create("/counties/" + county + "/purchase-orders/" + view.order().id())).body(response(view)));
    }

    @GetMapping("/counties/{county}/purchase-orders")
    Mono<List<OrderSummary>> list(@PathVariable String county, @RequestParam(required = false) String organisation,
                                  @RequestParam(defaultValue = "100") int limit) {
        PageLimit.check(limit, 1000);
        UUID buyer = organisation == null ? null : RequestIds.uuid("organisation", organisation);
        return gate.read(county).flatMap(code -> orders.list(code, buyer, limit))
                .map(list -> list.stream().map(o -> new OrderSummary(o.id(), o.organisation(), o.product(), o.season(), o.priceFen())).toList());
    }

    @GetMapping("/counties/{county}/purchase-orders/{id}")
    Mono<OrderResponse> find(@PathVariable String county, @PathVariable String id) {
        UUID order = RequestIds.uuid("id", id);
        return gate.read(county).flatMap(code -> orders.find(code, order)).map(PurchaseOrderController::response);
    }

    @PostMapping("/counties/{county}/purchase-orders/{id}/deliveries")
    Mono<ResponseEntity<DeliveryResponse>> deliver(@PathVariable String county, @PathVariable String id, @Valid @RequestBody DeliveryRequest request) {
        UUID order = RequestIds.uuid("id", id);
        return gate.act(county).flatMap(code -> Caller.name().flatMap(caller -> orders.recordDelivery(code, order, request.household(),
                        request.deliveredOn(), milli(request.quantity()), request.grade(), caller)))
                .map(delivery -> ResponseEntity.created(URI.create("/counties/" + county + "/purchase-orders/" + id + "/deliveries/" + delivery.id()))
                        .body(response(delivery, null)));
    }

    @GetMapping("/counties/{county}/purchase-orders/{id}/deliveries")
    Mono<List<DeliveryResponse>> deliveries(@PathVariable String county, @PathVariable String id, @RequestParam(defaultValue = "500") int limit) {
        PageLimit.check(limit, 5000);
        UUID order = RequestIds.uuid("id", id);
        return gate.read(county).flatMap(code -> orders.deliveries(code, order, limit))
                .map(list -> list.deliveries().stream().map(d -> response(d, list.fileNumbers().get(d.household()))).toList());
    }

    @PostMapping("/counties/{county}/purchase-orders/{id}/deliveries/{delivery}/payment")
    Mono<DeliveryResponse> pay(@PathVariable String county, @PathVariable String id, @PathVariable String delivery,
                               @Valid @RequestBody PaymentRequest request) {
        UUID order = RequestIds.uuid("id", id);
        UUID paid = RequestIds.uuid("delivery", delivery);
        return gate.act(county).flatMap(code -> orders.pay(code, order, paid, request.paidOn())).map(d -> response(d, null));
    }

    @PostMapping("/counties/{county}/purchase-orders/{id}/deliveries/{delivery}/correction")
    Mono<DeliveryResponse> correct(@PathVariable String county, @PathVariable String id, @PathVariable String delivery,
                                   @Valid @RequestBody CorrectionRequest request) {
        UUID order = RequestIds.uuid("id", id);
        UUID corrected = RequestIds.uuid("delivery", delivery);
        return gate.act(county).flatMap(code -> orders.correct(code, order, corrected, milli(request.quantity()), request.grade()))
                .map(d -> response(d, null));
    }

    private static long milli(BigDecimal quantity) {
        return quantity.movePointRight(3).longValueExact();
    }

    private static BigDecimal quantity(long milli) {
        BigDecimal quantity = BigDecimal.valueOf(milli, 3).stripTrailingZeros();
        // 100.000 strips to 1E+2: written as 100.
        return quantity.scale() < 0 ? quantity.setScale(0) : quantity;
    }

    private static OrderResponse response(OrderView view) {
        PurchaseOrder o = view.order();
        return new OrderResponse(o.id(), o.county().value(), o.organisation(), o.product(), o.season(), o.priceFen(),
                view.households().stream().map(h -> new OrderHousehold(h, view.fileNumbers().get(h))).toList(),
                view.totals().deliveries(), quantity(view.totals().quantityMilli()), view.totals().amountFen(), view.totals().premiumFen(),
                view.totals().paidFen(), o.agreedBy(), o.agreedAt());
    }

    private static DeliveryResponse response(Delivery d, String fileNumber) {
        return new DeliveryResponse(d.id(), d.order(), d.household(), fileNumber, d.deliveredOn(), quantity(d.quantityMilli()), d.grade(),
                d.referencePriceFen(), d.payment().amountFen(), d.payment().premiumFen(), d.status().name(), d.paidOn(), d.revision());
    }
}
