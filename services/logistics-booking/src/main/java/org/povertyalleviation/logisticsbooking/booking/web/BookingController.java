package org.povertyalleviation.logisticsbooking.booking.web;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.povertyalleviation.logisticsbooking.booking.Bookings;
import org.povertyalleviation.logisticsbooking.booking.Bookings.BookingView;
import org.povertyalleviation.logisticsbooking.booking.domain.Booking;
import org.povertyalleviation.logisticsbooking.booking.domain.CarriesKind;
import org.povertyalleviation.logisticsbooking.booking.domain.SenderKind;
import org.povertyalleviation.logisticsbooking.booking.domain.ShipmentState;
import org.povertyalleviation.logisticsbooking.booking.domain.TrackingUpdate;
import org.povertyalleviation.logisticsbooking.booking.domain.Weight;
import org.povertyalleviation.platform.counties.CountyGate;
import org.povertyalleviation.platform.domain.ChinaTime;
import org.povertyalleviation.platform.problem.InvalidRequestException;
import org.povertyalleviation.platform.problem.PageLimit;
import org.povertyalleviation.platform.problem.RequestIds;
import org.povertyalleviation.platform.security.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Pickups and deliveries booked into windows, and where they are. A partner (a carrier, a marketplace) reaches only
 * the bookings it made or was assigned, and sees the recipient's name masked; so does a village cadre.
 */
@RestController
class BookingController {

    record BookingRequest(
            @Schema(description = "The window to book into", example = "5d2c8e1a-7b3f-4a69-9e04-1c6b8d2f3a57", requiredMode = REQUIRED) @NotNull UUID slot,
            @Schema(description = "Who sends (uplink) or receives (downlink)", example = "HOUSEHOLD", requiredMode = REQUIRED) @NotNull SenderKind senderKind,
            @Schema(description = "The sender's reference: a household's file number, a shop's or organisation's id", example = "621222-0001",
                    requiredMode = REQUIRED) @NotBlank @Size(max = Booking.MAX_REF) String senderRef,
            @Schema(description = "The registered household (required when the sender is a household; its shipments get the county's subsidy)",
                    example = "7c1e9b52-8f3a-4d6b-a0e4-2b5d9c8f1a37") UUID household,
            @Schema(description = "Who receives it (partners and cadres see it masked)", example = "王建国", requiredMode = REQUIRED)
            @NotBlank @Size(max = Booking.MAX_RECIPIENT) String recipient,
            @Schema(description = "Its weight in kg, up to three decimals", example = "25.5", requiredMode = REQUIRED)
            @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("20000") @Digits(integer = 5, fraction = 3) BigDecimal weightKg,
            @Schema(description = "How many parcels", example = "3", requiredMode = REQUIRED) @NotNull @Min(1) @Max(Booking.MAX_PARCELS) Integer parcels,
            @Schema(description = "Whether it needs the cold chain", example = "false") Boolean cold,
            @Schema(description = "What it is worth, in fen (for insurance and claims)", example = "120000")
            @Min(0) @Max(Booking.MAX_DECLARED_FEN) Long declaredValueFen,
            @Schema(description = "What it carries", example = "TRACE_LOT", requiredMode = REQUIRED) @NotNull CarriesKind carriesKind,
            @Schema(description = "The id of what it carries in its own service (required unless plain goods)", example = "L7K2M9Q4")
            @Size(max = Booking.MAX_REF) String carriesRef) {
    }

    record RebookingRequest(
            @Schema(description = "The window to move to (same node, same kind)", example = "5d2c8e1a-7b3f-4a69-9e04-1c6b8d2f3a57",
                    requiredMode = REQUIRED) @NotNull UUID slot) {
    }

    record CarrierRequest(
            @Schema(description = "The carrier the booking is assigned to", example = "3f6d2b8a-1c4e-4a7f-9b52-8e0d6c1a7f34", requiredMode = REQUIRED)
            @NotNull UUID carrier) {
    }

    record TrackingRequest(
            @Schema(description = "The reporter's own id for this report: sent again, it changes nothing", example = "scan-2026120809151234",
                    requiredMode = REQUIRED) @NotBlank @Size(max = TrackingUpdate.MAX_UPDATE_ID) String updateId,
            @Schema(description = "Where the shipment is now", example = "PICKED_UP", requiredMode = REQUIRED) @NotNull ShipmentState state,
            @Schema(description = "When it happened (a scanner's clock may be up to 5 minutes ahead)", example = "2026-12-08T09:15:00+08:00",
                    requiredMode = REQUIRED) @NotNull Instant occurredAt,
            @Schema(description = "The node it happened at", example = "0b8e2f6c-3d1a-4c7e-9f52-6a4d8b1e7c30") UUID node,
            @Schema(description = "Why (required for a failure, a return, or a report that skips steps)", example = "扫描枪离线，补录")
            @Size(max = TrackingUpdate.MAX_REASON) String reason,
            @Schema(description = "Proof of delivery: who received it (required for DELIVERED)", example = "王建国")
            @Size(max = TrackingUpdate.MAX_RECIPIENT) String recipient,
            @Schema(description = "Proof of delivery: the photo's reference in the reporter's storage", example = "pod/2026/12/08/7c1e9b52.jpg")
            @Size(max = TrackingUpdate.MAX_PHOTO_REF) String photoRef) {
    }

    record TimelineEntry(String updateId, String state, Instant occurredAt, UUID node, String reason, String recipient, String photoRef,
                         String reportedBy, Instant receivedAt, boolean advanced) {
    }

    record BookingResponse(UUID id, String county, String direction, UUID slot, LocalDate day, LocalTime windowStart, LocalTime windowEnd, UUID node,
                           String village, String senderKind, String senderRef, UUID household, String recipient, BigDecimal weightKg, int parcels,
                           boolean cold, long declaredValueFen, String carriesKind, String carriesRef, long priceFen, long subsidyFen, long payableFen,
                           UUID carrier, String state, String bookedBy, Instant bookedAt, Instant updatedAt, List<TimelineEntry> timeline) {
    }

    record TrackingResponse(boolean advanced, boolean repeated, BookingResponse booking) {
    }

    private final CountyGate gate;
    private final Bookings bookings;
    private final Clock clock;

    BookingController(CountyGate gate, Bookings bookings, Clock clock) {
        this.gate = gate;
        this.bookings = bookings;
        this.clock = clock;
    }

    @PostMapping("/counties/{county}/bookings")
    Mono<ResponseEntity<BookingResponse>> book(@PathVariable String county, @Valid @RequestBody BookingRequest request) {
        long grams = Weight.grams("weightKg", request.weightKg(), Booking.MAX_WEIGHT_GRAMS);
        return gate.act(county).flatMap(code -> Caller.of(code).flatMap(caller -> bookings.book(code, caller, new Bookings.Request(request.slot(),
                        request.senderKind(), request.senderRef(), request.household(), request.recipient(), grams, request.parcels(),
                        Boolean.TRUE.equals(request.cold()), request.declaredValueFen() == null ? 0 : request.declaredValueFen(), request.carriesKind(),
                        request.carriesRef()))))
                .map(view -> ResponseEntity.created(URI.create("/counties/" + county + "/bookings/" + view.booking().id())).body(response(view)));
    }

    @GetMapping("/counties/{county}/bookings")
    Mono<List<BookingResponse>> ofDay(@PathVariable String county, @RequestParam(required = false) String day,
                                      @RequestParam(required = false) String node, @RequestParam(defaultValue = "200") int limit) {
        PageLimit.check(limit, 1000);
        LocalDate date = day == null ? LocalDate.now(clock.withZone(ChinaTime.ZONE)) : day("day", day);
        UUID at = node == null ? null : RequestIds.uuid("node", node);
        return gate.read(county).flatMap(code -> Caller.of(code).flatMap(caller -> bookings.ofDay(code, caller, date, at, limit)))
                .map(list -> list.stream().map(BookingController::response).toList());
    }

    @GetMapping("/counties/{county}/bookings/{id}")
    Mono<BookingResponse> find(@PathVariable String county, @PathVariable String id) {
        UUID booking = RequestIds.uuid("id", id);
        return gate.read(county).flatMap(code -> Caller.of(code).flatMap(caller -> bookings.find(code, caller, booking)))
                .map(BookingController::response);
    }

    @PostMapping("/counties/{county}/bookings/{id}/cancellation")
    Mono<BookingResponse> cancel(@PathVariable String county, @PathVariable String id) {
        UUID booking = RequestIds.uuid("id", id);
        return gate.act(county).flatMap(code -> Caller.of(code).flatMap(caller -> bookings.cancel(code, caller, booking)))
                .map(BookingController::response);
    }

    @PostMapping("/counties/{county}/bookings/{id}/rebooking")
    Mono<BookingResponse> rebook(@PathVariable String county, @PathVariable String id, @Valid @RequestBody RebookingRequest request) {
        UUID booking = RequestIds.uuid("id", id);
        return gate.act(county).flatMap(code -> Caller.of(code).flatMap(caller -> bookings.rebook(code, caller, booking, request.slot())))
                .map(BookingController::response);
    }

    @PutMapping("/counties/{county}/bookings/{id}/carrier")
    Mono<BookingResponse> assign(@PathVariable String county, @PathVariable String id, @Valid @RequestBody CarrierRequest request) {
        UUID booking = RequestIds.uuid("id", id);
        return gate.act(county).flatMap(code -> Caller.of(code).flatMap(caller -> bookings.assign(code, caller, booking, request.carrier())))
                .map(BookingController::response);
    }

    @PostMapping("/counties/{county}/bookings/{id}/tracking")
    Mono<TrackingResponse> track(@PathVariable String county, @PathVariable String id, @Valid @RequestBody TrackingRequest request) {
        UUID booking = RequestIds.uuid("id", id);
        return gate.act(county).flatMap(code -> Caller.of(code).flatMap(caller -> bookings.track(code, caller, booking, request.updateId(),
                        request.state(), request.occurredAt(), request.node(), request.reason(), request.recipient(), request.photoRef())))
                .map(reported -> new TrackingResponse(reported.advanced(), reported.repeated(), response(reported.view())));
    }

    static LocalDate day(String field, String value) {
        if (value == null) {
            throw InvalidRequestException.field(field, "is required (YYYY-MM-DD)");
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw InvalidRequestException.field(field, "must be a date, YYYY-MM-DD");
        }
    }

    static long grams(String weightKg) {
        try {
            return Weight.grams("weightKg", new BigDecimal(weightKg), Booking.MAX_WEIGHT_GRAMS);
        } catch (NumberFormatException e) {
            throw InvalidRequestException.field("weightKg", "must be a weight in kg");
        }
    }

    private static BookingResponse response(BookingView view) {
        Booking booking = view.booking();
        boolean full = view.personalData();
        return new BookingResponse(booking.id(), booking.county().value(), booking.direction().name(), booking.slot(),
                view.slot() == null ? null : view.slot().day(), view.slot() == null ? null : view.slot().windowStart(),
                view.slot() == null ? null : view.slot().windowEnd(), booking.node(), booking.village() == null ? null : booking.village().value(),
                booking.senderKind().name(), booking.senderRef(), booking.household(), full ? booking.recipient() : booking.maskedRecipient(),
                Weight.kilograms(booking.weightGrams()), booking.parcels(), booking.cold(), booking.declaredValueFen(), booking.carriesKind().name(),
                booking.carriesRef(), booking.priceFen(), booking.subsidyFen(), booking.priceFen() - booking.subsidyFen(), booking.carrier(),
                booking.state().name(), booking.bookedBy(), booking.bookedAt(), booking.updatedAt(),
                view.timeline().stream().map(update -> new TimelineEntry(update.updateId(), update.state().name(), update.occurredAt(), update.node(),
                        update.reason(), update.recipient() == null ? null : full ? update.recipient() : Booking.mask(update.recipient()),
                        update.photoRef(), update.reportedBy(), update.receivedAt(), update.advanced())).toList());
    }
}
