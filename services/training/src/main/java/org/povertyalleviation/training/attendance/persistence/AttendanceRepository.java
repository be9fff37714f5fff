package org.povertyalleviation.training.attendance.persistence;

import java.time.Instant;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.training.attendance.domain.CheckIn;
import org.povertyalleviation.training.attendance.domain.Sitting;
import org.povertyalleviation.training.attendance.domain.Tally;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Sittings and check-ins. That a person's check-in counts once per sitting is the table's unique index, not a read. */
@Repository
public class AttendanceRepository {

    private final DatabaseClient database;

    public AttendanceRepository(DatabaseClient database) {
        this.database = database;
    }

    public Mono<Void> insert(Sitting sitting) {
        return database.sql("""
                        insert into sitting (county_code, id, session_id, starts_at, ends_at, secret) values (:county, :id, :session, :starts, :ends, :secret)""")
                .bind("county", sitting.county().value()).bind("id", sitting.id()).bind("session", sitting.session())
                .bind("starts", sitting.startsAt()).bind("ends", sitting.endsAt()).bind("secret", java.nio.ByteBuffer.wrap(sitting.secret()))
                .fetch().rowsUpdated().then();
    }

    public Mono<Sitting> sitting(CountyCode county, UUID id) {
        return database.sql("select * from sitting where county_code = :county and id = :id")
                .bind("county", county.value()).bind("id", id).map(AttendanceRepository::sitting).one();
    }

    public Flux<Sitting> sittings(CountyCode county, UUID session) {
        return database.sql("select * from sitting where county_code = :county and session_id = :session order by starts_at, id")
                .bind("county", county.value()).bind("session", session).map(AttendanceRepository::sitting).all();
    }

    public Mono<Long> sittingCount(CountyCode county, UUID session) {
        return database.sql("select count(*) as sittings from sitting where county_code = :county and session_id = :session")
                .bind("county", county.value()).bind("session", session).map(row -> row.get("sittings", Long.class)).one();
    }

    /**
     * Keeps the check-in. A counted one that meets another counted check-in of the person (a concurrent one that won) is
     * kept as a duplicate instead; the answer is the check-in as kept.
     */
    public Mono<CheckIn> insert(CheckIn checkIn) {
        return insertRow(checkIn, true).switchIfEmpty(Mono.defer(() -> {
            CheckIn duplicate = new CheckIn(checkIn.id(), checkIn.county(), checkIn.sitting(), checkIn.enrolment(), checkIn.method(), checkIn.at(),
                    false, CheckIn.Flag.DUPLICATE, checkIn.reason(), checkIn.recordedBy());
            return insertRow(duplicate, false);
        }));
    }

    private Mono<CheckIn> insertRow(CheckIn checkIn, boolean onConflictNothing) {
        DatabaseClient.GenericExecuteSpec spec = database.sql("""
                        insert into check_in (county_code, id, sitting_id, enrolment_id, method, at, counted, flag, reason, recorded_by)
                        values (:county, :id, :sitting, :enrolment, :method, :at, :counted, :flag, :reason, :by)"""
                        + (onConflictNothing ? " on conflict (county_code, sitting_id, enrolment_id) where counted do nothing" : "") + " returning *")
                .bind("county", checkIn.county().value()).bind("id", checkIn.id()).bind("sitting", checkIn.sitting())
                .bind("enrolment", checkIn.enrolment()).bind("method", checkIn.method().name()).bind("at", checkIn.at())
                .bind("counted", checkIn.counted()).bind("by", checkIn.recordedBy());
        spec = checkIn.flag() == null ? spec.bindNull("flag", String.class) : spec.bind("flag", checkIn.flag().name());
        spec = checkIn.reason() == null ? spec.bindNull("reason", String.class) : spec.bind("reason", checkIn.reason());
        return spec.map(AttendanceRepository::checkIn).one();
    }

    public Mono<Boolean> counted(CountyCode county, UUID sitting, UUID enrolment) {
        return database.sql("""
                        select exists (select 1 from check_in where county_code = :county and sitting_id = :sitting and enrolment_id = :enrolment
                                         and counted) as present""")
                .bind("county", county.value()).bind("sitting", sitting).bind("enrolment", enrolment).map(row -> row.get("present", Boolean.class)).one();
    }

    public Flux<CheckIn> checkIns(CountyCode county, UUID sitting) {
        return database.sql("select * from check_in where county_code = :county and sitting_id = :sitting order by at, id")
                .bind("county", county.value()).bind("sitting", sitting).map(AttendanceRepository::checkIn).all();
    }

    public Mono<Tally> tally(CountyCode county, UUID sitting) {
        return database.sql("""
                        select count(*) filter (where counted) as counted, count(*) filter (where flag = 'LATE') as late,
                               count(*) filter (where flag = 'DUPLICATE') as duplicates, count(*) filter (where counted and method = 'MANUAL') as manual
                        from check_in where county_code = :county and sitting_id = :sitting""")
                .bind("county", county.value()).bind("sitting", sitting)
                .map(row -> new Tally(row.get("counted", Long.class), row.get("late", Long.class), row.get("duplicates", Long.class),
                        row.get("manual", Long.class))).one();
    }

    /** Sittings of the session the person attended (counted check-ins). */
    public Mono<Long> attended(CountyCode county, UUID enrolment) {
        return database.sql("select count(*) as attended from check_in where county_code = :county and enrolment_id = :enrolment and counted")
                .bind("county", county.value()).bind("enrolment", enrolment).map(row -> row.get("attended", Long.class)).one();
    }

    private static Sitting sitting(Readable row) {
        java.nio.ByteBuffer secret = row.get("secret", java.nio.ByteBuffer.class);
        byte[] bytes = new byte[secret.remaining()];
        secret.get(bytes);
        return new Sitting(row.get("id", UUID.class), CountyCode.of(row.get("county_code", String.class)), row.get("session_id", UUID.class),
                row.get("starts_at", Instant.class), row.get("ends_at", Instant.class), bytes);
    }

    private static CheckIn checkIn(Readable row) {
        String flag = row.get("flag", String.class);
        return new CheckIn(row.get("id", UUID.class), CountyCode.of(row.get("county_code", String.class)), row.get("sitting_id", UUID.class),
                row.get("enrolment_id", UUID.class), CheckIn.Method.valueOf(row.get("method", String.class)), row.get("at", Instant.class),
                Boolean.TRUE.equals(row.get("counted", Boolean.class)), flag == null ? null : CheckIn.Flag.valueOf(flag), row.get("reason", String.class),
                row.get("recorded_by", String.class));
    }
}
