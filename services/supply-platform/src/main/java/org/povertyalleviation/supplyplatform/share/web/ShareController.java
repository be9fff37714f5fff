package org.povertyalleviation.supplyplatform.share.web;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.povertyalleviation.platform.counties.CountyGate;
import org.povertyalleviation.platform.problem.PageLimit;
import org.povertyalleviation.platform.problem.RequestIds;
import org.povertyalleviation.supplyplatform.share.Shares;
import org.povertyalleviation.supplyplatform.share.Shares.DividendView;
import org.povertyalleviation.supplyplatform.share.domain.DividendSplit;
import org.povertyalleviation.supplyplatform.share.domain.Shareholding;
import org.povertyalleviation.supplyplatform.share.domain.StakeKind;
import org.povertyalleviation.supplyplatform.share.domain.DividendSummary;
import org.povertyalleviation.supplyplatform.web.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Households' stakes in an organisation and its dividends, which reach the households' income ledgers (DIVIDEND). */
@RestController
class ShareController {

    record InvestRequest(
            @Schema(description = "The investing household (its id in the household registry)", example = "7c1e9b52-8f3a-4d6b-a0e4-2b5d9c8f1a37")
            @NotNull UUID household,
            @Schema(description = "MONEY, LAND (valued) or FUND (its industry-to-household support fund)", example = "FUND") @NotNull StakeKind kind,
            @Schema(description = "The stake's value in fen", example = "5000000") @NotNull @Positive @Max(Shareholding.MAX_AMOUNT_FEN) Long amountFen,
            @Schema(description = "The day it was invested", example = "2025-04-01") @NotNull LocalDate investedOn,
            @Schema(description = "The terms: dividend rate, duration, return of capital", example = "年分红 10%，期限 3 年")
            @Size(max = Shareholding.MAX_TERMS) String terms) {
    }

    record DividendRequest(
            @Schema(description = "The financial year it is for", example = "2026") @NotNull @Min(2000) @Max(2100) Integer year,
            @Schema(description = "The day it is paid: stakes held that day share it", example = "2026-12-01") @NotNull LocalDate paidOn,
            @Schema(description = "A rate on each stake in basis points (1,000 = 10 %); or give amountFen", example = "1000")
            @Positive @Max(DividendSplit.MAX_RATE_BASIS_POINTS) Integer rateBasisPoints,
            @Schema(description = "An amount in fen shared pro rata to the stakes; or give rateBasisPoints", example = "20000000")
            @Positive @Max(DividendSplit.MAX_DECLARED_FEN) Long amountFen) {
    }

    record ShareholdingResponse(UUID id, UUID organisation, UUID household, String fileNumber, String kind, long amountFen, LocalDate investedOn,
                                String terms) {
    }

    record DividendResponse(UUID id, UUID organisation, int year, Integer rateBasisPoints, Long declaredFen, long totalFen, LocalDate paidOn,
                            long households, String declaredBy, Instant declaredAt, List<PartResponse> parts) {
    }

    record PartResponse(UUID household, String fileNumber, long stakeFen, long amountFen) {
    }

    private final CountyGate gate;
    private final Shares shares;

    ShareController(CountyGate gate, Shares shares) {
        this.gate = gate;
        this.shares = shares;
    }

    @PostMapping("/counties/{county}/organisations/{id}/shareholdings")
    Mono<ResponseEntity<ShareholdingResponse>> invest(@PathVariable String county, @PathVariable String id, @Valid @RequestBody InvestRequest request) {
        UUID organisation = RequestIds.uuid("id", id);
        return gate.act(county).flatMap(code -> Caller.name().flatMap(caller -> shares.invest(code, organisation, request.household(),
                        request.kind(), request.amountFen(), request.investedOn(), request.terms(), caller)))
                .map(holding -> ResponseEntity.status(201).body(response(holding, null)));
    }

    @GetMapping("/counties/{county}/organisations/{id}/shareholdings")
    Mono<List<ShareholdingResponse>> shareholdings(@PathVariable String county, @PathVariable String id,
                                                   @RequestParam(defaultValue = "1000") int limit) {
        PageLimit.check(limit, 20_000);
        UUID organisation = RequestIds.uuid("id", id);
        return gate.read(county).flatMap(code -> shares.shareholdings(code, organisation, limit))
                .map(holdings -> holdings.shareholdings().stream().map(h -> response(h, holdings.fileNumbers().get(h.household()))).toList());
    }

    @PostMapping("/counties/{county}/organisations/{id}/dividends")
    Mono<ResponseEntity<DividendResponse>> declare(@PathVariable String county, @PathVariable String id, @Valid @RequestBody DividendRequest request) {
        UUID organisation = RequestIds.uuid("id", id);
        return gate.act(county).flatMap(code -> Caller.name().flatMap(caller -> shares.declare(code, organisation, request.year(),
                        request.rateBasisPoints(), request.amountFen(), request.paidOn(), caller)))
                .map(view -> ResponseEntity.created(URI.create("/counties/" + county + "/organisations/" + id + "/dividends/" + view.dividend().id()))
                        .body(response(view)));
    }

    @GetMapping("/counties/{county}/organisations/{id}/dividends")
    Mono<List<DividendResponse>> dividends(@PathVariable String county, @PathVariable String id) {
        UUID organisation = RequestIds.uuid("id", id);
        return gate.read(county).flatMap(code -> shares.dividends(code, organisation))
                .map(list -> list.stream().map(summary -> response(summary, null)).toList());
    }

    @GetMapping("/counties/{county}/organisations/{id}/dividends/{dividend}")
    Mono<DividendResponse> dividend(@PathVariable String county, @PathVariable String id, @PathVariable String dividend) {
        UUID organisation = RequestIds.uuid("id", id);
        UUID declared = RequestIds.uuid("dividend", dividend);
        return gate.read(county).flatMap(code -> shares.dividend(code, organisation, declared)).map(ShareController::response);
    }

    private static ShareholdingResponse response(Shareholding h, String fileNumber) {
        return new ShareholdingResponse(h.id(), h.organisation(), h.household(), fileNumber, h.kind().name(), h.amountFen(), h.investedOn(), h.terms());
    }

    private static DividendResponse response(DividendView view) {
        return response(view.dividend(), view.parts().stream()
                .map(p -> new PartResponse(p.household(), view.fileNumbers().get(p.household()), p.stakeFen(), p.amountFen())).toList());
    }

    private static DividendResponse response(DividendSummary d, List<PartResponse> parts) {
        return new DividendResponse(d.id(), d.organisation(), d.year(), d.rateBasisPoints(), d.declaredFen(), d.totalFen(), d.paidOn(), d.households(),
                d.declaredBy(), d.declaredAt(), parts);
    }
}
