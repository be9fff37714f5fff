package org.povertyalleviation.supplyplatform.workshop.web;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.povertyalleviation.platform.counties.CountyGate;
import org.povertyalleviation.platform.problem.InvalidRequestException;
import org.povertyalleviation.platform.problem.PageLimit;
import org.povertyalleviation.platform.problem.RequestIds;
import org.povertyalleviation.supplyplatform.web.Caller;
import org.povertyalleviation.supplyplatform.workshop.Workshops;
import org.povertyalleviation.supplyplatform.workshop.Workshops.WorkshopView;
import org.povertyalleviation.supplyplatform.workshop.domain.Payday;
import org.povertyalleviation.supplyplatform.workshop.domain.Wage;
import org.povertyalleviation.supplyplatform.workshop.domain.WageBasis;
import org.povertyalleviation.supplyplatform.workshop.domain.WageRecord;
import org.povertyalleviation.supplyplatform.workshop.domain.Workshop;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Workshops, their wage sheets and paydays, which reach the households' income ledgers (WORKSHOP_WAGE). */
@RestController
class WorkshopController {

    record OpenWorkshopRequest(
            @Schema(description = "The organisation that runs it", example = "e2a9c6f1-4b7d-4e3a-9c58-1f0d8b6e2a73") @NotNull UUID organisation,
            @Schema(description = "Its name", example = "碧口镇花椒分拣扶贫车间") @NotBlank @Size(max = Workshop.MAX_NAME) String name,
            @Schema(description = "The village it is in (12 digits)", example = "621222101201")
            @NotBlank @Pattern(regexp = "\\d{12}", message = "must be 12 digits") String village) {
    }

    record WageRequest(
            @Schema(description = "The worker's household (its id in the household registry)", example = "7c1e9b52-8f3a-4d6b-a0e4-2b5d9c8f1a37")
            @NotNull UUID household,
            @Schema(description = "The worker, by a pseudonymous reference (member id or the workshop's number), never a name or ID number",
                    example = "W-0042")
            @NotBlank @Size(max = WageRecord.MAX_WORKER)
            @Pattern(regexp = WageRecord.PSEUDONYM, message = "must be a reference of letters, digits and dashes, not an ID or phone number") String worker,
            @Schema(description = "The day worked", example = "2026-10-12") @NotNull LocalDate workedOn,
            @Schema(description = "DAY (a day's wage) or PIECE (by the piece)", example = "DAY") @NotNull WageBasis basis,
            @Schema(description = "The task: picking, packing, processing, …", example = "分拣") @NotBlank @Size(max = WageRecord.MAX_TASK) String task,
            @Schema(description = "Pieces done, when paid by the piece", example = "120") @Positive Integer pieces,
            @Schema(description = "The day's pay in fen", example = "12000") @NotNull @Positive @Max(Wage.MAX_AMOUNT_FEN) Long amountFen) {
    }

    record PaydayRequest(
            @Schema(description = "The day the wages were paid (the ledger counts them in that month)", example = "2026-10-31") @NotNull LocalDate paidOn,
            @Schema(description = "The last day of work it pays (default: paidOn)", example = "2026-10-31") LocalDate paidThrough) {
    }

    record WorkshopResponse(UUID id, String county, UUID organisation, String name, String village, long unpaidRecords, long unpaidFen,
                            long belowMinimum, long dailyMinimumFen, String openedBy, Instant openedAt) {
    }

    record WorkshopSummary(UUID id, UUID organisation, String name, String village) {
    }

    record WageResponse(UUID id, UUID household, String fileNumber, String worker, LocalDate workedOn, String basis, String task, Integer pieces, long amountFen,
                        boolean belowMinimum, UUID payday) {
    }

    record PaydayResponse(UUID id, UUID workshop, LocalDate paidOn, LocalDate paidThrough, int records, long totalFen, String paidBy) {
    }

    private final CountyGate gate;
    private final Workshops workshops;

    WorkshopController(CountyGate gate, Workshops workshops) {
        this.gate = gate;
        this.workshops = workshops;
    }

    @PostMapping("/counties/{county}/workshops")
    Mono<ResponseEntity<WorkshopResponse>> open(@PathVariable String county, @Valid @RequestBody OpenWorkshopRequest request) {
        return gate.act(county).flatMap(code -> Caller.name().flatMap(caller -> workshops.open(code, request.organisation(), request.name(),
                        request.village(), caller)))
                .map(view -> ResponseEntity.created(URI.create("/counties/" + county + "/workshops/" + view.workshop().id())).body(response(view)));
    }

    @GetMapping("/counties/{county}/workshops")
    Mono<List<WorkshopSummary>> list(@PathVariable String county, @RequestParam(defaultValue = "100") int limit) {
        PageLimit.check(limit, 1000);
        return gate.read(county).flatMap(code -> workshops.list(code, limit))
                .map(list -> list.stream().map(w -> new WorkshopSummary(w.id(), w.organisation(), w.name(), w.village())).toList());
    }

    @GetMapping("/counties/{county}/workshops/{id}")
    Mono<WorkshopResponse> find(@PathVariable String county, @PathVariable String id) {
        UUID workshop = RequestIds.uuid("id", id);
        return gate.read(county).flatMap(code -> workshops.find(code, workshop)).map(WorkshopController::response);
    }

    @PostMapping("/counties/{county}/workshops/{id}/wages")
    Mono<ResponseEntity<WageResponse>> recordWage(@PathVariable String county, @PathVariable String id, @Valid @RequestBody WageRequest request) {
        UUID workshop = RequestIds.uuid("id", id);
        return gate.act(county).flatMap(code -> Caller.name().flatMap(caller -> workshops.recordWage(code, workshop, request.household(),
                        request.worker(), request.workedOn(), request.basis(), request.task(), request.pieces(), request.amountFen(), caller)))
                .map(wage -> ResponseEntity.status(201).body(response(wage, null)));
    }

    @GetMapping("/counties/{county}/workshops/{id}/wages")
    Mono<List<WageResponse>> wages(@PathVariable String county, @PathVariable String id, @RequestParam String from, @RequestParam String to,
                                   @RequestParam(defaultValue = "1000") int limit) {
        PageLimit.check(limit, 10_000);
        UUID workshop = RequestIds.uuid("id", id);
        LocalDate first = date("from", from);
        LocalDate last = date("to", to);
        if (last.isBefore(first) || last.isAfter(first.plusDays(366))) {
            throw InvalidRequestException.field("to", "must be on or after from and at most a year later");
        }
        return gate.read(county).flatMap(code -> workshops.wages(code, workshop, first, last, limit))
                .map(wages -> wages.records().stream().map(r -> response(r, wages.fileNumbers().get(r.household()))).toList());
    }

    @PostMapping("/counties/{county}/workshops/{id}/paydays")
    Mono<ResponseEntity<PaydayResponse>> payday(@PathVariable String county, @PathVariable String id, @Valid @RequestBody PaydayRequest request) {
        UUID workshop = RequestIds.uuid("id", id);
        LocalDate through = request.paidThrough() == null ? request.paidOn() : request.paidThrough();
        return gate.act(county).flatMap(code -> Caller.name().flatMap(caller -> workshops.payday(code, workshop, request.paidOn(), through, caller)))
                .map(payday -> ResponseEntity.status(201).body(response(payday)));
    }

    @GetMapping("/counties/{county}/workshops/{id}/paydays")
    Mono<List<PaydayResponse>> paydays(@PathVariable String county, @PathVariable String id, @RequestParam(defaultValue = "100") int limit) {
        PageLimit.check(limit, 1000);
        UUID workshop = RequestIds.uuid("id", id);
        return gate.read(county).flatMap(code -> workshops.paydays(code, workshop, limit))
                .map(list -> list.stream().map(WorkshopController::response).toList());
    }

    private static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw InvalidRequestException.field(field, "must be a date like 2026-10-01");
        }
    }

    private static WorkshopResponse response(WorkshopView view) {
        Workshop w = view.workshop();
        return new WorkshopResponse(w.id(), w.county().value(), w.organisation(), w.name(), w.village(), view.sheet().unpaidRecords(),
                view.sheet().unpaidFen(), view.sheet().belowMinimum(), view.dailyMinimumFen(), w.openedBy(), w.openedAt());
    }

    private static WageResponse response(WageRecord r, String fileNumber) {
        return new WageResponse(r.id(), r.household(), fileNumber, r.worker(), r.workedOn(), r.wage().basis().name(), r.task(), r.wage().pieces(),
                r.wage().amountFen(), r.wage().belowMinimum(), r.payday());
    }

    private static PaydayResponse response(Payday p) {
        return new PaydayResponse(p.id(), p.workshop(), p.paidOn(), p.paidThrough(), p.records(), p.totalFen(), p.paidBy());
    }
}
