package org.povertyalleviation.logisticsbooking.milkrun;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.povertyalleviation.logisticsbooking.milkrun.domain.MilkRun;
import org.povertyalleviation.logisticsbooking.milkrun.domain.MilkRunOrder;
import org.povertyalleviation.logisticsbooking.milkrun.domain.MilkRunPlanner;
import org.povertyalleviation.logisticsbooking.milkrun.domain.MilkRunProblem;
import org.povertyalleviation.logisticsbooking.milkrun.domain.MilkRunSummary;
import org.povertyalleviation.logisticsbooking.milkrun.domain.PlanStatus;
import org.povertyalleviation.logisticsbooking.milkrun.persistence.MilkRunRepository;
import org.povertyalleviation.logisticsbooking.network.domain.DriveTimes;
import org.povertyalleviation.logisticsbooking.network.domain.Leg;
import org.povertyalleviation.logisticsbooking.network.domain.Node;
import org.povertyalleviation.logisticsbooking.network.persistence.NetworkRepository;
import org.povertyalleviation.platform.audit.AuditTrail;
import org.povertyalleviation.platform.domain.ChinaTime;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.RuleRefusedException;
import org.povertyalleviation.platform.problem.NotFoundException;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Milk runs: a township's pickup routes for a day. A plan reads what it needs in one county transaction, solves with
 * no transaction open (the solver blocks for up to its budget, on a worker thread, never the event loop) and writes the
 * plan with its audit entry in a second one. Locks change a plan's stops; a replan writes a new plan that keeps them.
 */
@Service
public class MilkRuns {

    private final MilkRunRepository runs;
    private final NetworkRepository network;
    private final MilkRunPlanner planner;
    private final TenantTransactions tenantTransactions;
    private final AuditTrail audit;
    private final Clock clock;

    public MilkRuns(MilkRunRepository runs, NetworkRepository network, MilkRunProperties properties, TenantTransactions tenantTransactions,
                    AuditTrail audit, Clock clock) {
        this.network = network;
        this.runs = runs;
        this.planner = new MilkRunPlanner(properties.rules());
        this.tenantTransactions = tenantTransactions;
        this.audit = audit;
        this.clock = clock;
    }

    /** @throws org.povertyalleviation.platform.domain.InvalidValueException naming township, day or budgetSeconds */
    public Mono<MilkRun> plan(CountyCode county, String township, String day, Integer budgetSeconds, String plannedBy) {
        MilkRunOrder order = MilkRunOrder.of(county, township, day, budgetSeconds, today());
        return planAndSave(order, Map.of(), null, plannedBy, "milk-run.planned");
    }

    public Mono<MilkRun> replan(CountyCode county, UUID id, Integer budgetSeconds, String plannedBy) {
        int budget = MilkRunOrder.budget(budgetSeconds);
        return tenantTransactions.inCounty(county, () -> require(county, id)).flatMap(previous -> {
            previous.requireCurrent();
            if (previous.day().isBefore(today())) {
                throw RuleRefusedException.violated("day-passed", "Milk run " + id + " was for " + previous.day() + ", which has passed", null);
            }
            return planAndSave(new MilkRunOrder(county, previous.township(), previous.day(), budget), previous.locks(), id, plannedBy,
                    "milk-run.replanned");
        });
    }

    public Mono<MilkRun> find(CountyCode county, UUID id) {
        return tenantTransactions.inCounty(county, () -> require(county, id));
    }

    /** @param township null or 9 digits; @param day null for every day */
    public Mono<List<MilkRunSummary>> latest(CountyCode county, String township, LocalDate day, int limit) {
        return tenantTransactions.inCounty(county, () -> runs.latest(county, township, day, limit).collectList());
    }

    /** Locks a pickup of the plan to a vehicle of its routes: the next replan keeps it there. */
    public Mono<MilkRun> lock(CountyCode county, UUID id, UUID booking, UUID vehicle) {
        return tenantTransactions.inCounty(county, () -> require(county, id)
                .flatMap(plan -> plan.lockable(booking, vehicle).isEmpty() ? Mono.error(new NotFoundException("Booking in milk run " + id, booking))
                        : runs.lock(county, id, booking, vehicle))
                .then(audit.write("milk-run.stop-locked", "milk-run", id + ":" + booking))
                .then(require(county, id)));
    }

    public Mono<MilkRun> unlock(CountyCode county, UUID id, UUID booking) {
        return tenantTransactions.inCounty(county, () -> require(county, id)
                .flatMap(plan -> plan.requireCurrent().pickup(booking).isEmpty()
                        ? Mono.error(new NotFoundException("Booking in milk run " + id, booking)) : runs.lock(county, id, booking, null))
                .then(audit.write("milk-run.stop-unlocked", "milk-run", id + ":" + booking))
                .then(require(county, id)));
    }

    private Mono<MilkRun> planAndSave(MilkRunOrder order, Map<UUID, UUID> locks, UUID replanOf, String plannedBy, String action) {
        CountyCode county = order.county();
        return tenantTransactions.inCounty(county, () -> problem(order, locks))
                .flatMap(problem -> Mono.fromCallable(() -> planner.plan(problem, Duration.ofSeconds(order.budgetSeconds())))
                        .subscribeOn(Schedulers.boundedElastic())
                        .map(run -> new MilkRun(UUID.randomUUID(), county, order.township(), order.day(), PlanStatus.PLANNED, order.budgetSeconds(),
                                clock.instant(), plannedBy, replanOf, problem.depot(), run)))
                .flatMap(plan -> tenantTransactions.inCounty(county, () -> supersede(county, replanOf)
                        .then(runs.insert(plan))
                        .then(audit.write(action, "milk-run", plan.id().toString()))
                        .then(require(county, plan.id()))));
    }

    private Mono<Void> supersede(CountyCode county, UUID replanOf) {
        if (replanOf == null) {
            return Mono.empty();
        }
        // Two replans of one plan at once: the second finds it superseded by the first.
        return runs.supersede(county, replanOf).flatMap(superseded -> superseded ? Mono.<Void>empty()
                : Mono.error(RuleRefusedException.stateConflict("plan-superseded", "Milk run " + replanOf + " was replanned meanwhile")));
    }

    private Mono<MilkRunProblem> problem(MilkRunOrder order, Map<UUID, UUID> locks) {
        CountyCode county = order.county();
        return runs.station(county, order.township())
                .switchIfEmpty(Mono.error(RuleRefusedException.violated("township-without-station",
                        "Township " + order.township() + " has no township station to start milk runs from", "township")))
                .flatMap(station -> runs.vehiclesOnDuty(county, station.node(), order.day()).collectList()
                        .flatMap(vehicles -> vehicles.isEmpty()
                                ? Mono.error(RuleRefusedException.violated("no-vehicle-on-duty", "No vehicle based at the station of township "
                                        + order.township() + " works on " + order.day().getDayOfWeek(), "township"))
                                : Mono.zip(runs.pickups(county, order.township(), order.day()).collectList(), driveTimes(county))
                                        .map(parts -> new MilkRunProblem(station, parts.getT1(), vehicles, locks, parts.getT2()))));
    }

    private Mono<MilkRun> require(CountyCode county, UUID id) {
        return runs.find(county, id).switchIfEmpty(Mono.error(new NotFoundException("Milk run", id)));
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ChinaTime.ZONE));
    }

    /** The county's roads: every node with its place and every leg. */
    private Mono<DriveTimes> driveTimes(CountyCode county) {
        return network.nodes(county).map(Node::stop).collectList()
                .zipWith(network.legs(county).map(Leg::road).collectList(), DriveTimes::over);
    }
}
