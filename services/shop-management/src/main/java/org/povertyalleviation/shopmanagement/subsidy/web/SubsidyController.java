package org.povertyalleviation.shopmanagement.subsidy.web;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import org.povertyalleviation.platform.counties.CountyGate;
import org.povertyalleviation.platform.problem.InvalidRequestException;
import org.povertyalleviation.platform.problem.PageLimit;
import org.povertyalleviation.platform.problem.RequestIds;
import org.povertyalleviation.platform.security.CountyAccess;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.shopmanagement.subsidy.Subsidies;
import org.povertyalleviation.shopmanagement.subsidy.domain.SubsidyStatus;
import org.povertyalleviation.shopmanagement.subsidy.persistence.SubsidyRepository.BudgetRow;
import org.povertyalleviation.shopmanagement.subsidy.persistence.SubsidyRepository.SubsidyRow;
import org.povertyalleviation.shopmanagement.web.Roles;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The subsidy workflow (submit, approve or reject, record payment) and the counties' yearly budgets. */
@RestController
class SubsidyController {

    // The bodies carry @Schema only, unlike the template's bean validation: they are validated after the county gate (the
    // domain decides), so that a caller of another county learns nothing about what is wrong with a body.

    @Schema(description = "A shop-opening subsidy applied for; the amount is the county's.")
    record SubmitRequest(
            @Schema(description = "The shop: a shop of this county, owned by a registered poor household and not closed (422 "
                    + "otherwise); a household and a shop are granted one subsidy (409)", example = "8c0f3a52-6b1e-4f7d-a2c9-3e5b7d1f9a64",
                    requiredMode = REQUIRED) UUID shop) {
    }

    @Schema(description = "Why the application is rejected; the household is told.")
    record RejectionRequest(
            @Schema(description = "The reason, not blank", example = "申请材料缺少营业执照复印件", requiredMode = REQUIRED, minLength = 1)
            String reason) {
    }

    @Schema(description = "The payment of an approved subsidy.")
    record PaymentRequest(
            @Schema(description = "The day it was paid (YYYY-MM-DD): not in the future, not before the approval", example = "2026-11-20",
                    requiredMode = REQUIRED) LocalDate paidOn,
            @Schema(description = "The payment's reference (a voucher number); left out or blank: none", example = "WXCZ-2026-1120-07")
            String reference) {
    }

    @Schema(description = "The county's subsidy budget of the year.")
    record BudgetRequest(
            @Schema(description = "The budget in fen, not negative, and not below what approvals already committed (409)",
                    example = "50000000", requiredMode = REQUIRED, minimum = "0") Long budgetFen) {
    }

    record SubsidyResponse(UUID id, String county, UUID household, UUID shop, long amountFen, SubsidyStatus status, String submittedBy,
                           Instant submittedAt, String decidedBy, Instant decidedAt, Integer budgetYear, String rejectionReason,
                           LocalDate paidOn, String paymentReference) {
    }

    record BudgetResponse(String county, int year, long budgetFen, long committedFen, long remainingFen) {
    }

    private final CountyGate gate;
    private final CountyAccess access;
    private final Subsidies subsidies;

    SubsidyController(CountyGate gate, CountyAccess access, Subsidies subsidies) {
        this.gate = gate;
        this.access = access;
        this.subsidies = subsidies;
    }

    @PostMapping("/counties/{county}/subsidies")
    Mono<ResponseEntity<SubsidyResponse>> submit(@PathVariable String county, @RequestBody SubmitRequest request) {
        return as(county, Roles.SUBSIDY_CLERKS).flatMap(code -> {
            if (request.shop() == null) {
                throw InvalidRequestException.field("shop", "is required");
            }
            return user().flatMap(user -> subsidies.submit(code, request.shop(), user));
        }).map(subsidy -> ResponseEntity.created(URI.create("/counties/" + county + "/subsidies/" + subsidy.id())).body(response(subsidy)));
    }

    /** The approval queue is {@code status=SUBMITTED}, oldest first; pass the last id of a page as {@code after}. */
    @GetMapping("/counties/{county}/subsidies")
    Flux<SubsidyResponse> subsidies(@PathVariable String county, @RequestParam(required = false) SubsidyStatus status,
                                    @RequestParam(required = false) String household, @RequestParam(required = false) String after,
                                    @RequestParam(defaultValue = "50") int limit) {
        PageLimit.check(limit, 500);
        UUID householdId = household == null ? null : RequestIds.uuid("household", household);
        UUID afterId = after == null ? null : RequestIds.uuid("after", after);
        return reader(county).flatMapMany(code -> subsidies.list(code, status, householdId, afterId, limit)).map(SubsidyController::response);
    }

    @GetMapping("/counties/{county}/subsidies/{id}")
    Mono<SubsidyResponse> subsidy(@PathVariable String county, @PathVariable String id) {
        UUID subsidyId = RequestIds.uuid("id", id);
        return reader(county).flatMap(code -> subsidies.find(code, subsidyId)).map(SubsidyController::response);
    }

    @PostMapping("/counties/{county}/subsidies/{id}/approval")
    Mono<SubsidyResponse> approve(@PathVariable String county, @PathVariable String id) {
        UUID subsidyId = RequestIds.uuid("id", id);
        return as(county, Roles.SUBSIDY_DECIDERS).flatMap(code -> user().flatMap(user -> subsidies.approve(code, subsidyId, user)))
                .map(SubsidyController::response);
    }

    @PostMapping("/counties/{county}/subsidies/{id}/rejection")
    Mono<SubsidyResponse> reject(@PathVariable String county, @PathVariable String id, @RequestBody RejectionRequest request) {
        UUID subsidyId = RequestIds.uuid("id", id);
        return as(county, Roles.SUBSIDY_DECIDERS).flatMap(code -> user().flatMap(user -> subsidies.reject(code, subsidyId, request.reason(), user)))
                .map(SubsidyController::response);
    }

    @PostMapping("/counties/{county}/subsidies/{id}/payment")
    Mono<SubsidyResponse> pay(@PathVariable String county, @PathVariable String id, @RequestBody PaymentRequest request) {
        UUID subsidyId = RequestIds.uuid("id", id);
        return as(county, Roles.SUBSIDY_CLERKS)
                .flatMap(code -> user().flatMap(user -> subsidies.pay(code, subsidyId, request.paidOn(), request.reference(), user)))
                .map(SubsidyController::response);
    }

    @PutMapping("/counties/{county}/subsidy-budgets/{year}")
    Mono<BudgetResponse> setBudget(@PathVariable String county, @PathVariable int year, @RequestBody BudgetRequest request) {
        return as(county, Roles.SUBSIDY_DECIDERS).flatMap(code -> {
            requireYear(year);
            if (request.budgetFen() == null || request.budgetFen() < 0) {
                throw InvalidRequestException.field("budgetFen", "is required and not negative");
            }
            return subsidies.setBudget(code, year, request.budgetFen()).map(budget -> response(code, budget));
        });
    }

    @GetMapping("/counties/{county}/subsidy-budgets/{year}")
    Mono<BudgetResponse> budget(@PathVariable String county, @PathVariable int year) {
        return reader(county).flatMap(code -> {
            requireYear(year);
            return subsidies.budget(code, year).map(budget -> response(code, budget));
        });
    }

    private static void requireYear(int year) {
        if (year < 2000 || year > 2100) {
            throw InvalidRequestException.field("year", "must be between 2000 and 2100");
        }
    }

    private Mono<CountyCode> reader(String county) {
        return gate.read(county).flatMap(code -> access.requireAnyRole(Roles.COUNTY_READERS).thenReturn(code));
    }

    private Mono<CountyCode> as(String county, String[] roles) {
        return gate.act(county).flatMap(code -> access.requireAnyRole(roles).thenReturn(code));
    }

    private static Mono<String> user() {
        return ReactiveSecurityContextHolder.getContext().map(context -> context.getAuthentication().getName());
    }

    private static SubsidyResponse response(SubsidyRow row) {
        return new SubsidyResponse(row.id(), row.countyCode(), row.household(), row.shop(), row.amountFen(), row.status(), row.submittedBy(),
                row.submittedAt(), row.decidedBy(), row.decidedAt(), row.budgetYear(), row.rejectionReason(), row.paidOn(), row.paymentReference());
    }

    private static BudgetResponse response(CountyCode county, BudgetRow row) {
        return new BudgetResponse(county.value(), row.year(), row.budgetFen(), row.committedFen(), row.budgetFen() - row.committedFen());
    }
}
