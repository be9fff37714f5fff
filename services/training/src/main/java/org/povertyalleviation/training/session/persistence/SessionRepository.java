package org.povertyalleviation.training.session.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.VillageCode;
import org.povertyalleviation.training.course.domain.TargetGroup;
import org.povertyalleviation.training.session.domain.Enrolment;
import org.povertyalleviation.training.session.domain.EnrolmentStatus;
import org.povertyalleviation.training.session.domain.PlaceKind;
import org.povertyalleviation.training.session.domain.Session;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sessions and their enrolments. A place is taken and given back only by {@link #takePlace} and {@link #releasePlace},
 * single statements checked on the session's row, so concurrent enrolments and cancellations never exceed the capacity
 * nor lose a place.
 */
@Repository
public class SessionRepository {

    private final DatabaseClient database;

    public SessionRepository(DatabaseClient database) {
        this.database = database;
    }

    public Mono<Void> insert(Session session) {
        DatabaseClient.GenericExecuteSpec spec = database.sql("""
                        insert into session (county_code, id, course_id, place_kind, township_code, village_code, address, lecturer, capacity,
                                             starts_on, ends_on, partner_client, created_at)
                        values (:county, :id, :course, :place, :township, :village, :address, :lecturer, :capacity, :startsOn, :endsOn, :partner, :createdAt)""")
                .bind("county", session.county().value()).bind("id", session.id()).bind("course", session.course())
                .bind("place", session.placeKind().name()).bind("address", session.address()).bind("lecturer", session.lecturer())
                .bind("capacity", session.capacity()).bind("startsOn", session.startsOn()).bind("endsOn", session.endsOn())
                .bind("createdAt", session.createdAt());
        spec = nullable(spec, "township", session.township(), String.class);
        spec = nullable(spec, "village", session.village() == null ? null : session.village().value(), String.class);
        spec = nullable(spec, "partner", session.partnerClient(), String.class);
        return spec.fetch().rowsUpdated().then();
    }

    public Mono<Session> find(CountyCode county, UUID id) {
        return database.sql("select * from session where county_code = :county and id = :id")
                .bind("county", county.value()).bind("id", id).map(SessionRepository::session).one();
    }

    /** Sessions starting in the period, optionally only a partner's, each with how many wait. */
    public Flux<Map.Entry<Session, Long>> between(CountyCode county, LocalDate from, LocalDate to, String partner, int limit) {
        DatabaseClient.GenericExecuteSpec spec = database.sql("""
                        select s.*, (select count(*) from enrolment e where e.county_code = s.county_code and e.session_id = s.id
                                       and e.status = 'WAITLISTED') as waitlisted
                        from session s where s.county_code = :county and s.starts_on between :from and :to"""
                        + (partner == null ? "" : " and s.partner_client = :partner") + " order by s.starts_on, s.id limit :limit")
                .bind("county", county.value()).bind("from", from).bind("to", to).bind("limit", limit);
        return (partner == null ? spec : spec.bind("partner", partner))
                .map(row -> Map.entry(session(row), row.get("waitlisted", Long.class))).all();
    }

    /** Takes a place if the session has one; false when it is full (nothing changed). */
    public Mono<Boolean> takePlace(CountyCode county, UUID session) {
        return database.sql("update session set enrolled = enrolled + 1 where county_code = :county and id = :id and enrolled < capacity")
                .bind("county", county.value()).bind("id", session).fetch().rowsUpdated().map(updated -> updated == 1);
    }

    public Mono<Void> releasePlace(CountyCode county, UUID session) {
        return database.sql("update session set enrolled = enrolled - 1 where county_code = :county and id = :id")
                .bind("county", county.value()).bind("id", session).fetch().rowsUpdated().then();
    }

    public Mono<Enrolment> insert(Enrolment enrolment) {
        DatabaseClient.GenericExecuteSpec spec = database.sql("""
                        insert into enrolment (county_code, id, session_id, person_kind, household_id, member_id, village_code, name, phone, target_group,
                                               status, app_person, enrolled_by, enrolled_at)
                        values (:county, :id, :session, :kind, :household, :member, :village, :name, :phone, :group, :status, :appPerson, :by, :at)
                        returning *""")
                .bind("county", enrolment.county().value()).bind("id", enrolment.id()).bind("session", enrolment.session())
                .bind("kind", enrolment.registeredMember() ? "MEMBER" : "OTHER").bind("name", enrolment.name())
                .bind("group", enrolment.targetGroup().name()).bind("status", enrolment.status().name()).bind("by", enrolment.enrolledBy())
                .bind("at", enrolment.enrolledAt());
        spec = nullable(spec, "household", enrolment.household(), UUID.class);
        spec = nullable(spec, "member", enrolment.member(), UUID.class);
        spec = nullable(spec, "village", enrolment.village() == null ? null : enrolment.village().value(), String.class);
        spec = nullable(spec, "phone", enrolment.phone(), String.class);
        spec = nullable(spec, "appPerson", enrolment.appPerson(), String.class);
        return spec.map(SessionRepository::enrolment).one();
    }

    public Mono<Boolean> memberEnrolled(CountyCode county, UUID session, UUID member) {
        return database.sql("""
                        select exists (select 1 from enrolment where county_code = :county and session_id = :session and member_id = :member
                                         and status <> 'CANCELLED') as present""")
                .bind("county", county.value()).bind("session", session).bind("member", member).map(row -> row.get("present", Boolean.class)).one();
    }

    public Mono<Enrolment> enrolment(CountyCode county, UUID id) {
        return database.sql("select * from enrolment where county_code = :county and id = :id")
                .bind("county", county.value()).bind("id", id).map(SessionRepository::enrolment).one();
    }

    public Mono<Enrolment> enrolmentForUpdate(CountyCode county, UUID id) {
        return database.sql("select * from enrolment where county_code = :county and id = :id for update")
                .bind("county", county.value()).bind("id", id).map(SessionRepository::enrolment).one();
    }

    public Flux<Enrolment> enrolments(CountyCode county, UUID session) {
        return database.sql("select * from enrolment where county_code = :county and session_id = :session order by status, queued")
                .bind("county", county.value()).bind("session", session).map(SessionRepository::enrolment).all();
    }

    /**
     * The first person waiting, locked; one another transaction has locked already is skipped, so concurrent
     * cancellations each promote a different person.
     */
    public Mono<Enrolment> firstWaiting(CountyCode county, UUID session) {
        return database.sql("""
                        select * from enrolment where county_code = :county and session_id = :session and status = 'WAITLISTED'
                        order by queued limit 1 for update skip locked""")
                .bind("county", county.value()).bind("session", session).map(SessionRepository::enrolment).one();
    }

    public Mono<Void> status(CountyCode county, UUID enrolment, EnrolmentStatus status) {
        return database.sql("update enrolment set status = :status where county_code = :county and id = :id")
                .bind("status", status.name()).bind("county", county.value()).bind("id", enrolment).fetch().rowsUpdated().then();
    }

    public Mono<Void> assessed(Enrolment enrolment) {
        return database.sql("update enrolment set assessment_passed = :passed, assessed_at = :at where county_code = :county and id = :id")
                .bind("passed", enrolment.assessmentPassed()).bind("at", enrolment.assessedAt()).bind("county", enrolment.county().value())
                .bind("id", enrolment.id()).fetch().rowsUpdated().then();
    }

    private static <T> DatabaseClient.GenericExecuteSpec nullable(DatabaseClient.GenericExecuteSpec spec, String name, T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    static Session session(Readable row) {
        String village = row.get("village_code", String.class);
        return new Session(row.get("id", UUID.class), CountyCode.of(row.get("county_code", String.class)), row.get("course_id", UUID.class),
                PlaceKind.valueOf(row.get("place_kind", String.class)), row.get("township_code", String.class),
                village == null ? null : VillageCode.of(village), row.get("address", String.class), row.get("lecturer", String.class),
                row.get("capacity", Integer.class), row.get("enrolled", Integer.class), row.get("starts_on", LocalDate.class),
                row.get("ends_on", LocalDate.class), row.get("partner_client", String.class), row.get("created_at", Instant.class));
    }

    static Enrolment enrolment(Readable row) {
        String village = row.get("village_code", String.class);
        return new Enrolment(row.get("id", UUID.class), CountyCode.of(row.get("county_code", String.class)), row.get("session_id", UUID.class),
                row.get("household_id", UUID.class), row.get("member_id", UUID.class), village == null ? null : VillageCode.of(village),
                row.get("name", String.class), row.get("phone", String.class), TargetGroup.valueOf(row.get("target_group", String.class)),
                EnrolmentStatus.valueOf(row.get("status", String.class)), row.get("queued", Long.class), row.get("app_person", String.class),
                row.get("assessment_passed", Boolean.class), row.get("assessed_at", Instant.class), row.get("enrolled_by", String.class),
                row.get("enrolled_at", Instant.class));
    }
}
