package org.povertyalleviation.householdregistry.income;

import java.time.YearMonth;
import java.util.UUID;

import org.povertyalleviation.householdregistry.earlywarning.ReturnToPovertyWatch;
import org.povertyalleviation.householdregistry.household.messaging.HouseholdEvents;
import org.povertyalleviation.householdregistry.household.persistence.HouseholdRepository;
import org.povertyalleviation.householdregistry.income.domain.IncomeSource;
import org.povertyalleviation.householdregistry.income.persistence.IncomeRepository;
import org.povertyalleviation.householdregistry.income.persistence.IncomeRepository.Outcome;
import org.povertyalleviation.householdregistry.income.persistence.IncomeRepository.Recorded;
import org.povertyalleviation.platform.audit.AuditTrail;
import org.povertyalleviation.platform.problem.NotFoundException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Records income entries, from clerks and from other services' events, in the caller's county transaction: the
 * entry, its household.income-recorded.v1 event, the audit entry and the early-warning check commit together.
 */
@Service
public class IncomeLedger {

    /** A new entry: its origin makes it count once (and a higher revision of the same origin replaces it). */
    public record Entry(UUID household, YearMonth month, IncomeSource source, long amountFen, String origin, int revision,
                        String recordedBy, String note) {
    }

    private final HouseholdRepository households;
    private final IncomeRepository income;
    private final HouseholdEvents events;
    private final AuditTrail audit;
    private final ReturnToPovertyWatch watch;

    public IncomeLedger(HouseholdRepository households, IncomeRepository income, HouseholdEvents events, AuditTrail audit,
                        ReturnToPovertyWatch watch) {
        this.households = households;
        this.income = income;
        this.events = events;
        this.audit = audit;
        this.watch = watch;
    }

    /** Must run inside a county transaction (TenantTransactions) of {@code county}. */
    public Mono<Recorded> record(String county, Entry entry) {
        return households.findForUpdate(county, entry.household())
                .switchIfEmpty(Mono.error(new NotFoundException("Household", entry.household())))
                .flatMap(household -> income.record(county, entry.household(), entry.month(), entry.source().name(), entry.amountFen(),
                                entry.origin(), entry.revision(), entry.recordedBy(), entry.note())
                        .flatMap(recorded -> recorded.outcome() == Outcome.ALREADY_RECORDED
                                ? Mono.just(recorded)
                                : events.incomeRecorded(county, household.id().toString(), recorded.entry().id().toString(),
                                        recorded.entry().month().toString(), String.valueOf(recorded.entry().source()), recorded.entry().amountFen(),
                                        recorded.entry().origin(), recorded.entry().revision())
                                        .then(audit.write(recorded.outcome() == Outcome.CREATED ? "household.income-recorded"
                                                : "household.income-corrected", "income-entry", recorded.entry().id().toString()))
                                        .then(watch.check(household))
                                        .thenReturn(recorded)));
    }
}
