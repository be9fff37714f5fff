package org.povertyalleviation.supplyplatform.workshop;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.povertyalleviation.platform.audit.AuditTrail;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.RuleRefusedException;
import org.povertyalleviation.platform.households.KnownHouseholds;
import org.povertyalleviation.platform.outbox.Outbox;
import org.povertyalleviation.platform.problem.ConflictException;
import org.povertyalleviation.platform.problem.NotFoundException;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.povertyalleviation.supplyplatform.income.messaging.HouseholdIncomeEarned;
import org.povertyalleviation.supplyplatform.organisation.Organisations;
import org.povertyalleviation.supplyplatform.workshop.domain.Payday;
import org.povertyalleviation.supplyplatform.workshop.domain.Wage;
import org.povertyalleviation.supplyplatform.workshop.domain.WageBasis;
import org.povertyalleviation.supplyplatform.workshop.domain.WageRecord;
import org.povertyalleviation.supplyplatform.workshop.domain.Workshop;
import org.povertyalleviation.supplyplatform.workshop.persistence.WorkshopRepository;
import org.povertyalleviation.supplyplatform.workshop.domain.WageSheet;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Workshops, their wage sheets and paydays. A payday pays every unpaid wage up to its last day in one statement and
 * publishes one supply.household-income-earned.v1 (WORKSHOP_WAGE) per household in the same transaction.
 */
@Service
public class Workshops {

    /** A workshop with what it owes and how many of its day wages fell below the county's minimum. */
    public record WorkshopView(Workshop workshop, WageSheet sheet, long dailyMinimumFen) {
    }

    private final WorkshopRepository workshops;
    private final Organisations organisations;
    private final KnownHouseholds households;
    private final WorkshopProperties properties;
    private final TenantTransactions tenantTransactions;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final Clock clock;

    public Workshops(WorkshopRepository workshops, Organisations organisations, KnownHouseholds households, WorkshopProperties properties,
                     TenantTransactions tenantTransactions, Outbox outbox, AuditTrail audit, Clock clock) {
        this.workshops = workshops;
        this.organisations = organisations;
        this.households = households;
        this.properties = properties;
        this.tenantTransactions = tenantTransactions;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    public Mono<WorkshopView> open(CountyCode county, UUID organisation, String name, String village, String openedBy) {
        Workshop workshop = new Workshop(UUID.randomUUID(), county, organisation, name.strip(), village, openedBy, clock.instant());
        return tenantTransactions.inCounty(county, () -> organisations.requireNamed(county, organisation, "organisation")
                .then(organisations.requireVillage(county, village))
                .then(workshops.insert(workshop))
                .then(audit.write("workshop.opened", "workshop", workshop.id().toString()))
                .then(view(county, workshop)));
    }

    public Mono<WorkshopView> find(CountyCode county, UUID id) {
        return tenantTransactions.inCounty(county, () -> require(county, id).flatMap(workshop -> view(county, workshop)));
    }

    public Mono<List<Workshop>> list(CountyCode county, int limit) {
        return tenantTransactions.inCounty(county, () -> workshops.list(county, limit).collectList());
    }

    /** Records a day's wage; the same worker, day and task twice is a 409 (correct the first instead of adding). */
    public Mono<WageRecord> recordWage(CountyCode county, UUID workshop, UUID household, String worker, LocalDate workedOn, WageBasis basis,
                                       String task, Integer pieces, long amountFen, String recordedBy) {
        if (workedOn.isAfter(LocalDate.now(clock))) {
            throw RuleRefusedException.violated("work-in-future", "Wages are recorded for work done", "workedOn");
        }
        Wage wage = Wage.of(basis, pieces, amountFen, properties.dailyMinimumFen(county.value()));
        WageRecord record = new WageRecord(UUID.randomUUID(), county, workshop, household, worker.strip(), workedOn, task.strip(), wage, null,
                recordedBy, clock.instant());
        return tenantTransactions.inCounty(county, () -> require(county, workshop)
                .then(households.require(county.value(), household, "household"))
                .then(workshops.insertWage(record))
                .flatMap(inserted -> inserted ? audit.write("wage.recorded", "workshop", workshop + ":" + record.id()).thenReturn(record)
                        : Mono.error(new ConflictException("wage-recorded", "Worker " + record.worker() + " has a wage for " + task
                                + " on " + workedOn + " already", "workedOn"))));
    }

    /** A wage sheet with the households' file numbers. */
    public record Wages(List<WageRecord> records, Map<UUID, String> fileNumbers) {
    }

    public Mono<Wages> wages(CountyCode county, UUID workshop, LocalDate from, LocalDate to, int limit) {
        return tenantTransactions.inCounty(county, () -> require(county, workshop).then(workshops.wages(county, workshop, from, to, limit).collectList())
                .flatMap(records -> households.fileNumbers(county.value(), records.stream().map(WageRecord::household).toList())
                        .map(numbers -> new Wages(records, numbers))));
    }

    /** Pays every unpaid wage up to paidThrough; nothing unpaid is a 422 (a resent payday pays nothing twice). */
    public Mono<Payday> payday(CountyCode county, UUID workshop, LocalDate paidOn, LocalDate paidThrough, String paidBy) {
        Payday.requireDates(paidOn, paidThrough, LocalDate.now(clock));
        Payday payday = new Payday(UUID.randomUUID(), county, workshop, paidOn, paidThrough, 0, 0, paidBy, clock.instant());
        return tenantTransactions.inCounty(county, () -> workshops.findForUpdate(county, workshop)
                .switchIfEmpty(Mono.error(new NotFoundException("Workshop", workshop)))
                .flatMap(found -> workshops.insertPayday(payday)
                        .thenMany(workshops.payUnpaid(county, workshop, payday.id(), paidThrough))
                        .map(pay -> new HouseholdIncomeEarned(county.value(), pay.household().toString(), HouseholdIncomeEarned.WORKSHOP_WAGE,
                                "payday:" + payday.id() + ":" + pay.household(), found.organisation().toString(), YearMonth.from(paidOn).toString(),
                                paidOn.toString(), pay.amountFen(), null, 1))
                        .collectList())
                .flatMap(incomes -> incomes.isEmpty()
                        ? Mono.error(RuleRefusedException.violated("nothing-to-pay", "Workshop " + workshop + " has no unpaid wages up to "
                                + paidThrough, "paidThrough"))
                        : outbox.publishAll(incomes))
                .then(audit.write("workshop.payday", "workshop", workshop + ":" + payday.id()))
                .then(workshops.findPayday(county, payday.id())));
    }

    public Mono<List<Payday>> paydays(CountyCode county, UUID workshop, int limit) {
        return tenantTransactions.inCounty(county, () -> require(county, workshop).then(workshops.paydays(county, workshop, limit).collectList()));
    }

    private Mono<Workshop> require(CountyCode county, UUID id) {
        return workshops.find(county, id).switchIfEmpty(Mono.error(new NotFoundException("Workshop", id)));
    }

    private Mono<WorkshopView> view(CountyCode county, Workshop workshop) {
        return workshops.sheet(county, workshop.id()).map(sheet -> new WorkshopView(workshop, sheet, properties.dailyMinimumFen(county.value())));
    }
}
