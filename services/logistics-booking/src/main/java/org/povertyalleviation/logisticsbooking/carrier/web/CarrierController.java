package org.povertyalleviation.logisticsbooking.carrier.web;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import java.net.URI;
import java.time.DayOfWeek;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.povertyalleviation.logisticsbooking.carrier.Carriers;
import org.povertyalleviation.logisticsbooking.carrier.domain.Carrier;
import org.povertyalleviation.logisticsbooking.carrier.domain.Vehicle;
import org.povertyalleviation.platform.counties.CountyGate;
import org.povertyalleviation.platform.problem.RequestIds;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Logistics companies working in the county, and their vehicles. */
@RestController
class CarrierController {

    record CarrierRequest(
            @Schema(description = "The company's name", example = "陇南邮政速递物流", requiredMode = REQUIRED) @NotBlank @Size(max = Carrier.MAX_NAME) String name,
            @Schema(description = "The partner client it calls the gateway with (its bookings are bound to it)", example = "partner-wen")
            @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}", message = "must be a client id") String client) {
    }

    record VehicleRequest(
            @Schema(description = "Licence plate", example = "甘K·12345", requiredMode = REQUIRED) @NotBlank @Size(max = 12) String plate,
            @Schema(description = "What it carries, in kg", example = "1500", requiredMode = REQUIRED)
            @NotNull @Min(1) @Max(Vehicle.MAX_CAPACITY_KG) Integer capacityKg,
            @Schema(description = "How many parcels it carries", example = "120", requiredMode = REQUIRED)
            @NotNull @Min(1) @Max(Vehicle.MAX_CAPACITY_PARCELS) Integer capacityParcels,
            @Schema(description = "Whether it is refrigerated", example = "false") Boolean cold,
            @ArraySchema(arraySchema = @Schema(description = "The days of the week it runs", requiredMode = REQUIRED),
                    schema = @Schema(example = "MONDAY"), maxItems = 7)
            @NotEmpty @Size(max = 7) Set<@NotNull DayOfWeek> workingDays,
            @Schema(description = "The node its runs start from (its township station)", example = "0b8e2f6c-3d1a-4c7e-9f52-6a4d8b1e7c30",
                    requiredMode = REQUIRED) @NotNull UUID base) {
    }

    record VehicleResponse(UUID id, UUID carrier, String plate, int capacityKg, int capacityParcels, boolean cold, List<String> workingDays, UUID base) {
    }

    record CarrierResponse(UUID id, String county, String name, String client, List<VehicleResponse> vehicles) {
    }

    private final CountyGate gate;
    private final Carriers carriers;

    CarrierController(CountyGate gate, Carriers carriers) {
        this.gate = gate;
        this.carriers = carriers;
    }

    @PostMapping("/counties/{county}/carriers")
    Mono<ResponseEntity<CarrierResponse>> register(@PathVariable String county, @Valid @RequestBody CarrierRequest request) {
        return gate.act(county).flatMap(code -> carriers.register(code, request.name(), request.client()))
                .map(carrier -> ResponseEntity.created(URI.create("/counties/" + county + "/carriers/" + carrier.id()))
                        .body(new CarrierResponse(carrier.id(), county, carrier.name(), carrier.client(), List.of())));
    }

    @PostMapping("/counties/{county}/carriers/{id}/vehicles")
    Mono<ResponseEntity<VehicleResponse>> addVehicle(@PathVariable String county, @PathVariable String id, @Valid @RequestBody VehicleRequest request) {
        UUID carrier = RequestIds.uuid("id", id);
        return gate.act(county).flatMap(code -> carriers.addVehicle(code, carrier, request.plate(), request.capacityKg(), request.capacityParcels(),
                        Boolean.TRUE.equals(request.cold()), request.workingDays(), request.base()))
                .map(vehicle -> ResponseEntity.created(URI.create("/counties/" + county + "/carriers/" + id + "/vehicles/" + vehicle.id()))
                        .body(response(vehicle)));
    }

    @GetMapping("/counties/{county}/carriers")
    Mono<List<CarrierResponse>> all(@PathVariable String county) {
        return gate.read(county).flatMap(code -> carriers.all(code))
                .map(views -> views.stream().map(view -> new CarrierResponse(view.carrier().id(), county, view.carrier().name(), view.carrier().client(),
                        view.vehicles().stream().map(CarrierController::response).toList())).toList());
    }

    @GetMapping("/counties/{county}/carriers/{id}")
    Mono<CarrierResponse> find(@PathVariable String county, @PathVariable String id) {
        UUID carrier = RequestIds.uuid("id", id);
        return gate.read(county).flatMap(code -> carriers.find(code, carrier))
                .map(view -> new CarrierResponse(view.carrier().id(), county, view.carrier().name(), view.carrier().client(),
                        view.vehicles().stream().map(CarrierController::response).toList()));
    }

    private static VehicleResponse response(Vehicle vehicle) {
        return new VehicleResponse(vehicle.id(), vehicle.carrier(), vehicle.plate(), vehicle.capacityKg(), vehicle.capacityParcels(), vehicle.cold(),
                vehicle.workingDays().stream().sorted().map(DayOfWeek::name).toList(), vehicle.base());
    }
}
