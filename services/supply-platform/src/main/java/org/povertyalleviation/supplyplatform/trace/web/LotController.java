package org.povertyalleviation.supplyplatform.trace.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.povertyalleviation.platform.codes.QrCodes;
import org.povertyalleviation.platform.counties.CountyGate;
import org.povertyalleviation.platform.problem.InvalidRequestException;
import org.povertyalleviation.platform.problem.PageLimit;
import org.povertyalleviation.platform.problem.RequestIds;
import org.povertyalleviation.supplyplatform.trace.LabelSheet;
import org.povertyalleviation.supplyplatform.trace.Lots;
import org.povertyalleviation.supplyplatform.trace.TraceProperties;
import org.povertyalleviation.supplyplatform.trace.domain.BusinessStep;
import org.povertyalleviation.supplyplatform.trace.domain.CopySuspicion;
import org.povertyalleviation.supplyplatform.trace.domain.Lot;
import org.povertyalleviation.supplyplatform.trace.domain.LotPart;
import org.povertyalleviation.supplyplatform.trace.domain.PrintRun;
import org.povertyalleviation.supplyplatform.trace.domain.TraceEvent;
import org.povertyalleviation.supplyplatform.web.Caller;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Lots of a product and their traceability: trace events, splits and merges, what the public page shows, and the pack
 * labels printed for them (QR codes and PDF sheets).
 */
@RestController
class LotController {

    record LotRequest(
            @Schema(description = "The product harvested", example = "e2a9c6f1-4b7d-4e3a-9c58-1f0d8b6e2a73") @NotNull UUID product,
            @Schema(description = "The supply base it was harvested from, one the product comes from", example = "0b8e2f6c-3d1a-4c7e-9f52-6a4d8b1e7c30")
            @NotNull UUID base,
            @Schema(description = "The organisation's own batch number", example = "WD-2026-09-03")
            @NotBlank @Size(max = Lot.MAX_LOT_NUMBER) String lotNumber,
            @Schema(description = "How much, in the product's unit, up to three decimals", example = "1250.5")
            @NotNull @Positive @DecimalMax("10000000") @Digits(integer = 8, fraction = 3) BigDecimal quantity,
            @Schema(description = "The day it was harvested (not in the future)", example = "2026-09-03") @NotNull LocalDate harvestDate,
            @Schema(description = "Its grade", example = "特级") @NotBlank @Size(max = Lot.MAX_GRADE) String grade,
            @ArraySchema(arraySchema = @Schema(description = "The registered households that supplied it (the public page shows only their number)"),
                    schema = @Schema(description = "A household of the county", example = "7c1e9b52-8f3a-4d6b-a0e4-2b5d9c8f1a37"), maxItems = 500)
            @Size(max = 500) List<@NotNull UUID> households) {
    }

    record ChildRequest(
            @Schema(description = "The child's batch number", example = "WD-2026-09-03-A") @NotBlank @Size(max = Lot.MAX_LOT_NUMBER) String lotNumber,
            @Schema(description = "How much it takes of the parent, up to three decimals", example = "500")
            @NotNull @Positive @DecimalMax("10000000") @Digits(integer = 8, fraction = 3) BigDecimal quantity,
            @Schema(description = "Its grade, if not the parent's", example = "一级") @Size(max = Lot.MAX_GRADE) String grade) {
    }

    record SplitRequest(
            @ArraySchema(arraySchema = @Schema(description = "The lots it is split into"), maxItems = 100)
            @NotEmpty @Size(max = 100) List<@NotNull @Valid ChildRequest> children) {
    }

    record PartRequest(
            @Schema(description = "A lot of the same product", example = "3f6d2b8a-1c4e-4a7f-9b52-8e0d6c1a7f34") @NotNull UUID lot,
            @Schema(description = "How much it gives, up to three decimals", example = "200")
            @NotNull @Positive @DecimalMax("10000000") @Digits(integer = 8, fraction = 3) BigDecimal quantity) {
    }

    record MergeRequest(
            @Schema(description = "The merged lot's batch number", example = "WD-MIX-2026-10") @NotBlank @Size(max = Lot.MAX_LOT_NUMBER) String lotNumber,
            @Schema(description = "Its grade", example = "一级") @NotBlank @Size(max = Lot.MAX_GRADE) String grade,
            @ArraySchema(arraySchema = @Schema(description = "The lots it is made of, at least two"), maxItems = 100)
            @NotNull @Size(min = 2, max = 100) List<@NotNull @Valid PartRequest> parts) {
    }

    record PublicationRequest(
            @Schema(description = "Whether the lot's codes open a public page", example = "true") @NotNull Boolean published,
            @ArraySchema(arraySchema = @Schema(description = "The business steps the page shows; every other step stays private"),
                    schema = @Schema(example = "HARVESTING"), maxItems = 6)
            @NotNull @Size(max = 6) Set<@NotNull BusinessStep> publicSteps) {
    }

    record EventRequest(
            @Schema(description = "The recorder's own id of the event: a resend with it records nothing new", example = "urn:uuid:6f1c2b8e-0d3a-4e5f-9a71-2c8b6d4e1f09")
            @NotBlank @Size(max = TraceEvent.MAX_EVENT_ID) String eventId,
            @Schema(description = "Why: the business step", example = "SHIPPING") @NotNull BusinessStep businessStep,
            @Schema(description = "When it happened (not in the future)", example = "2026-10-12T08:30:00+08:00") @NotNull Instant eventTime,
            @Schema(description = "Where, in words", example = "碧口镇快递站") @NotBlank @Size(max = TraceEvent.MAX_READ_POINT) String readPoint,
            @Schema(description = "Latitude (WGS 84), with longitude", example = "32.7456")
            @DecimalMin("-90") @DecimalMax("90") @Digits(integer = 2, fraction = 6) BigDecimal latitude,
            @Schema(description = "Longitude (WGS 84), with latitude", example = "105.2301")
            @DecimalMin("-180") @DecimalMax("180") @Digits(integer = 3, fraction = 6) BigDecimal longitude,
            @Schema(description = "How much it concerned, up to three decimals", example = "500")
            @Positive @DecimalMax("10000000") @Digits(integer = 8, fraction = 3) BigDecimal quantity,
            @Schema(description = "A private note (never public)", example = "冷链车 甘K·12345") @Size(max = TraceEvent.MAX_NOTE) String note) {
    }

    record PrintRunRequest(
            @Schema(description = "How many pack labels, each with a serial of its own", example = "500")
            @NotNull @Min(1) @Max(PrintRun.MAX_LABELS) Integer labels) {
    }

    record GtinRequest(
            @Schema(description = "The product's GTIN (8, 12, 13 or 14 digits with its check digit)", example = "06901234567892")
            @NotBlank @Size(max = 14) String gtin) {
    }

    record PartResponse(UUID parent, UUID child, BigDecimal quantity) {
    }

    record LotResponse(UUID id, String county, UUID product, UUID organisation, UUID base, String code, String codeUri, String lotNumber,
                       BigDecimal quantity, BigDecimal remaining, LocalDate harvestDate, String grade, boolean published, List<String> publicSteps,
                       List<PartResponse> parents, List<PartResponse> children, List<UUID> households, String createdBy, Instant createdAt) {
    }

    record LotSummary(UUID id, String code, String lotNumber, BigDecimal quantity, LocalDate harvestDate, String grade, boolean published) {
    }

    record EventResponse(UUID id, UUID lot, String eventId, String businessStep, Instant eventTime, String readPoint, BigDecimal latitude,
                         BigDecimal longitude, BigDecimal quantity, String note, String recordedBy, Instant recordedAt) {
    }

    record PrintRunResponse(UUID id, UUID lot, int labels, String createdBy, Instant createdAt) {
    }

    record SuspicionResponse(String serial, UUID lot, String reason, int scans, int places, Instant raisedAt) {
    }

    record GtinResponse(UUID product, String gtin) {
    }

    private final CountyGate gate;
    private final Lots lots;
    private final TraceProperties properties;

    LotController(CountyGate gate, Lots lots, TraceProperties properties) {
        this.gate = gate;
        this.lots = lots;
        this.properties = properties;
    }

    @PostMapping("/counties/{county}/lots")
    Mono<ResponseEntity<LotResponse>> create(@PathVariable String county, @Valid @RequestBody LotRequest request) {
        return gate.act(county).flatMap(code -> Caller.name().flatMap(caller -> lots.create(code, request.product(), request.base(),
                        request.lotNumber(), milli(request.quantity()), request.harvestDate(), request.grade(),
                        request.households() == null ? List.of() : request.households(), caller)))
                .map(view -> ResponseEntity.created(URI.create("/counties/" + county + "/lots/" + view.lot().id())).body(response(view)));
    }

    @GetMapping("/counties/{county}/products/{id}/lots")
    Mono<List<LotSummary>> ofProduct(@PathVariable String county, @PathVariable String id, @RequestParam(defaultValue = "100") int limit) {
        PageLimit.check(limit, 1000);
        UUID product = RequestIds.uuid("id", id);
        return gate.read(county).flatMap(code -> lots.ofProduct(code, product, limit)).map(list -> list.stream()
                .map(lot -> new LotSummary(lot.id(), lot.code(), lot.lotNumber(), quantity(lot.quantityMilli()), lot.harvestDate(), lot.grade(),
                        lot.published())).toList());
    }

    @GetMapping("/counties/{county}/lots/{id}")
    Mono<LotResponse> find(@PathVariable String county, @PathVariable String id) {
        UUID lot = RequestIds.uuid("id", id);
        return gate.read(county).flatMap(code -> lots.find(code, lot))
                .map(found -> response(found));
    }

    @PutMapping("/counties/{county}/lots/{id}/publication")
    Mono<LotResponse> publish(@PathVariable String county, @PathVariable String id, @Valid @RequestBody PublicationRequest request) {
        UUID lot = RequestIds.uuid("id", id);
        Set<BusinessStep> steps = request.publicSteps().isEmpty() ? Set.of() : EnumSet.copyOf(request.publicSteps());
        return gate.act(county).flatMap(code -> lots.publish(code, lot, request.published(), steps)).map(view -> response(view));
    }

    @PostMapping("/counties/{county}/lots/{id}/split")
    Mono<ResponseEntity<List<LotResponse>>> split(@PathVariable String county, @PathVariable String id, @Valid @RequestBody SplitRequest request) {
        UUID lot = RequestIds.uuid("id", id);
        List<Lots.Child> children = request.children().stream()
                .map(child -> new Lots.Child(child.lotNumber(), milli(child.quantity()), child.grade())).toList();
        return gate.act(county).flatMap(code -> Caller.name().flatMap(caller -> lots.split(code, lot, children, caller)))
                .map(made -> ResponseEntity.status(201).body(made.stream().map(view -> response(view)).toList()));
    }

    @PostMapping("/counties/{county}/lots/merge")
    Mono<ResponseEntity<LotResponse>> merge(@PathVariable String county, @Valid @RequestBody MergeRequest request) {
        List<Lots.Part> parts = request.parts().stream().map(part -> new Lots.Part(part.lot(), milli(part.quantity()))).toList();
        return gate.act(county).flatMap(code -> Caller.name().flatMap(caller -> lots.merge(code, request.lotNumber(), request.grade(), parts, caller)))
                .map(view -> ResponseEntity.created(URI.create("/counties/" + county + "/lots/" + view.lot().id())).body(response(view)));
    }

    @PostMapping("/counties/{county}/lots/{id}/events")
    Mono<ResponseEntity<EventResponse>> record(@PathVariable String county, @PathVariable String id, @Valid @RequestBody EventRequest request) {
        UUID lot = RequestIds.uuid("id", id);
        if ((request.latitude() == null) != (request.longitude() == null)) {
            throw InvalidRequestException.field(request.latitude() == null ? "latitude" : "longitude", "latitude and longitude come together");
        }
        Integer latitude = request.latitude() == null ? null : request.latitude().movePointRight(6).intValue();
        Integer longitude = request.longitude() == null ? null : request.longitude().movePointRight(6).intValue();
        Long quantity = request.quantity() == null ? null : milli(request.quantity());
        return gate.act(county).flatMap(code -> Caller.name().flatMap(caller -> lots.record(code, lot, request.eventId(), request.businessStep(),
                        request.eventTime(), request.readPoint(), latitude, longitude, quantity, request.note(), caller)))
                .map(recorded -> ResponseEntity.status(recorded.created() ? 201 : 200).body(response(recorded.event())));
    }

    @GetMapping("/counties/{county}/lots/{id}/events")
    Mono<List<EventResponse>> events(@PathVariable String county, @PathVariable String id, @RequestParam(defaultValue = "500") int limit) {
        PageLimit.check(limit, 5000);
        UUID lot = RequestIds.uuid("id", id);
        return gate.read(county).flatMap(code -> lots.events(code, lot, limit)).map(list -> list.stream().map(LotController::response).toList());
    }

    @PostMapping("/counties/{county}/lots/{id}/print-runs")
    Mono<ResponseEntity<PrintRunResponse>> print(@PathVariable String county, @PathVariable String id, @Valid @RequestBody PrintRunRequest request) {
        UUID lot = RequestIds.uuid("id", id);
        return gate.act(county).flatMap(code -> Caller.name().flatMap(caller -> lots.print(code, lot, request.labels(), caller)))
                .map(run -> ResponseEntity.status(201).body(response(run)));
    }

    @GetMapping("/counties/{county}/lots/{id}/print-runs")
    Mono<List<PrintRunResponse>> printRuns(@PathVariable String county, @PathVariable String id) {
        UUID lot = RequestIds.uuid("id", id);
        return gate.read(county).flatMap(code -> lots.printRuns(code, lot)).map(list -> list.stream().map(LotController::response).toList());
    }

    /** The run's labels as an A4 PDF sheet to print: made on a worker thread, since 5,000 QR codes take a while to draw. */
    @GetMapping(path = "/counties/{county}/lots/{id}/print-runs/{run}/labels.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    Mono<ResponseEntity<byte[]>> labels(@PathVariable String county, @PathVariable String id, @PathVariable String run) {
        UUID lot = RequestIds.uuid("id", id);
        UUID printRun = RequestIds.uuid("run", run);
        return gate.read(county).flatMap(code -> lots.labels(code, lot, printRun))
                .flatMap(labels -> Mono.fromCallable(() -> LabelSheet.pdf(labels.lot().lotNumber(), labels.serials(), labels.serials().stream()
                                .map(serial -> properties.codeUri(labels.gtin(), labels.lot().code(), serial)).toList()))
                        .subscribeOn(Schedulers.boundedElastic()))
                .map(pdf -> ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"labels-" + run + ".pdf\"")
                        .header(HttpHeaders.CACHE_CONTROL, "no-store").body(pdf));
    }

    @GetMapping(path = "/counties/{county}/lots/{id}/qr.svg", produces = "image/svg+xml")
    Mono<ResponseEntity<String>> qrSvg(@PathVariable String county, @PathVariable String id) {
        UUID lot = RequestIds.uuid("id", id);
        return gate.read(county).flatMap(code -> lots.code(code, lot))
                .map(found -> ResponseEntity.ok().contentType(MediaType.valueOf("image/svg+xml"))
                        .body(QrCodes.svg(properties.codeUri(found.gtin(), found.lot().code(), null))));
    }

    @GetMapping(path = "/counties/{county}/lots/{id}/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    Mono<ResponseEntity<byte[]>> qrPng(@PathVariable String county, @PathVariable String id, @RequestParam(defaultValue = "8") int moduleSize) {
        if (moduleSize < 1 || moduleSize > 40) {
            throw InvalidRequestException.field("moduleSize", "must be between 1 and 40 pixels");
        }
        UUID lot = RequestIds.uuid("id", id);
        return gate.read(county).flatMap(code -> lots.code(code, lot))
                .map(found -> ResponseEntity.ok().contentType(MediaType.IMAGE_PNG)
                        .body(QrCodes.png(properties.codeUri(found.gtin(), found.lot().code(), null), moduleSize)));
    }

    @GetMapping("/counties/{county}/copy-suspicions")
    Mono<List<SuspicionResponse>> suspicions(@PathVariable String county, @RequestParam(defaultValue = "100") int limit) {
        PageLimit.check(limit, 1000);
        return gate.read(county).flatMap(code -> lots.suspicions(code, limit)).map(list -> list.stream().map(LotController::response).toList());
    }

    @PutMapping("/counties/{county}/products/{id}/gtin")
    Mono<GtinResponse> setGtin(@PathVariable String county, @PathVariable String id, @Valid @RequestBody GtinRequest request) {
        UUID product = RequestIds.uuid("id", id);
        return gate.act(county).flatMap(code -> lots.setGtin(code, product, request.gtin())).map(gtin -> new GtinResponse(product, gtin));
    }

    private LotResponse response(Lots.LotView view) {
        String gtin = view.gtin();
        Lot lot = view.lot();
        return new LotResponse(lot.id(), lot.county().value(), lot.product(), lot.organisation(), lot.base(), lot.code(),
                properties.codeUri(gtin, lot.code(), null), lot.lotNumber(), quantity(lot.quantityMilli()), quantity(view.remainingMilli()),
                lot.harvestDate(), lot.grade(), lot.published(), lot.publicSteps().stream().sorted().map(Enum::name).toList(),
                view.parents().stream().map(LotController::response).toList(), view.children().stream().map(LotController::response).toList(),
                view.households(), lot.createdBy(), lot.createdAt());
    }

    private static PartResponse response(LotPart part) {
        return new PartResponse(part.parent(), part.child(), quantity(part.quantityMilli()));
    }

    private static EventResponse response(TraceEvent e) {
        return new EventResponse(e.id(), e.lot(), e.eventId(), e.step().name(), e.eventTime(), e.readPoint(),
                e.latitudeMicro() == null ? null : BigDecimal.valueOf(e.latitudeMicro(), 6),
                e.longitudeMicro() == null ? null : BigDecimal.valueOf(e.longitudeMicro(), 6),
                e.quantityMilli() == null ? null : quantity(e.quantityMilli()), e.note(), e.recordedBy(), e.recordedAt());
    }

    private static PrintRunResponse response(PrintRun run) {
        return new PrintRunResponse(run.id(), run.lot(), run.labels(), run.createdBy(), run.createdAt());
    }

    private static SuspicionResponse response(CopySuspicion s) {
        return new SuspicionResponse(s.serial(), s.lot(), s.reason().name(), s.scans(), s.places(), s.raisedAt());
    }

    private static long milli(BigDecimal quantity) {
        return quantity.movePointRight(3).longValueExact();
    }

    private static BigDecimal quantity(long milli) {
        return BigDecimal.valueOf(milli, 3);
    }
}
