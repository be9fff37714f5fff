package org.povertyalleviation.shopmanagement.sales.web;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.povertyalleviation.platform.counties.CountyGate;
import org.povertyalleviation.platform.problem.InvalidRequestException;
import org.povertyalleviation.platform.problem.RequestIds;
import org.povertyalleviation.platform.security.CountyAccess;
import org.povertyalleviation.platform.security.PlatformAuthorities;
import org.povertyalleviation.shopmanagement.sales.SalesReports;
import org.povertyalleviation.shopmanagement.sales.SalesReports.ReportView;
import org.povertyalleviation.shopmanagement.sales.SalesReports.Reporter;
import org.povertyalleviation.shopmanagement.sales.domain.MonthlySales;
import org.povertyalleviation.shopmanagement.sales.persistence.SalesRepository.ReportRow;
import org.povertyalleviation.shopmanagement.sales.persistence.SalesRepository.ShareRow;
import org.povertyalleviation.shopmanagement.web.Roles;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Monthly sales reports, posted by partner platforms (through the gateway, with an Idempotency-Key) or entered by
 * clerks. Posting a reported month again with other figures is a correction.
 */
@RestController
class SalesController {

    // The bodies carry @Schema only, unlike the template's bean validation: they are validated after the county gate (the
    // domain decides), so that a caller of another county learns nothing about what is wrong with a body.

    /** One month of one shop, amounts in fen. */
    @Schema(description = "One month of one shop, amounts in fen (1 yuan = 100 fen). Posting a reported month again with other "
            + "figures is a correction.")
    record SalesReportRequest(
            @Schema(description = "The month, YYYY-MM, between 2000 and 2100: one that has begun, and not more than 12 months before "
                    + "the shop was registered", example = "2026-10", requiredMode = REQUIRED, pattern = "^\\d{4}-(0[1-9]|1[0-2])$") String month,
            @Schema(description = "Orders in the month, not negative; 0 only when grossFen is 0", example = "326",
                    requiredMode = REQUIRED, minimum = "0") Integer orders,
            @Schema(description = "Gross sales in fen, 0 to 1,000,000,000,000", example = "4218500", requiredMode = REQUIRED,
                    minimum = "0", maximum = "1000000000000") Long grossFen,
            @Schema(description = "Refunds in fen, 0 to 1,000,000,000,000; they may exceed the month's gross (refunds of earlier "
                    + "orders)", example = "35600", defaultValue = "0", minimum = "0", maximum = "1000000000000") Long refundsFen) {
    }

    record ShareResponse(UUID household, String role, String rule, long amountFen) {
    }

    record SalesReportResponse(UUID shop, String month, int orders, long grossFen, long refundsFen, long netFen, int revision,
                               String reportedBy, String reporter, Instant reportedAt,
                               @JsonInclude(JsonInclude.Include.NON_NULL) List<ShareResponse> shares) {
    }

    private final CountyGate gate;
    private final CountyAccess access;
    private final SalesReports reports;
    private final Clock clock;

    SalesController(CountyGate gate, CountyAccess access, SalesReports reports, Clock clock) {
        this.gate = gate;
        this.access = access;
        this.reports = reports;
        this.clock = clock;
    }

    /** 201 for a new month or a correction (a new revision), 200 when the same figures were already reported. */
    @PostMapping("/counties/{county}/shops/{id}/sales-reports")
    Mono<ResponseEntity<SalesReportResponse>> report(@PathVariable String county, @PathVariable String id,
                                                     @RequestBody SalesReportRequest request) {
        UUID shopId = RequestIds.uuid("id", id);
        return gate.act(county)
                .flatMap(code -> access.requireAnyRole(Roles.SALES_REPORTERS).then(reporter()).flatMap(reporter -> {
                    MonthlySales figures = figures(request);
                    return reports.report(code, shopId, figures, reporter.kind(), reporter.name());
                }))
                .map(view -> (view.changed()
                        ? ResponseEntity.created(URI.create("/counties/" + county + "/shops/" + shopId + "/sales-reports/" + view.report().month()))
                        : ResponseEntity.status(HttpStatus.OK)).body(response(view.report(), view.shares())));
    }

    @GetMapping("/counties/{county}/shops/{id}/sales-reports/{month}")
    Mono<SalesReportResponse> report(@PathVariable String county, @PathVariable String id, @PathVariable String month) {
        UUID shopId = RequestIds.uuid("id", id);
        YearMonth yearMonth = month("month", month);
        return gate.read(county).flatMap(code -> reports.find(code, shopId, yearMonth))
                .map(view -> response(view.report(), view.shares()));
    }

    /** Newest first; by default the last 24 months. */
    @GetMapping("/counties/{county}/shops/{id}/sales-reports")
    Flux<SalesReportResponse> reports(@PathVariable String county, @PathVariable String id,
                                      @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        UUID shopId = RequestIds.uuid("id", id);
        YearMonth last = to == null ? YearMonth.now(clock) : month("to", to);
        YearMonth first = from == null ? last.minusMonths(23) : month("from", from);
        if (first.isAfter(last)) {
            throw InvalidRequestException.field("from", "is after to");
        }
        return gate.read(county).flatMapMany(code -> reports.list(code, shopId, first, last)).map(report -> response(report, null));
    }

    private record Caller(Reporter kind, String name) {
    }

    private static Mono<Caller> reporter() {
        return ReactiveSecurityContextHolder.getContext().map(context -> context.getAuthentication()).map(SalesController::caller);
    }

    private static Caller caller(Authentication authentication) {
        boolean partner = authentication.getAuthorities().stream()
                .anyMatch(authority -> authority.getAuthority().equals(PlatformAuthorities.ROLE_PREFIX + "partner"));
        // A partner is named by its client id, not by Keycloak's service-account user name.
        String name = partner && authentication instanceof JwtAuthenticationToken jwt && jwt.getToken().getClaimAsString("azp") != null
                ? jwt.getToken().getClaimAsString("azp") : authentication.getName();
        return new Caller(partner ? Reporter.PARTNER : Reporter.CLERK, name);
    }

    private static MonthlySales figures(SalesReportRequest request) {
        YearMonth month = month("month", request.month());
        if (request.orders() == null) {
            throw InvalidRequestException.field("orders", "is required");
        }
        if (request.grossFen() == null) {
            throw InvalidRequestException.field("grossFen", "is required");
        }
        long refunds = request.refundsFen() == null ? 0 : request.refundsFen();
        return new MonthlySales(month, request.orders(), request.grossFen(), refunds);
    }

    private static YearMonth month(String field, String value) {
        if (value == null) {
            throw InvalidRequestException.field(field, "is required (YYYY-MM)");
        }
        YearMonth month;
        try {
            month = YearMonth.parse(value);
        } catch (DateTimeParseException e) {
            throw InvalidRequestException.field(field, "must be a month as YYYY-MM, not " + value);
        }
        if (month.getYear() < 2000 || month.getYear() > 2100) {
            throw InvalidRequestException.field(field, "must be a month between 2000 and 2100");
        }
        return month;
    }

    private static SalesReportResponse response(ReportRow report, List<ShareRow> shares) {
        return new SalesReportResponse(report.shopId(), report.month().toString(), report.orders(), report.grossFen(), report.refundsFen(),
                report.grossFen() - report.refundsFen(), report.revision(), report.reportedBy(), report.reporter(), report.reportedAt(),
                shares == null ? null : shares.stream().map(share -> new ShareResponse(share.household(), share.role(), share.rule(), share.amountFen())).toList());
    }
}
