package org.povertyalleviation.training.certificate.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.VillageCode;
import org.povertyalleviation.training.certificate.domain.Certificate;
import org.povertyalleviation.training.certificate.domain.VillageFigures;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Certificates, their public codes, and the figures of the county's coverage. */
@Repository
public class CertificateRepository {

    private final DatabaseClient database;

    public CertificateRepository(DatabaseClient database) {
        this.database = database;
    }

    public Mono<Void> insert(Certificate certificate) {
        DatabaseClient.GenericExecuteSpec spec = database.sql("""
                        insert into certificate (county_code, id, enrolment_id, course_id, session_id, code, holder_name, household_id, member_id,
                                                 village_code, issued_on, expires_on, status, issued_by)
                        values (:county, :id, :enrolment, :course, :session, :code, :holder, :household, :member, :village, :issuedOn, :expiresOn,
                                :status, :by)""")
                .bind("county", certificate.county().value()).bind("id", certificate.id()).bind("enrolment", certificate.enrolment())
                .bind("course", certificate.course()).bind("session", certificate.session()).bind("code", certificate.code())
                .bind("holder", certificate.holderName()).bind("issuedOn", certificate.issuedOn()).bind("status", certificate.status().name())
                .bind("by", certificate.issuedBy());
        spec = nullable(spec, "household", certificate.household(), UUID.class);
        spec = nullable(spec, "member", certificate.member(), UUID.class);
        spec = nullable(spec, "village", certificate.village() == null ? null : certificate.village().value(), String.class);
        spec = nullable(spec, "expiresOn", certificate.expiresOn(), LocalDate.class);
        return database.sql("insert into certificate_code (code, county_code, certificate_id) values (:code, :county, :id)")
                .bind("code", certificate.code()).bind("county", certificate.county().value()).bind("id", certificate.id())
                .fetch().rowsUpdated().then(spec.fetch().rowsUpdated()).then();
    }

    /** The county's name as the county registry gave it (the county copy). */
    public Mono<String> countyName(CountyCode county) {
        return database.sql("select name_zh from joined_county where code = :county").bind("county", county.value())
                .map(row -> row.get("name_zh", String.class)).one().defaultIfEmpty(county.value());
    }

    public Mono<Boolean> issued(CountyCode county, UUID enrolment) {
        return database.sql("select exists (select 1 from certificate where county_code = :county and enrolment_id = :enrolment) as present")
                .bind("county", county.value()).bind("enrolment", enrolment).map(row -> row.get("present", Boolean.class)).one();
    }

    public Mono<Certificate> find(CountyCode county, UUID id) {
        return database.sql("select * from certificate where county_code = :county and id = :id")
                .bind("county", county.value()).bind("id", id).map(CertificateRepository::certificate).one();
    }

    public Mono<Certificate> findForUpdate(CountyCode county, UUID id) {
        return database.sql("select * from certificate where county_code = :county and id = :id for update")
                .bind("county", county.value()).bind("id", id).map(CertificateRepository::certificate).one();
    }

    /** Which county a public code belongs to (the code table is read across counties: it holds only that link). */
    public Mono<Optional<CountyCode>> countyOf(String code) {
        return database.sql("select county_code from certificate_code where code = :code").bind("code", code)
                .map(row -> Optional.of(CountyCode.of(row.get("county_code", String.class)))).one().defaultIfEmpty(Optional.empty());
    }

    public Mono<Certificate> byCode(CountyCode county, String code) {
        return database.sql("select * from certificate where county_code = :county and code = :code")
                .bind("county", county.value()).bind("code", code).map(CertificateRepository::certificate).one();
    }

    public Flux<Certificate> ofSession(CountyCode county, UUID session) {
        return database.sql("select * from certificate where county_code = :county and session_id = :session order by issued_on, id")
                .bind("county", county.value()).bind("session", session).map(CertificateRepository::certificate).all();
    }

    /** Valid certificates that expire between the two days, soonest first: the people to remind to refresh. */
    public Flux<Certificate> expiring(CountyCode county, LocalDate from, LocalDate to, int limit) {
        return database.sql("""
                        select * from certificate where county_code = :county and status = 'VALID' and expires_on between :from and :to
                        order by expires_on, id limit :limit""")
                .bind("county", county.value()).bind("from", from).bind("to", to).bind("limit", limit).map(CertificateRepository::certificate).all();
    }

    public Mono<Void> revoked(Certificate certificate) {
        return database.sql("update certificate set status = :status, revoked_reason = :reason, revoked_at = :at where county_code = :county and id = :id")
                .bind("status", certificate.status().name()).bind("reason", certificate.revokedReason()).bind("at", certificate.revokedAt())
                .bind("county", certificate.county().value()).bind("id", certificate.id()).fetch().rowsUpdated().then();
    }

    /**
     * Per village of the county copy: people holding a certificate valid on the day (a member counted once, whatever
     * their certificates; anyone else by enrolment), and person-times in the year (enrolments of sessions starting that
     * year with at least one counted check-in), by the enrolment's village.
     */
    public Flux<VillageFigures> villageFigures(CountyCode county, int year, LocalDate day) {
        return database.sql("""
                        select v.code, v.township_code, v.name_zh, v.poor,
                               (select count(distinct coalesce(c.member_id, c.enrolment_id)) from certificate c
                                 where c.county_code = v.county_code and c.village_code = v.code and c.status = 'VALID'
                                   and (c.expires_on is null or c.expires_on >= :day)) as certified,
                               (select count(*) from enrolment e join session s on s.county_code = e.county_code and s.id = e.session_id
                                 where e.county_code = v.county_code and e.village_code = v.code and extract(year from s.starts_on) = :year
                                   and exists (select 1 from check_in ci where ci.county_code = e.county_code and ci.enrolment_id = e.id
                                                 and ci.counted)) as person_times
                        from village v where v.county_code = :county order by v.code""")
                .bind("county", county.value()).bind("year", year).bind("day", day)
                .map(row -> new VillageFigures(row.get("code", String.class), row.get("township_code", String.class), row.get("name_zh", String.class),
                        Boolean.TRUE.equals(row.get("poor", Boolean.class)), row.get("certified", Long.class), row.get("person_times", Long.class)))
                .all();
    }

    /** Person-times of the year in the whole county, wherever the people live (those without a village too). */
    public Mono<Long> personTimes(CountyCode county, int year) {
        return database.sql("""
                        select count(*) as person_times from enrolment e join session s on s.county_code = e.county_code and s.id = e.session_id
                        where e.county_code = :county and extract(year from s.starts_on) = :year
                          and exists (select 1 from check_in ci where ci.county_code = e.county_code and ci.enrolment_id = e.id and ci.counted)""")
                .bind("county", county.value()).bind("year", year).map(row -> row.get("person_times", Long.class)).one();
    }

    private static <T> DatabaseClient.GenericExecuteSpec nullable(DatabaseClient.GenericExecuteSpec spec, String name, T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    private static Certificate certificate(Readable row) {
        String village = row.get("village_code", String.class);
        return new Certificate(row.get("id", UUID.class), CountyCode.of(row.get("county_code", String.class)), row.get("enrolment_id", UUID.class),
                row.get("course_id", UUID.class), row.get("session_id", UUID.class), row.get("code", String.class), row.get("holder_name", String.class),
                row.get("household_id", UUID.class), row.get("member_id", UUID.class), village == null ? null : VillageCode.of(village),
                row.get("issued_on", LocalDate.class), row.get("expires_on", LocalDate.class),
                Certificate.Status.valueOf(row.get("status", String.class)), row.get("revoked_reason", String.class),
                row.get("revoked_at", Instant.class), row.get("issued_by", String.class));
    }
}
