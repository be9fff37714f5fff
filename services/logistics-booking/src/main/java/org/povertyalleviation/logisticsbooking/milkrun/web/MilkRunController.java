package org.povertyalleviation.logisticsbooking.milkrun.web;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import org.povertyalleviation.logisticsbooking.milkrun.MilkRuns;
import org.povertyalleviation.logisticsbooking.milkrun.domain.MilkRun;
import org.povertyalleviation.logisticsbooking.milkrun.domain.MilkRunSummary;
import org.povertyalleviation.logisticsbooking.milkrun.domain.Pickup;
import org.povertyalleviation.logisticsbooking.milkrun.domain.PlannedRun;
import org.povertyalleviation.logisticsbooking.milkrun.domain.Post;
import org.povertyalleviation.logisticsbooking.milkrun.domain.VehicleOnDuty;
import org.povertyalleviation.platform.counties.CountyGate;
import org.povertyalleviation.platform.security.Caller;
import org.povertyalleviation.platform.problem.InvalidRequestException;
import org.povertyalleviation.platform.problem.PageLimit;
import org.povertyalleviation.platform.problem.RequestIds;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Milk runs: a township's pickup routes for a day, planned by the solver, locked and replanned by dispatchers. */
@RestController
class MilkRunController {

    // The bodies carry @Schema only: they are validated after the county gate (the domain decides), so that a caller of
    // another county learns nothing about what is wrong with a body.

    @Schema(description = "A township and a day to plan the pickup routes of.")
    record PlanRequest(
            @Schema(description = "The township's 9-digit code: a township of the county (400 otherwise) with a township station and a "
                    + "vehicle based there working that day (422 otherwise)", example = "621222101", requiredMode = REQUIRED, pattern = "\\d{9}")
            String township,
            @Schema(description = "The day (YYYY-MM-DD): today or later in China", example = "2026-12-01", requiredMode = REQUIRED,
                    type = "string", format = "date") String day,
            @Schema(description = "How long the solver may search, in seconds (it stops earlier once it stops improving)", example = "10",
                    minimum = "1", maximum = "60", defaultValue = "10") Integer budgetSeconds) {
    }

    @Schema(description = "How long the replan may search.")
    record ReplanRequest(
            @Schema(description = "How long the solver may search, in seconds (it stops earlier once it stops improving)", example = "10",
                    minimum = "1", maximum = "60", defaultValue = "10") Integer budgetSeconds) {
    }

    @Schema(description = "The vehicle a pickup is locked to.")
    record LockRequest(
            @Schema(description = "The vehicle's id: one with a route in this plan, a cold one for a cold pickup (422 otherwise)",
                    example = "3f6b2a10-7c4d-4e8f-9a21-5b7c8d9e0f12", requiredMode = REQUIRED, format = "uuid") String vehicle) {
    }

    record MilkRunResponse(UUID id, String township, LocalDate day, String status, UUID replanOf, int budgetSeconds, Instant plannedAt,
                           String plannedBy, DepotResponse depot, String dayStart, List<RouteResponse> routes, List<UnassignedResponse> unassigned,
                           int assigned, int totalDriveMinutes, int baselineDriveMinutes, int baselineUnassigned, Double ratioToBaseline,
                           ScoreResponse score, boolean feasible, List<BrokenRuleResponse> brokenRules) {
    }

    record DepotResponse(UUID node, String name, double latitude, double longitude) {
    }

    record VehicleResponse(UUID id, String plate, int capacityKg, int capacityParcels, boolean cold) {
    }

    record RouteResponse(VehicleResponse vehicle, String leaving, String back, int driveMinutes, int routeMinutes, BigDecimal loadKg,
                         int loadParcels, List<StopResponse> stops) {
    }

    record WindowResponse(String start, String end) {
    }

    record StopResponse(int position, UUID booking, String villageCode, UUID node, String nodeName, double latitude, double longitude,
                        String arrival, WindowResponse window, BigDecimal loadKg, int parcels, boolean cold, boolean locked, UUID lockedVehicle) {
    }

    record UnassignedResponse(UUID booking, String villageCode, UUID node, String nodeName, double latitude, double longitude, WindowResponse window,
                              BigDecimal loadKg, int parcels, boolean cold, String reason, String message, boolean locked, UUID lockedVehicle) {
    }

    record ScoreResponse(int hard, int medium, int soft) {
    }

    record BrokenRuleResponse(String rule, int matches, int hardPenalty) {
    }

    record SummaryResponse(UUID id, String township, LocalDate day, String status, Instant plannedAt, String plannedBy, UUID replanOf,
                           int budgetSeconds, int vehiclesUsed, int assigned, int unassigned, int totalDriveMinutes, int baselineDriveMinutes,
                           Double ratioToBaseline, boolean feasible) {
    }

    private static final DateTimeFormatter HOURS_MINUTES = DateTimeFormatter.ofPattern("HH:mm");

    private final CountyGate gate;
    private final MilkRuns milkRuns;

    MilkRunController(CountyGate gate, MilkRuns milkRuns) {
        this.gate = gate;
        this.milkRuns = milkRuns;
    }

    @PostMapping("/counties/{county}/milk-runs")
    Mono<ResponseEntity<MilkRunResponse>> plan(@PathVariable String county, @RequestBody PlanRequest request) {
        return gate.act(county).flatMap(code -> Caller.of(code).map(Caller::recordedAs).flatMap(caller -> milkRuns.plan(code, request.township(), request.day(),
                        request.budgetSeconds(), caller)))
                .map(plan -> ResponseEntity.created(URI.create("/counties/" + county + "/milk-runs/" + plan.id())).body(response(plan)));
    }

    @GetMapping("/counties/{county}/milk-runs")
    Mono<List<SummaryResponse>> latest(@PathVariable String county, @RequestParam(required = false) String township,
                                       @RequestParam(required = false) String day, @RequestParam(defaultValue = "20") int limit) {
        PageLimit.check(limit, 200);
        return gate.read(county).flatMap(code -> {
            if (township != null && !township.matches("\\d{9}")) {
                throw InvalidRequestException.field("township", "must be 9 digits");
            }
            return milkRuns.latest(code, township, day == null ? null : date("day", day), limit);
        }).map(list -> list.stream().map(MilkRunController::summary).toList());
    }

    @GetMapping("/counties/{county}/milk-runs/{id}")
    Mono<MilkRunResponse> plan(@PathVariable String county, @PathVariable String id) {
        UUID plan = RequestIds.uuid("id", id);
        return gate.read(county).flatMap(code -> milkRuns.find(code, plan)).map(MilkRunController::response);
    }

    @PutMapping("/counties/{county}/milk-runs/{id}/locks/{booking}")
    Mono<MilkRunResponse> lock(@PathVariable String county, @PathVariable String id, @PathVariable String booking,
                               @RequestBody LockRequest request) {
        UUID plan = RequestIds.uuid("id", id);
        UUID stop = RequestIds.uuid("booking", booking);
        return gate.act(county).flatMap(code -> {
            if (request.vehicle() == null) {
                throw InvalidRequestException.field("vehicle", "is required");
            }
            return milkRuns.lock(code, plan, stop, RequestIds.uuid("vehicle", request.vehicle()));
        }).map(MilkRunController::response);
    }

    @DeleteMapping("/counties/{county}/milk-runs/{id}/locks/{booking}")
    Mono<MilkRunResponse> unlock(@PathVariable String county, @PathVariable String id, @PathVariable String booking) {
        UUID plan = RequestIds.uuid("id", id);
        UUID stop = RequestIds.uuid("booking", booking);
        return gate.act(county).flatMap(code -> milkRuns.unlock(code, plan, stop)).map(MilkRunController::response);
    }

    @PostMapping("/counties/{county}/milk-runs/{id}/replan")
    Mono<ResponseEntity<MilkRunResponse>> replan(@PathVariable String county, @PathVariable String id,
                                                 @RequestBody(required = false) ReplanRequest request) {
        UUID plan = RequestIds.uuid("id", id);
        return gate.act(county).flatMap(code -> Caller.of(code).map(Caller::recordedAs).flatMap(caller -> milkRuns.replan(code, plan,
                        request == null ? null : request.budgetSeconds(), caller)))
                .map(replanned -> ResponseEntity.created(URI.create("/counties/" + county + "/milk-runs/" + replanned.id())).body(response(replanned)));
    }

    private static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw InvalidRequestException.field(field, "must be a date (YYYY-MM-DD)");
        }
    }

    private static MilkRunResponse response(MilkRun plan) {
        PlannedRun run = plan.run();
        Post depot = plan.depot();
        return new MilkRunResponse(plan.id(), plan.township(), plan.day(), plan.status().name(), plan.replanOf(), plan.budgetSeconds(),
                plan.plannedAt(), plan.plannedBy(), new DepotResponse(depot.node(), depot.name(), depot.latitude(), depot.longitude()),
                time(run.dayStart()), run.routes().stream().map(MilkRunController::route).toList(),
                run.unassigned().stream().map(MilkRunController::unassigned).toList(), run.assigned(), run.totalDriveMinutes(),
                run.baselineDriveMinutes(), run.baselineUnassigned(), run.ratioToBaseline(),
                new ScoreResponse(run.score().hard(), run.score().medium(), run.score().soft()), run.score().feasible(),
                run.brokenRules().stream().map(rule -> new BrokenRuleResponse(rule.rule(), rule.matches(), rule.hardPenalty())).toList());
    }

    private static RouteResponse route(PlannedRun.Route route) {
        VehicleOnDuty vehicle = route.vehicle();
        List<StopResponse> stops = new ArrayList<>();
        for (int i = 0; i < route.stops().size(); i++) {
            PlannedRun.PlannedStop stop = route.stops().get(i);
            Pickup pickup = stop.pickup();
            Post post = pickup.post();
            stops.add(new StopResponse(i + 1, pickup.booking(), post.villageCode(), post.node(), post.name(), post.latitude(), post.longitude(),
                    time(stop.arrival()), window(pickup), kg(pickup.weightGrams()), pickup.parcels(), pickup.cold(), stop.locked(),
                    stop.lockedVehicle()));
        }
        return new RouteResponse(new VehicleResponse(vehicle.id(), vehicle.plate(), vehicle.capacityKg(), vehicle.capacityParcels(), vehicle.cold()),
                time(route.leaving()), time(route.back()), route.driveMinutes(), route.routeMinutes(), kg(route.loadGrams()), route.loadParcels(),
                stops);
    }

    private static UnassignedResponse unassigned(PlannedRun.Unplaced unplaced) {
        Pickup pickup = unplaced.pickup();
        Post post = pickup.post();
        return new UnassignedResponse(pickup.booking(), post.villageCode(), post.node(), post.name(), post.latitude(), post.longitude(),
                window(pickup), kg(pickup.weightGrams()), pickup.parcels(), pickup.cold(), unplaced.reason().name(), unplaced.message(),
                unplaced.lockedVehicle() != null, unplaced.lockedVehicle());
    }

    private static SummaryResponse summary(MilkRunSummary summary) {
        return new SummaryResponse(summary.id(), summary.township(), summary.day(), summary.status().name(), summary.plannedAt(),
                summary.plannedBy(), summary.replanOf(), summary.budgetSeconds(), summary.vehiclesUsed(), summary.assigned(), summary.unassigned(),
                summary.totalDriveMinutes(), summary.baselineDriveMinutes(), summary.ratioToBaseline(), summary.feasible());
    }

    private static WindowResponse window(Pickup pickup) {
        return new WindowResponse(time(pickup.windowStart()), time(pickup.windowEnd()));
    }

    private static String time(LocalTime time) {
        return time.format(HOURS_MINUTES);
    }

    private static BigDecimal kg(long grams) {
        BigDecimal kg = BigDecimal.valueOf(grams, 3).stripTrailingZeros();
        return kg.scale() < 0 ? kg.setScale(0) : kg;
    }
}
