package org.povertyalleviation.supplyplatform.trace.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.supplyplatform.trace.domain.BusinessStep;
import org.povertyalleviation.supplyplatform.trace.domain.CopySuspicion;
import org.povertyalleviation.supplyplatform.trace.domain.Lot;
import org.povertyalleviation.supplyplatform.trace.domain.LotPart;
import org.povertyalleviation.supplyplatform.trace.domain.PrintRun;
import org.povertyalleviation.supplyplatform.trace.domain.TraceEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Lots, what they were made of, their trace events, print runs and packs, and the scans of the packs. */
@Repository
public class LotRepository {

    /** Where a printed code leads: its county and lot, and the pack's serial when it is one. */
    public record CodeTarget(CountyCode county, UUID lot, boolean serial) {
    }

    /** A pack's scans so far, and whether a copy suspicion was raised on it before this scan. */
    public record PackScans(String serial, UUID lot, int scans, Instant firstScannedAt, int places, boolean suspected) {
    }

    private final DatabaseClient database;

    public LotRepository(DatabaseClient database) {
        this.database = database;
    }

    /** Where a code leads, across counties (trace_code has no row-level security: a scan names no county). */
    public Mono<CodeTarget> target(String code) {
        return database.sql("select county_code, lot_id, serial from trace_code where code = :code").bind("code", code)
                .map(row -> new CodeTarget(CountyCode.of(row.get("county_code", String.class)), row.get("lot_id", UUID.class),
                        Boolean.TRUE.equals(row.get("serial", Boolean.class))))
                .one();
    }

    public Mono<Void> insert(Lot lot) {
        var insert = database.sql("""
                        insert into lot (county_code, id, product_id, organisation_id, base_id, code, lot_number, quantity_milli, harvest_date,
                                         grade, public_steps, published, created_by, created_at)
                        values (:county, :id, :product, :organisation, :base, :code, :number, :quantity, :harvest, :grade, :steps, :published,
                                :by, :at)""")
                .bind("county", lot.county().value()).bind("id", lot.id()).bind("product", lot.product()).bind("organisation", lot.organisation())
                .bind("code", lot.code()).bind("number", lot.lotNumber()).bind("quantity", lot.quantityMilli()).bind("harvest", lot.harvestDate())
                .bind("grade", lot.grade()).bind("steps", steps(lot.publicSteps())).bind("published", lot.published())
                .bind("by", lot.createdBy()).bind("at", lot.createdAt());
        insert = lot.base() == null ? insert.bindNull("base", UUID.class) : insert.bind("base", lot.base());
        return database.sql("insert into trace_code (code, county_code, lot_id, serial) values (:code, :county, :lot, false)")
                .bind("code", lot.code()).bind("county", lot.county().value()).bind("lot", lot.id()).fetch().rowsUpdated()
                .then(insert.fetch().rowsUpdated()).then();
    }

    public Mono<Void> addHouseholds(CountyCode county, UUID lot, List<UUID> households) {
        if (households.isEmpty()) {
            return Mono.empty();
        }
        return database.sql("""
                        insert into lot_household (county_code, lot_id, household_id, ordinal)
                        select :county, :lot, household, ordinal from unnest(cast(:households as uuid[])) with ordinality as h(household, ordinal)""")
                .bind("county", county.value()).bind("lot", lot).bind("households", households.toArray(UUID[]::new))
                .fetch().rowsUpdated().then();
    }

    public Flux<UUID> households(CountyCode county, UUID lot) {
        return database.sql("select household_id from lot_household where county_code = :county and lot_id = :lot order by ordinal")
                .bind("county", county.value()).bind("lot", lot).map(row -> row.get("household_id", UUID.class)).all();
    }

    public Mono<Lot> find(CountyCode county, UUID id) {
        return database.sql("select * from lot where county_code = :county and id = :id")
                .bind("county", county.value()).bind("id", id).map(LotRepository::lot).one();
    }

    /** The lot, locked until the transaction ends: what is taken from one lot is taken one request after the other. */
    public Mono<Lot> findForUpdate(CountyCode county, UUID id) {
        return database.sql("select * from lot where county_code = :county and id = :id for update")
                .bind("county", county.value()).bind("id", id).map(LotRepository::lot).one();
    }

    public Flux<Lot> ofProduct(CountyCode county, UUID product, int limit) {
        return database.sql("select * from lot where county_code = :county and product_id = :product order by harvest_date desc, created_at desc limit :limit")
                .bind("county", county.value()).bind("product", product).bind("limit", limit).map(LotRepository::lot).all();
    }

    /** What the lot's children have taken of it so far. */
    public Mono<Long> taken(CountyCode county, UUID parent) {
        return database.sql("select coalesce(sum(quantity_milli), 0) as taken from lot_parent where county_code = :county and parent_id = :parent")
                .bind("county", county.value()).bind("parent", parent).map(row -> row.get("taken", Long.class)).one();
    }

    public Mono<Void> addPart(CountyCode county, LotPart part) {
        return database.sql("insert into lot_parent (county_code, child_id, parent_id, quantity_milli) values (:county, :child, :parent, :quantity)")
                .bind("county", county.value()).bind("child", part.child()).bind("parent", part.parent()).bind("quantity", part.quantityMilli())
                .fetch().rowsUpdated().then();
    }

    /** The parts the lot was made of (its parents) and the parts taken from it (its children). */
    public Flux<LotPart> parts(CountyCode county, UUID lot) {
        return database.sql("""
                        select parent_id, child_id, quantity_milli from lot_parent
                         where county_code = :county and (child_id = :lot or parent_id = :lot) order by parent_id, child_id""")
                .bind("county", county.value()).bind("lot", lot)
                .map(row -> new LotPart(row.get("parent_id", UUID.class), row.get("child_id", UUID.class), row.get("quantity_milli", Long.class)))
                .all();
    }

    /** The lot and every lot it was made of, however many splits and merges back. */
    public Flux<UUID> lineage(CountyCode county, UUID lot) {
        return database.sql("""
                        with recursive ancestry(id) as (
                            select cast(:lot as uuid)
                            union
                            select p.parent_id from lot_parent p join ancestry a on p.child_id = a.id where p.county_code = :county)
                        select id from ancestry""")
                .bind("county", county.value()).bind("lot", lot).map(row -> row.get("id", UUID.class)).all();
    }

    public Mono<Void> updatePublication(Lot lot) {
        return database.sql("update lot set published = :published, public_steps = :steps where county_code = :county and id = :id")
                .bind("published", lot.published()).bind("steps", steps(lot.publicSteps()))
                .bind("county", lot.county().value()).bind("id", lot.id()).fetch().rowsUpdated().then();
    }

    /** Records the event unless its id is already recorded in the county; true when it was new. */
    public Mono<Boolean> insertEvent(CountyCode county, TraceEvent event) {
        var insert = database.sql("""
                        insert into trace_event (county_code, id, lot_id, event_id, business_step, event_time, read_point, latitude_micro,
                                                 longitude_micro, quantity_milli, note, recorded_by, recorded_at)
                        values (:county, :id, :lot, :eventId, :step, :time, :readPoint, :latitude, :longitude, :quantity, :note, :by, :at)
                        on conflict (county_code, event_id) do nothing""")
                .bind("county", county.value()).bind("id", event.id()).bind("lot", event.lot()).bind("eventId", event.eventId())
                .bind("step", event.step().name()).bind("time", event.eventTime()).bind("readPoint", event.readPoint())
                .bind("by", event.recordedBy()).bind("at", event.recordedAt());
        insert = event.latitudeMicro() == null ? insert.bindNull("latitude", Integer.class) : insert.bind("latitude", event.latitudeMicro());
        insert = event.longitudeMicro() == null ? insert.bindNull("longitude", Integer.class) : insert.bind("longitude", event.longitudeMicro());
        insert = event.quantityMilli() == null ? insert.bindNull("quantity", Long.class) : insert.bind("quantity", event.quantityMilli());
        insert = event.note() == null ? insert.bindNull("note", String.class) : insert.bind("note", event.note());
        return insert.fetch().rowsUpdated().map(rows -> rows > 0);
    }

    public Mono<TraceEvent> eventById(CountyCode county, String eventId) {
        return database.sql("select * from trace_event where county_code = :county and event_id = :eventId")
                .bind("county", county.value()).bind("eventId", eventId).map(LotRepository::event).one();
    }

    /** The events of these lots, oldest first. */
    public Flux<TraceEvent> events(CountyCode county, List<UUID> lots, int limit) {
        return database.sql("select * from trace_event where county_code = :county and lot_id = any(:lots) order by event_time, recorded_at limit :limit")
                .bind("county", county.value()).bind("lots", lots.toArray(UUID[]::new)).bind("limit", limit).map(LotRepository::event).all();
    }

    /** The print run and its packs, each with a new serial, in one statement each. */
    public Mono<Void> insertPrintRun(CountyCode county, PrintRun run, List<String> serials) {
        String[] codes = serials.toArray(String[]::new);
        return database.sql("insert into print_run (county_code, id, lot_id, labels, created_by, created_at) values (:county, :id, :lot, :labels, :by, :at)")
                .bind("county", county.value()).bind("id", run.id()).bind("lot", run.lot()).bind("labels", run.labels())
                .bind("by", run.createdBy()).bind("at", run.createdAt()).fetch().rowsUpdated()
                .then(database.sql("insert into trace_code (code, county_code, lot_id, serial) select code, :county, :lot, true from unnest(cast(:codes as text[])) as c(code)")
                        .bind("county", county.value()).bind("lot", run.lot()).bind("codes", codes).fetch().rowsUpdated())
                .then(database.sql("""
                                insert into pack (county_code, serial, lot_id, print_run_id, position)
                                select :county, code, :lot, :run, position from unnest(cast(:codes as text[])) with ordinality as c(code, position)""")
                        .bind("county", county.value()).bind("lot", run.lot()).bind("run", run.id()).bind("codes", codes).fetch().rowsUpdated())
                .then();
    }

    public Flux<PrintRun> printRuns(CountyCode county, UUID lot) {
        return database.sql("select * from print_run where county_code = :county and lot_id = :lot order by created_at")
                .bind("county", county.value()).bind("lot", lot)
                .map(row -> new PrintRun(row.get("id", UUID.class), row.get("lot_id", UUID.class), row.get("labels", Integer.class),
                        row.get("created_by", String.class), row.get("created_at", Instant.class)))
                .all();
    }

    public Mono<PrintRun> printRun(CountyCode county, UUID lot, UUID run) {
        return printRuns(county, lot).filter(candidate -> candidate.id().equals(run)).next();
    }

    /** The serials of a print run in label order. */
    public Flux<String> serials(CountyCode county, UUID run) {
        return database.sql("select serial from pack where county_code = :county and print_run_id = :run order by position")
                .bind("county", county.value()).bind("run", run).map(row -> row.get("serial", String.class)).all();
    }

    /**
     * Counts a scan of the pack from the place, and answers its scans so far (this one included), from how many places,
     * and whether it is suspected already: one statement, since every scan of a pack comes here. The pack's row is
     * locked by the update, so concurrent scans of one serial count one after the other. The statement's snapshot does
     * not see its own insert, so a new place is added to the places counted before it.
     */
    public Mono<PackScans> countScan(CountyCode county, String serial, String place, Instant at) {
        return database.sql("""
                        with counted as (
                            update pack set scans = scans + 1, first_scanned_at = coalesce(first_scanned_at, :at)
                             where county_code = :county and serial = :serial
                            returning lot_id, scans, first_scanned_at),
                        placed as (
                            insert into pack_scan_place (county_code, serial, place, scans, first_at)
                            select :county, :serial, :place, 1, :at from counted
                            on conflict (county_code, serial, place) do update set scans = pack_scan_place.scans + 1
                            returning (xmax = 0) as new_place)
                        select c.lot_id, c.scans, c.first_scanned_at,
                               (select count(*) from pack_scan_place p where p.county_code = :county and p.serial = :serial)
                                   + (select count(*) from placed where new_place) as places,
                               exists (select 1 from copy_suspicion s where s.county_code = :county and s.serial = :serial) as suspected
                          from counted c""")
                .bind("county", county.value()).bind("serial", serial).bind("place", place).bind("at", at)
                .map(row -> new PackScans(serial, row.get("lot_id", UUID.class), row.get("scans", Integer.class),
                        row.get("first_scanned_at", Instant.class), row.get("places", Long.class).intValue(),
                        Boolean.TRUE.equals(row.get("suspected", Boolean.class))))
                .one();
    }

    /** Raises the suspicion once per serial and reason; true when it is new. */
    public Mono<Boolean> raise(CountyCode county, CopySuspicion suspicion) {
        return database.sql("""
                        insert into copy_suspicion (county_code, serial, lot_id, reason, scans, places, raised_at)
                        values (:county, :serial, :lot, :reason, :scans, :places, :at) on conflict do nothing""")
                .bind("county", county.value()).bind("serial", suspicion.serial()).bind("lot", suspicion.lot())
                .bind("reason", suspicion.reason().name()).bind("scans", suspicion.scans()).bind("places", suspicion.places())
                .bind("at", suspicion.raisedAt()).fetch().rowsUpdated().map(rows -> rows > 0);
    }

    public Flux<CopySuspicion> suspicions(CountyCode county, int limit) {
        return database.sql("""
                        select s.serial, s.lot_id, s.reason, p.scans, (select count(*) from pack_scan_place c
                                where c.county_code = s.county_code and c.serial = s.serial) as places, s.raised_at
                          from copy_suspicion s join pack p on p.county_code = s.county_code and p.serial = s.serial
                         where s.county_code = :county order by s.raised_at desc limit :limit""")
                .bind("county", county.value()).bind("limit", limit)
                .map(row -> new CopySuspicion(row.get("serial", String.class), row.get("lot_id", UUID.class),
                        CopySuspicion.Reason.valueOf(row.get("reason", String.class)), row.get("scans", Integer.class),
                        row.get("places", Long.class).intValue(), row.get("raised_at", Instant.class)))
                .all();
    }

    public Mono<Void> setGtin(CountyCode county, UUID product, String gtin) {
        return database.sql("update product set gtin = :gtin where county_code = :county and id = :product")
                .bind("gtin", gtin).bind("county", county.value()).bind("product", product).fetch().rowsUpdated().then();
    }

    /** The product's GTIN; empty when it has none (or is not the county's). */
    public Mono<java.util.Optional<String>> gtin(CountyCode county, UUID product) {
        return database.sql("select gtin from product where county_code = :county and id = :product")
                .bind("county", county.value()).bind("product", product).map(row -> java.util.Optional.ofNullable(row.get("gtin", String.class)))
                .one().defaultIfEmpty(java.util.Optional.empty());
    }

    /** The names of the villages the lots' supply bases are in. */
    public Flux<String> villageNames(CountyCode county, List<UUID> lots) {
        return database.sql("""
                        select distinct v.name_zh from lot l
                          join supply_base b on b.county_code = l.county_code and b.id = l.base_id
                          join village v on v.county_code = b.county_code and v.code = b.village_code
                         where l.county_code = :county and l.id = any(:lots) order by v.name_zh""")
                .bind("county", county.value()).bind("lots", lots.toArray(UUID[]::new)).map(row -> row.get("name_zh", String.class)).all();
    }

    public Mono<String> countyName(CountyCode county) {
        return database.sql("select name_zh from joined_county where code = :county").bind("county", county.value())
                .map(row -> row.get("name_zh", String.class)).one();
    }

    private static String[] steps(Set<BusinessStep> steps) {
        return steps.stream().sorted().map(Enum::name).toArray(String[]::new);
    }

    private static Lot lot(Readable row) {
        String[] steps = row.get("public_steps", String[].class);
        Set<BusinessStep> publicSteps = EnumSet.noneOf(BusinessStep.class);
        Arrays.stream(steps == null ? new String[0] : steps).map(BusinessStep::valueOf).forEach(publicSteps::add);
        return new Lot(row.get("id", UUID.class), CountyCode.of(row.get("county_code", String.class)), row.get("product_id", UUID.class),
                row.get("organisation_id", UUID.class), row.get("base_id", UUID.class), row.get("code", String.class),
                row.get("lot_number", String.class), row.get("quantity_milli", Long.class), row.get("harvest_date", LocalDate.class),
                row.get("grade", String.class), publicSteps, Boolean.TRUE.equals(row.get("published", Boolean.class)),
                row.get("created_by", String.class), row.get("created_at", Instant.class));
    }

    private static TraceEvent event(Readable row) {
        return new TraceEvent(row.get("id", UUID.class), row.get("lot_id", UUID.class), row.get("event_id", String.class),
                BusinessStep.valueOf(row.get("business_step", String.class)), row.get("event_time", Instant.class), row.get("read_point", String.class),
                row.get("latitude_micro", Integer.class), row.get("longitude_micro", Integer.class), row.get("quantity_milli", Long.class),
                row.get("note", String.class), row.get("recorded_by", String.class), row.get("recorded_at", Instant.class));
    }
}
