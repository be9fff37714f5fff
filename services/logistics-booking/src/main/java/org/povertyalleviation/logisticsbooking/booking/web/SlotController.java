package org.povertyalleviation.logisticsbooking.booking.web;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.povertyalleviation.logisticsbooking.booking.Bookings;
import org.povertyalleviation.logisticsbooking.booking.domain.Booking;
import org.povertyalleviation.logisticsbooking.booking.domain.Slot;
import org.povertyalleviation.logisticsbooking.booking.domain.SlotKind;
import org.povertyalleviation.logisticsbooking.booking.domain.Tariff;
import org.povertyalleviation.logisticsbooking.booking.domain.Weight;
import org.povertyalleviation.platform.counties.CountyGate;
import org.povertyalleviation.platform.problem.InvalidRequestException;
import org.povertyalleviation.platform.problem.PageLimit;
import org.povertyalleviation.platform.problem.RequestIds;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Pickup and delivery windows with their room, and the county's tariff. */
@RestController
class SlotController {

    record SlotRequest(
            @Schema(description = "The node the window is at", example = "0b8e2f6c-3d1a-4c7e-9f52-6a4d8b1e7c30", requiredMode = REQUIRED) @NotNull UUID node,
            @Schema(description = "The day (China time; not in the past)", example = "2026-12-08", requiredMode = REQUIRED) @NotNull LocalDate day,
            @Schema(description = "PICKUP takes produce up, DELIVERY brings goods down", example = "PICKUP", requiredMode = REQUIRED) @NotNull SlotKind kind,
            @Schema(description = "When the window opens (China time)", example = "09:00", type = "string", requiredMode = REQUIRED) @NotNull LocalTime windowStart,
            @Schema(description = "When it closes, after it opens", example = "11:00", type = "string", requiredMode = REQUIRED) @NotNull LocalTime windowEnd,
            @Schema(description = "The room in kg", example = "800", requiredMode = REQUIRED) @NotNull @Min(1) @Max(Slot.MAX_CAPACITY_KG) Integer capacityKg,
            @Schema(description = "The room in parcels", example = "60", requiredMode = REQUIRED)
            @NotNull @Min(1) @Max(Slot.MAX_CAPACITY_PARCELS) Integer capacityParcels,
            @Schema(description = "Whether it keeps the cold chain (the node needs cold storage)", example = "false") Boolean cold,
            @Schema(description = "The carrier serving it: its bookings are assigned to that carrier", example = "3f6d2b8a-1c4e-4a7f-9b52-8e0d6c1a7f34")
            UUID carrier) {
    }

    record LegTariff(
            @Schema(description = "Fen per kg on this leg", example = "40", requiredMode = REQUIRED) @NotNull @Min(0) @Max(Tariff.MAX_FEN) Long fenPerKg,
            @Schema(description = "The least a shipment pays for this leg, in fen", example = "200", requiredMode = REQUIRED)
            @NotNull @Min(0) @Max(Tariff.MAX_FEN) Long minimumFen) {
    }

    record TariffRequest(
            @Schema(description = "Village post to township station", requiredMode = REQUIRED) @NotNull @Valid LegTariff villageTownship,
            @Schema(description = "Township station to the county's park", requiredMode = REQUIRED) @NotNull @Valid LegTariff townshipCounty,
            @Schema(description = "The share of a registered poor household's price the county pays, in percent (rounded down to the fen)",
                    example = "50", requiredMode = REQUIRED) @NotNull @Min(0) @Max(100) Integer subsidyPercent,
            @Schema(description = "The most the county pays for one shipment, in fen", example = "1000", requiredMode = REQUIRED)
            @NotNull @Min(0) @Max(Tariff.MAX_FEN) Long subsidyCapFen) {
    }

    record SlotResponse(UUID id, UUID node, LocalDate day, String kind, LocalTime windowStart, LocalTime windowEnd, BigDecimal capacityKg,
                        int capacityParcels, BigDecimal bookedKg, int bookedParcels, BigDecimal freeKg, int freeParcels, boolean cold, UUID carrier) {
    }

    record TariffResponse(LegTariff villageTownship, LegTariff townshipCounty, int subsidyPercent, long subsidyCapFen) {
    }

    private final CountyGate gate;
    private final Bookings bookings;

    SlotController(CountyGate gate, Bookings bookings) {
        this.gate = gate;
        this.bookings = bookings;
    }

    @PostMapping("/counties/{county}/slots")
    Mono<ResponseEntity<SlotResponse>> open(@PathVariable String county, @Valid @RequestBody SlotRequest request) {
        return gate.act(county).flatMap(code -> bookings.openSlot(code, request.node(), request.day(), request.kind(), request.windowStart(),
                        request.windowEnd(), request.capacityKg(), request.capacityParcels(), Boolean.TRUE.equals(request.cold()), request.carrier()))
                .map(slot -> ResponseEntity.created(URI.create("/counties/" + county + "/slots/" + slot.id())).body(response(slot)));
    }

    @GetMapping("/counties/{county}/slots")
    Mono<List<SlotResponse>> ofDay(@PathVariable String county, @RequestParam(required = false) String day,
                                   @RequestParam(required = false) String node) {
        LocalDate date = BookingController.day("day", day);
        UUID at = node == null ? null : RequestIds.uuid("node", node);
        return gate.read(county).flatMap(code -> bookings.slotsOfDay(code, date, at))
                .map(list -> list.stream().map(SlotController::response).toList());
    }

    @GetMapping("/counties/{county}/slots/next-free")
    Mono<List<SlotResponse>> nextFree(@PathVariable String county, @RequestParam(required = false) String node,
                                      @RequestParam(required = false) String kind, @RequestParam(required = false) String from,
                                      @RequestParam(defaultValue = "1") String weightKg, @RequestParam(defaultValue = "1") int parcels,
                                      @RequestParam(defaultValue = "false") boolean cold, @RequestParam(defaultValue = "5") int limit) {
        PageLimit.check(limit, 50);
        if (node == null) {
            throw InvalidRequestException.field("node", "is required");
        }
        UUID at = RequestIds.uuid("node", node);
        SlotKind slotKind = kind(kind);
        LocalDate first = from == null ? null : BookingController.day("from", from);
        long grams = BookingController.grams(weightKg);
        if (parcels < 1 || parcels > Booking.MAX_PARCELS) {
            throw InvalidRequestException.field("parcels", "must be 1 to " + Booking.MAX_PARCELS);
        }
        return gate.read(county).flatMap(code -> bookings.nextFree(code, at, slotKind, first, grams, parcels, cold, limit))
                .map(list -> list.stream().map(SlotController::response).toList());
    }

    @GetMapping("/counties/{county}/slots/{id}")
    Mono<SlotResponse> slot(@PathVariable String county, @PathVariable String id) {
        UUID slot = RequestIds.uuid("id", id);
        return gate.read(county).flatMap(code -> bookings.slot(code, slot)).map(SlotController::response);
    }

    @PutMapping("/counties/{county}/tariffs")
    Mono<TariffResponse> setTariff(@PathVariable String county, @Valid @RequestBody TariffRequest request) {
        return gate.act(county).flatMap(code -> bookings.setTariff(code, new Tariff(request.villageTownship().fenPerKg(),
                        request.villageTownship().minimumFen(), request.townshipCounty().fenPerKg(), request.townshipCounty().minimumFen(),
                        request.subsidyPercent(), request.subsidyCapFen())))
                .map(SlotController::response);
    }

    @GetMapping("/counties/{county}/tariffs")
    Mono<TariffResponse> tariff(@PathVariable String county) {
        return gate.read(county).flatMap(code -> bookings.tariff(code)).map(SlotController::response);
    }

    private static SlotKind kind(String kind) {
        if (kind == null) {
            throw InvalidRequestException.field("kind", "is required: PICKUP or DELIVERY");
        }
        try {
            return SlotKind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.field("kind", "must be PICKUP or DELIVERY");
        }
    }

    private static TariffResponse response(Tariff tariff) {
        return new TariffResponse(new LegTariff(tariff.villageTownshipFenPerKg(), tariff.villageTownshipMinimumFen()),
                new LegTariff(tariff.townshipCountyFenPerKg(), tariff.townshipCountyMinimumFen()), tariff.subsidyPercent(), tariff.subsidyCapFen());
    }

    static SlotResponse response(Slot slot) {
        return new SlotResponse(slot.id(), slot.node(), slot.day(), slot.kind().name(), slot.windowStart(), slot.windowEnd(),
                Weight.kilograms(slot.capacityGrams()), slot.capacityParcels(), Weight.kilograms(slot.bookedGrams()), slot.bookedParcels(),
                Weight.kilograms(slot.freeGrams()), slot.freeParcels(), slot.cold(), slot.carrier());
    }
}
