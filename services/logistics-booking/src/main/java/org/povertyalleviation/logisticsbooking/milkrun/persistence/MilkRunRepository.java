package org.povertyalleviation.logisticsbooking.milkrun.persistence;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.povertyalleviation.logisticsbooking.milkrun.domain.MilkRun;
import org.povertyalleviation.logisticsbooking.milkrun.domain.MilkRunSummary;
import org.povertyalleviation.logisticsbooking.milkrun.domain.Pickup;
import org.povertyalleviation.logisticsbooking.milkrun.domain.PlanStatus;
import org.povertyalleviation.logisticsbooking.milkrun.domain.PlannedRun;
import org.povertyalleviation.logisticsbooking.milkrun.domain.Post;
import org.povertyalleviation.logisticsbooking.milkrun.domain.UnplacedReason;
import org.povertyalleviation.logisticsbooking.milkrun.domain.VehicleOnDuty;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.persistence.OptionalFilters;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What a milk run is planned from (the network, the vehicles, the pickups) and the plans. Run inside the county's
 * transaction (TenantTransactions): row-level security shows nothing otherwise.
 */
@Repository
public class MilkRunRepository {

    private final DatabaseClient database;

    public MilkRunRepository(DatabaseClient database) {
        this.database = database;
    }

    /** The township's station (the first registered, should a township have two). */
    public Mono<Post> station(CountyCode county, String township) {
        return database.sql("""
                        select n.id as post_id, n.name as post_name, n.village_code as post_village, n.latitude as post_latitude, n.longitude as post_longitude from node n
                         where n.county_code = :county and n.level = 'TOWNSHIP_STATION' and n.township_code = :township
                         order by n.created_at, n.id limit 1""")
                .bind("county", county.value()).bind("township", township)
                .map(MilkRunRepository::post).one();
    }

    /** The vehicles based at the station whose working days hold the day's ISO day of the week. */
    public Flux<VehicleOnDuty> vehiclesOnDuty(CountyCode county, UUID station, LocalDate day) {
        return database.sql("""
                        select id, plate, capacity_kg, capacity_parcels, cold from vehicle
                         where county_code = :county and base_node = :station and cast(:weekday as smallint) = any (working_days)
                         order by plate""")
                .bind("county", county.value()).bind("station", station).bind("weekday", day.getDayOfWeek().getValue())
                .map(row -> new VehicleOnDuty(row.get("id", UUID.class), row.get("plate", String.class), row.get("capacity_kg", Integer.class),
                        row.get("capacity_parcels", Integer.class), row.get("cold", Boolean.class)))
                .all();
    }

    /** The day's booked uplink pickups at the township's village posts, in pickup windows. */
    public Flux<Pickup> pickups(CountyCode county, String township, LocalDate day) {
        return database.sql("""
                        select b.id as booking, n.id as post_id, n.name as post_name, n.village_code as post_village, n.latitude as post_latitude, n.longitude as post_longitude,
                               s.window_start, s.window_end,
                               b.weight_grams, b.parcels, b.cold
                          from booking b
                          join slot s on s.county_code = b.county_code and s.id = b.slot_id
                          join node n on n.county_code = b.county_code and n.id = b.node_id
                         where b.county_code = :county and b.direction = 'UPLINK' and b.state = 'BOOKED'
                           and s.kind = 'PICKUP' and s.day = :day
                           and n.level = 'VILLAGE_POST' and n.township_code = :township
                         order by s.window_start, b.id""")
                .bind("county", county.value()).bind("township", township).bind("day", day)
                .map(row -> new Pickup(row.get("booking", UUID.class), post(row), row.get("window_start", LocalTime.class),
                        row.get("window_end", LocalTime.class), row.get("weight_grams", Long.class), row.get("parcels", Integer.class),
                        row.get("cold", Boolean.class)))
                .all();
    }

    public Mono<Void> insert(MilkRun plan) {
        PlannedRun run = plan.run();
        DatabaseClient.GenericExecuteSpec insert = database.sql("""
                        insert into milk_run_plan (county_code, id, township_code, day, status, depot_node, day_start, total_drive_minutes,
                                                   baseline_drive_minutes, baseline_unassigned, hard_score, medium_score, soft_score, budget_seconds,
                                                   planned_at, planned_by, replan_of)
                        values (:county, :id, :township, :day, :status, :depot, :dayStart, :drive, :baseline, :baselineUnassigned, :hard, :medium,
                                :soft, :budget, :at, :by, :replanOf)""")
                .bind("county", plan.county().value()).bind("id", plan.id()).bind("township", plan.township()).bind("day", plan.day())
                .bind("status", plan.status().name()).bind("depot", plan.depot().node()).bind("dayStart", run.dayStart())
                .bind("drive", run.totalDriveMinutes()).bind("baseline", run.baselineDriveMinutes()).bind("baselineUnassigned", run.baselineUnassigned())
                .bind("hard", run.score().hard()).bind("medium", run.score().medium()).bind("soft", run.score().soft())
                .bind("budget", plan.budgetSeconds()).bind("at", plan.plannedAt()).bind("by", plan.plannedBy());
        insert = plan.replanOf() == null ? insert.bindNull("replanOf", UUID.class) : insert.bind("replanOf", plan.replanOf());
        return insert.fetch().rowsUpdated()
                .thenMany(Flux.fromIterable(run.routes()).concatMap(route -> insertRoute(plan, route)))
                .thenMany(Flux.fromIterable(stopRows(run)).buffer(200).concatMap(rows -> insertStops(plan, rows)))
                .thenMany(Flux.fromIterable(run.brokenRules()).concatMap(rule -> database.sql("""
                                insert into milk_run_broken_rule (county_code, plan_id, rule, matches, hard_penalty)
                                values (:county, :plan, :rule, :matches, :penalty)""")
                        .bind("county", plan.county().value()).bind("plan", plan.id()).bind("rule", rule.rule())
                        .bind("matches", rule.matches()).bind("penalty", rule.hardPenalty()).fetch().rowsUpdated()))
                .then();
    }

    private Mono<Long> insertRoute(MilkRun plan, PlannedRun.Route route) {
        return database.sql("""
                        insert into milk_run_route (county_code, plan_id, vehicle_id, leaving, back, drive_minutes, route_minutes, load_grams, load_parcels)
                        values (:county, :plan, :vehicle, :leaving, :back, :drive, :minutes, :grams, :parcels)""")
                .bind("county", plan.county().value()).bind("plan", plan.id()).bind("vehicle", route.vehicle().id())
                .bind("leaving", route.leaving()).bind("back", route.back()).bind("drive", route.driveMinutes())
                .bind("minutes", route.routeMinutes()).bind("grams", route.loadGrams()).bind("parcels", route.loadParcels())
                .fetch().rowsUpdated();
    }

    /** A pickup as stored: on a route (vehicle, position, arrival) or left out (reason, message). */
    private record StopRow(Pickup pickup, UUID vehicle, Integer position, LocalTime arrival, UUID lockedVehicle, UnplacedReason reason,
                           String message) {
    }

    private static List<StopRow> stopRows(PlannedRun run) {
        List<StopRow> rows = new ArrayList<>();
        for (PlannedRun.Route route : run.routes()) {
            for (int position = 0; position < route.stops().size(); position++) {
                PlannedRun.PlannedStop stop = route.stops().get(position);
                rows.add(new StopRow(stop.pickup(), route.vehicle().id(), position, stop.arrival(), stop.lockedVehicle(), null, null));
            }
        }
        for (PlannedRun.Unplaced unplaced : run.unassigned()) {
            rows.add(new StopRow(unplaced.pickup(), null, null, null, unplaced.lockedVehicle(), unplaced.reason(), unplaced.message()));
        }
        return rows;
    }

    /** Up to 200 stops in one statement. */
    private Mono<Long> insertStops(MilkRun plan, List<StopRow> rows) {
        StringBuilder sql = new StringBuilder("""
                insert into milk_run_stop (county_code, plan_id, booking_id, vehicle_id, position, arrival, window_start, window_end, weight_grams,
                                           parcels, cold, locked, locked_vehicle_id, unassigned_reason, unassigned_message) values\s""");
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(String.format(
                    "(:county, :plan, :b%1$d, :v%1$d, :p%1$d, :a%1$d, :ws%1$d, :we%1$d, :g%1$d, :n%1$d, :c%1$d, :l%1$d, :lv%1$d, :r%1$d, :m%1$d)", i));
        }
        DatabaseClient.GenericExecuteSpec insert = database.sql(sql.toString()).bind("county", plan.county().value()).bind("plan", plan.id());
        for (int i = 0; i < rows.size(); i++) {
            StopRow row = rows.get(i);
            Pickup pickup = row.pickup();
            insert = insert.bind("b" + i, pickup.booking()).bind("ws" + i, pickup.windowStart()).bind("we" + i, pickup.windowEnd())
                    .bind("g" + i, pickup.weightGrams()).bind("n" + i, pickup.parcels()).bind("c" + i, pickup.cold())
                    .bind("l" + i, row.lockedVehicle() != null);
            insert = orNull(insert, "v" + i, row.vehicle(), UUID.class);
            insert = orNull(insert, "p" + i, row.position(), Integer.class);
            insert = orNull(insert, "a" + i, row.arrival(), LocalTime.class);
            insert = orNull(insert, "lv" + i, row.lockedVehicle(), UUID.class);
            insert = orNull(insert, "r" + i, row.reason() == null ? null : row.reason().name(), String.class);
            insert = orNull(insert, "m" + i, row.message(), String.class);
        }
        return insert.fetch().rowsUpdated();
    }

    private static DatabaseClient.GenericExecuteSpec orNull(DatabaseClient.GenericExecuteSpec spec, String name, Object value, Class<?> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    public Mono<MilkRun> find(CountyCode county, UUID id) {
        return database.sql("""
                        select p.*, n.id as post_id, n.name as post_name, n.village_code as post_village, n.latitude as post_latitude, n.longitude as post_longitude
                          from milk_run_plan p
                          join node n on n.county_code = p.county_code and n.id = p.depot_node
                         where p.county_code = :county and p.id = :id""")
                .bind("county", county.value()).bind("id", id)
                .map(MilkRunRepository::header).one()
                .flatMap(header -> Mono.zip(routes(county, id), stops(county, id).collectList(), brokenRules(county, id))
                        .map(parts -> header.plan(county, parts.getT1(), parts.getT2(), parts.getT3())));
    }

    /** The newest plans first, of a township and a day when given. */
    public Flux<MilkRunSummary> latest(CountyCode county, String township, LocalDate day, int limit) {
        OptionalFilters filters = new OptionalFilters().and("p.township_code = :township", "township", township).and("p.day = :day", "day", day);
        return filters.bindTo(database.sql("""
                        select p.id, p.township_code, p.day, p.status, p.planned_at, p.planned_by, p.replan_of, p.budget_seconds,
                               p.total_drive_minutes, p.baseline_drive_minutes, p.hard_score,
                               (select count(*) from milk_run_route r where r.county_code = p.county_code and r.plan_id = p.id
                                  and exists (select 1 from milk_run_stop s where s.county_code = r.county_code and s.plan_id = r.plan_id
                                                 and s.vehicle_id = r.vehicle_id)) as vehicles_used,
                               (select count(*) from milk_run_stop s where s.county_code = p.county_code and s.plan_id = p.id
                                  and s.vehicle_id is not null) as assigned,
                               (select count(*) from milk_run_stop s where s.county_code = p.county_code and s.plan_id = p.id
                                  and s.vehicle_id is null) as unassigned
                          from milk_run_plan p
                         where p.county_code = :county""" + filters.sql() + " order by p.planned_at desc, p.id limit :limit"))
                .bind("county", county.value()).bind("limit", limit)
                .map(row -> new MilkRunSummary(row.get("id", UUID.class), row.get("township_code", String.class), row.get("day", LocalDate.class),
                        PlanStatus.valueOf(row.get("status", String.class)), row.get("planned_at", Instant.class), row.get("planned_by", String.class),
                        row.get("replan_of", UUID.class), row.get("budget_seconds", Integer.class), row.get("vehicles_used", Long.class).intValue(),
                        row.get("assigned", Long.class).intValue(), row.get("unassigned", Long.class).intValue(),
                        row.get("total_drive_minutes", Integer.class), row.get("baseline_drive_minutes", Integer.class),
                        row.get("hard_score", Integer.class) >= 0))
                .all();
    }

    /** Locks the plan's pickup to the vehicle (null: unlocks it). */
    public Mono<Void> lock(CountyCode county, UUID plan, UUID booking, UUID vehicle) {
        DatabaseClient.GenericExecuteSpec update = database.sql("""
                        update milk_run_stop set locked = :locked, locked_vehicle_id = :vehicle
                         where county_code = :county and plan_id = :plan and booking_id = :booking""")
                .bind("county", county.value()).bind("plan", plan).bind("booking", booking).bind("locked", vehicle != null);
        return orNull(update, "vehicle", vehicle, UUID.class).fetch().rowsUpdated().then();
    }

    /** Marks the plan SUPERSEDED; false when it was already (a replan at the same time). */
    public Mono<Boolean> supersede(CountyCode county, UUID plan) {
        return database.sql("update milk_run_plan set status = 'SUPERSEDED' where county_code = :county and id = :id and status = 'PLANNED'")
                .bind("county", county.value()).bind("id", plan)
                .fetch().rowsUpdated().map(rows -> rows == 1);
    }

    /** The plan's own columns and its station, read while the row is open. */
    private record Header(UUID id, String township, LocalDate day, PlanStatus status, Post depot, LocalTime dayStart, int totalDriveMinutes,
                          int baselineDriveMinutes, int baselineUnassigned, PlannedRun.Score score, int budgetSeconds, Instant plannedAt,
                          String plannedBy, UUID replanOf) {

        MilkRun plan(CountyCode county, Map<UUID, RouteRow> routes, List<StoredStop> stops, List<PlannedRun.BrokenRule> broken) {
            List<PlannedRun.Route> planned = routes.values().stream().map(route -> new PlannedRun.Route(route.vehicle(), route.leaving(),
                    route.back(), route.driveMinutes(), route.routeMinutes(), route.loadGrams(), route.loadParcels(),
                    stops.stream().filter(stop -> route.vehicle().id().equals(stop.vehicle())).sorted(Comparator.comparing(StoredStop::position))
                            .map(stop -> new PlannedRun.PlannedStop(stop.pickup(), stop.arrival(), stop.lockedVehicle())).toList())).toList();
            List<PlannedRun.Unplaced> unplaced = stops.stream().filter(stop -> stop.vehicle() == null)
                    .map(stop -> new PlannedRun.Unplaced(stop.pickup(), stop.reason(), stop.message(), stop.lockedVehicle())).toList();
            return new MilkRun(id, county, township, day, status, budgetSeconds, plannedAt, plannedBy, replanOf, depot,
                    new PlannedRun(dayStart, planned, unplaced, totalDriveMinutes, baselineDriveMinutes, baselineUnassigned, score, broken));
        }
    }

    private static Header header(Readable row) {
        return new Header(row.get("id", UUID.class), row.get("township_code", String.class), row.get("day", LocalDate.class),
                PlanStatus.valueOf(row.get("status", String.class)), post(row), row.get("day_start", LocalTime.class),
                row.get("total_drive_minutes", Integer.class), row.get("baseline_drive_minutes", Integer.class),
                row.get("baseline_unassigned", Integer.class), new PlannedRun.Score(row.get("hard_score", Integer.class),
                row.get("medium_score", Integer.class), row.get("soft_score", Integer.class)), row.get("budget_seconds", Integer.class),
                row.get("planned_at", Instant.class), row.get("planned_by", String.class), row.get("replan_of", UUID.class));
    }

    private record RouteRow(VehicleOnDuty vehicle, LocalTime leaving, LocalTime back, int driveMinutes, int routeMinutes, long loadGrams,
                            int loadParcels) {
    }

    private record StoredStop(Pickup pickup, UUID vehicle, Integer position, LocalTime arrival, UUID lockedVehicle, UnplacedReason reason,
                              String message) {
    }

    private Mono<Map<UUID, RouteRow>> routes(CountyCode county, UUID plan) {
        return database.sql("""
                        select r.*, v.plate, v.capacity_kg, v.capacity_parcels, v.cold from milk_run_route r
                          join vehicle v on v.county_code = r.county_code and v.id = r.vehicle_id
                         where r.county_code = :county and r.plan_id = :plan order by v.plate, v.id""")
                .bind("county", county.value()).bind("plan", plan)
                .map(row -> new RouteRow(new VehicleOnDuty(row.get("vehicle_id", UUID.class), row.get("plate", String.class),
                        row.get("capacity_kg", Integer.class), row.get("capacity_parcels", Integer.class), row.get("cold", Boolean.class)),
                        row.get("leaving", LocalTime.class), row.get("back", LocalTime.class), row.get("drive_minutes", Integer.class),
                        row.get("route_minutes", Integer.class), row.get("load_grams", Long.class), row.get("load_parcels", Integer.class)))
                .all().collectMap(route -> route.vehicle().id(), route -> route, LinkedHashMap::new);
    }

    private Flux<StoredStop> stops(CountyCode county, UUID plan) {
        return database.sql("""
                        select s.*, n.id as post_id, n.name as post_name, n.village_code as post_village, n.latitude as post_latitude, n.longitude as post_longitude
                          from milk_run_stop s
                          join booking b on b.county_code = s.county_code and b.id = s.booking_id
                          join node n on n.county_code = b.county_code and n.id = b.node_id
                         where s.county_code = :county and s.plan_id = :plan
                         order by s.position nulls last, s.window_start, s.booking_id""")
                .bind("county", county.value()).bind("plan", plan)
                .map(row -> {
                    String reason = row.get("unassigned_reason", String.class);
                    return new StoredStop(new Pickup(row.get("booking_id", UUID.class), post(row), row.get("window_start", LocalTime.class),
                            row.get("window_end", LocalTime.class), row.get("weight_grams", Long.class), row.get("parcels", Integer.class),
                            row.get("cold", Boolean.class)), row.get("vehicle_id", UUID.class), row.get("position", Integer.class),
                            row.get("arrival", LocalTime.class), row.get("locked_vehicle_id", UUID.class),
                            reason == null ? null : UnplacedReason.valueOf(reason), row.get("unassigned_message", String.class));
                })
                .all();
    }

    private Mono<List<PlannedRun.BrokenRule>> brokenRules(CountyCode county, UUID plan) {
        return database.sql("select rule, matches, hard_penalty from milk_run_broken_rule where county_code = :county and plan_id = :plan order by rule")
                .bind("county", county.value()).bind("plan", plan)
                .map(row -> new PlannedRun.BrokenRule(row.get("rule", String.class), row.get("matches", Integer.class),
                        row.get("hard_penalty", Integer.class)))
                .all().collectList();
    }

    private static Post post(Readable row) {
        return new Post(row.get("post_id", UUID.class), row.get("post_name", String.class), row.get("post_village", String.class),
                degrees(row, "post_latitude"), degrees(row, "post_longitude"));
    }

    private static double degrees(Readable row, String column) {
        return row.get(column, BigDecimal.class).doubleValue();
    }
}
