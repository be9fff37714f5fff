package org.povertyalleviation.householdregistry.income.web;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import org.povertyalleviation.platform.counties.CountyGate;
import org.povertyalleviation.householdregistry.household.VillageReach;
import org.povertyalleviation.householdregistry.household.persistence.HouseholdRepository;
import org.povertyalleviation.householdregistry.income.IncomeLedger;
import org.povertyalleviation.householdregistry.income.IncomeProperties;
import org.povertyalleviation.householdregistry.income.LedgerYears;
import org.povertyalleviation.platform.domain.Fen;
import org.povertyalleviation.householdregistry.income.domain.IncomeSource;
import org.povertyalleviation.householdregistry.income.persistence.IncomeRepository;
import org.povertyalleviation.householdregistry.income.persistence.IncomeRepository.EntryRow;
import org.povertyalleviation.householdregistry.income.persistence.IncomeRepository.Outcome;
import org.povertyalleviation.householdregistry.income.persistence.IncomeRepository.Recorded;
import org.povertyalleviation.platform.problem.ConflictException;
import org.povertyalleviation.platform.problem.InvalidParam;
import org.povertyalleviation.platform.problem.InvalidRequestException;
import org.povertyalleviation.platform.problem.RequestIds;
import org.povertyalleviation.platform.problem.NotFoundException;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A household's income ledger and the yearly summaries per household and per village. */
@RestController
class IncomeController {

    /**
     * A clerk's entry. {@code reference} (a receipt or payroll number) makes it count once: the same reference
     * again answers the entry already recorded. Documented with {@code @Schema} only, unlike the template: it is
     * validated after the county gate (see {@link #add}).
     */
    @Schema(description = "A clerk's entry in the household's income ledger, in fen (1 yuan = 100 fen).")
    record IncomeEntryRequest(
            @Schema(description = "The month the income is for, YYYY-MM, from " + LedgerYears.FIRST + "-01 to the current month",
                    example = "2026-10", requiredMode = REQUIRED, pattern = "^\\d{4}-(0[1-9]|1[0-2])$") String month,
            @Schema(description = "Where the income came from; all but SUBSIDY and OTHER are the e-commerce mechanisms",
                    example = "WORKSHOP_WAGE", requiredMode = REQUIRED) IncomeSource source,
            @Schema(description = "The amount in fen, not zero, at most 1,000,000 yuan either way; negative for a refund",
                    example = "186000", requiredMode = REQUIRED, minimum = "-100000000", maximum = "100000000") Long amountFen,
            @Schema(description = "A receipt or payroll number, 1 to 100 characters: the entry counts once (the same reference again "
                    + "answers the entry already recorded, or 409 when its figures differ). Left out: every call is a new entry.",
                    example = "WX-CJ-202610-0311", minLength = 1, maxLength = 100) String reference,
            @Schema(description = "A note for the ledger's readers", example = "碧口镇扶贫车间10月工资") String note) {
    }

    record IncomeEntryResponse(UUID id, UUID household, String month, String source, long amountFen, String origin, int revision,
                               String recordedBy, String note, Instant recordedAt) {
    }

    record HouseholdIncomeSummary(UUID household, int year, int members, long incomeFen, long perCapitaIncomeFen,
                                  long ecommerceIncomeFen, long ecommercePerCapitaIncomeFen, Map<String, Long> bySourceFen,
                                  Map<String, Long> byMonthFen, Long povertyLineFen, Boolean aboveLine) {
    }

    record VillageIncomeSummary(String village, int year, int households, int members, long incomeFen, long perCapitaIncomeFen,
                                long ecommerceIncomeFen, long ecommercePerCapitaIncomeFen, Long povertyLineFen,
                                Integer householdsAboveLine) {
    }

    private final CountyGate gate;
    private final TenantTransactions tenantTransactions;
    private final IncomeLedger ledger;
    private final IncomeRepository income;
    private final HouseholdRepository households;
    private final IncomeProperties properties;
    private final Clock clock;
    private final VillageReach reach;

    IncomeController(CountyGate gate, TenantTransactions tenantTransactions, IncomeLedger ledger, IncomeRepository income,
                     HouseholdRepository households, IncomeProperties properties, Clock clock, VillageReach reach) {
        this.reach = reach;
        this.gate = gate;
        this.tenantTransactions = tenantTransactions;
        this.ledger = ledger;
        this.income = income;
        this.households = households;
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping("/counties/{county}/households/{id}/income")
    Mono<ResponseEntity<IncomeEntryResponse>> add(@PathVariable String county, @PathVariable String id, @RequestBody IncomeEntryRequest request) {
        UUID household = RequestIds.uuid("id", id);
        // Access first: a caller of another county learns nothing, not even what is wrong with the request.
        return gate.act(county).flatMap(code -> reach.household(code, household).then(ReactiveSecurityContextHolder.getContext())
                .map(context -> context.getAuthentication().getName())
                .flatMap(clerk -> {
                    YearMonth entryMonth = entryMonth(request);
                    String origin = "clerk:" + (request.reference() == null ? UUID.randomUUID() : request.reference().strip());
                    return tenantTransactions.inCounty(code, () -> ledger.record(code.value(), new IncomeLedger.Entry(household,
                            entryMonth, request.source(), request.amountFen(), origin, 1, clerk, request.note())))
                            .map(recorded -> answer(county, id, household, entryMonth, request, recorded));
                }));
    }

    /** @return the entry's month, once every field of the request is valid */
    private YearMonth entryMonth(IncomeEntryRequest request) {
        List<InvalidParam> invalid = new java.util.ArrayList<>();
        YearMonth month = null;
        try {
            month = YearMonth.parse(request.month() == null ? "" : request.month());
            if (month.isAfter(YearMonth.now(clock)) || month.isBefore(YearMonth.of(LedgerYears.FIRST, 1))) {
                invalid.add(new InvalidParam("month", "must be between " + LedgerYears.FIRST + "-01 and the current month"));
            }
        } catch (DateTimeParseException e) {
            invalid.add(new InvalidParam("month", "must be a month like 2026-10"));
        }
        if (request.source() == null) {
            invalid.add(new InvalidParam("source", "is required: one of " + Arrays.toString(IncomeSource.values())));
        }
        if (request.amountFen() == null || request.amountFen() == 0 || Math.abs(request.amountFen()) > 100_000_000L) {
            invalid.add(new InvalidParam("amountFen", "must be a non-zero amount in fen up to 1,000,000 yuan (negative for a refund)"));
        }
        if (request.reference() != null && (request.reference().isBlank() || request.reference().length() > 100)) {
            invalid.add(new InvalidParam("reference", "must be 1 to 100 characters"));
        }
        if (!invalid.isEmpty()) {
            throw new InvalidRequestException(invalid);
        }
        return month;
    }

    private static ResponseEntity<IncomeEntryResponse> answer(String county, String id, UUID household, YearMonth entryMonth,
                                                              IncomeEntryRequest request, Recorded recorded) {
        EntryRow entry = recorded.entry();
        boolean same = entry.householdId().equals(household) && entry.amountFen() == request.amountFen()
                && entry.month().equals(entryMonth) && entry.source().equals(request.source().name());
        if (recorded.outcome() == Outcome.ALREADY_RECORDED && !same) {
            throw new ConflictException("duplicate-reference", "Reference " + request.reference()
                    + " is already recorded for another entry", "reference");
        }
        return ResponseEntity.status(recorded.outcome() == Outcome.CREATED ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/counties/" + county + "/households/" + id + "/income"))
                .body(response(entry));
    }

    @GetMapping("/counties/{county}/households/{id}/income")
    Flux<IncomeEntryResponse> entries(@PathVariable String county, @PathVariable String id, @RequestParam(required = false) Integer year) {
        UUID household = RequestIds.uuid("id", id);
        return gate.read(county).flatMapMany(code -> reach.household(code, household).thenMany(tenantTransactions.manyInCounty(code, () -> households.find(code.value(), household)
                        .switchIfEmpty(Mono.error(new NotFoundException("Household", household)))
                        .thenMany(income.entries(code.value(), household, year)))))
                .map(IncomeController::response);
    }

    @GetMapping("/counties/{county}/households/{id}/income/summary")
    Mono<HouseholdIncomeSummary> householdSummary(@PathVariable String county, @PathVariable String id,
                                                  @RequestParam(required = false) Integer year) {
        UUID household = RequestIds.uuid("id", id);
        int summaryYear = year(year);
        return gate.read(county).flatMap(code -> reach.household(code, household).then(tenantTransactions.inCounty(code, () -> households.find(code.value(), household)
                .switchIfEmpty(Mono.error(new NotFoundException("Household", household)))
                .then(households.memberCount(code.value(), household))
                .zipWith(income.monthly(code.value(), household, YearMonth.of(summaryYear, 1), YearMonth.of(summaryYear + 1, 1)).collectList())
                .map(membersAndMonths -> {
                    int members = membersAndMonths.getT1();
                    Map<String, Long> bySource = new LinkedHashMap<>();
                    Map<String, Long> byMonth = new TreeMap<>();
                    long total = 0;
                    long ecommerce = 0;
                    for (IncomeRepository.MonthSource month : membersAndMonths.getT2()) {
                        bySource.merge(month.source(), month.amountFen(), Long::sum);
                        byMonth.merge(month.month().toString(), month.amountFen(), Long::sum);
                        total += month.amountFen();
                        if (IncomeSource.valueOf(month.source()).ecommerce()) {
                            ecommerce += month.amountFen();
                        }
                    }
                    Long line = properties.lines().of(summaryYear).map(Fen::value).orElse(null);
                    long perCapita = members == 0 ? 0 : Math.floorDiv(total, members);
                    return new HouseholdIncomeSummary(household, summaryYear, members, total, perCapita, ecommerce,
                            members == 0 ? 0 : Math.floorDiv(ecommerce, members), bySource, byMonth, line,
                            line == null ? null : perCapita > line);
                }))));
    }

    @GetMapping("/counties/{county}/villages/{village}/income/summary")
    Mono<VillageIncomeSummary> villageSummary(@PathVariable String county, @PathVariable String village,
                                              @RequestParam(required = false) Integer year) {
        if (!village.matches("\\d{12}")) {
            throw InvalidRequestException.field("village", "must be 12 digits");
        }
        int summaryYear = year(year);
        List<String> ecommerceSources = IncomeSource.ecommerceSources().stream().map(Enum::name).toList();
        Long line = properties.lines().of(summaryYear).map(Fen::value).orElse(null);
        return gate.read(county).flatMap(code -> reach.village(code, village).then(tenantTransactions.inCounty(code, () -> households.villageExists(code.value(), village)
                .flatMap(known -> known ? Mono.just(true) : Mono.error(new NotFoundException("Village", village)))
                .then(income.villageYear(code.value(), village, summaryYear, ecommerceSources).collectList())
                .map(rows -> {
                    int members = rows.stream().mapToInt(IncomeRepository.HouseholdYear::members).sum();
                    long total = rows.stream().mapToLong(IncomeRepository.HouseholdYear::incomeFen).sum();
                    long ecommerce = rows.stream().mapToLong(IncomeRepository.HouseholdYear::ecommerceFen).sum();
                    Integer above = line == null ? null : (int) rows.stream()
                            .filter(row -> row.members() > 0 && Math.floorDiv(row.incomeFen(), row.members()) > line).count();
                    return new VillageIncomeSummary(village, summaryYear, rows.size(), members, total,
                            new Fen(total).perCapitaOrZero(members).value(), ecommerce,
                            new Fen(ecommerce).perCapitaOrZero(members).value(), line, above);
                }))));
    }

    private int year(Integer year) {
        return LedgerYears.requested(year, clock);
    }

    private static IncomeEntryResponse response(EntryRow entry) {
        return new IncomeEntryResponse(entry.id(), entry.householdId(), entry.month().toString(), entry.source(), entry.amountFen(),
                entry.origin(), entry.revision(), entry.recordedBy(), entry.note(), entry.recordedAt());
    }

}
