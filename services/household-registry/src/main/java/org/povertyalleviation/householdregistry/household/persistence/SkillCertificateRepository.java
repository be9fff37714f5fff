package org.povertyalleviation.householdregistry.household.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.R2dbcType;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The training certificates of members (member_skill_certificate) and the skills they put on the file
 * (member.certificate_skills, always part of member.ecommerce_skills); every call runs inside a county transaction.
 */
@Repository
public class SkillCertificateRepository {

    /** A certificate as recorded: issuedOn null while only its revocation arrived, revokedAt null while it counts. */
    public record CertificateRow(UUID certificate, UUID member, String skill, LocalDate issuedOn, LocalDate expiresOn, Instant revokedAt) {
    }

    private static final String COLUMNS = "certificate_id, member_id, skill, issued_on, expires_on, revoked_at";

    private final DatabaseClient database;

    public SkillCertificateRepository(DatabaseClient database) {
        this.database = database;
    }

    /**
     * Records the certificate as issued (again: the same values). The first skill recorded for it stays, and so does
     * a revocation that came first.
     *
     * @return the row as it stands, or empty when the certificate is recorded for another member
     */
    public Mono<CertificateRow> recordIssued(String county, UUID certificate, UUID member, String skill, LocalDate issuedOn, LocalDate expiresOn) {
        return database.sql("""
                        insert into member_skill_certificate (county_code, certificate_id, member_id, skill, issued_on, expires_on)
                        values (:county, :certificate, :member, :skill, :issuedOn, :expiresOn)
                        on conflict (county_code, certificate_id) do update
                           set skill = coalesce(member_skill_certificate.skill, excluded.skill),
                               issued_on = excluded.issued_on, expires_on = excluded.expires_on
                         where member_skill_certificate.member_id = excluded.member_id
                        returning\s""" + COLUMNS)
                .bind("county", county).bind("certificate", certificate).bind("member", member)
                .bind("skill", Parameters.in(R2dbcType.VARCHAR, skill)).bind("issuedOn", issuedOn)
                .bind("expiresOn", Parameters.in(R2dbcType.DATE, expiresOn))
                .map(SkillCertificateRepository::certificate).one();
    }

    /**
     * Records the certificate's revocation (the first time it arrived stays), also of a certificate not issued yet.
     *
     * @return the row as it stands, or empty when the certificate is recorded for another member
     */
    public Mono<CertificateRow> recordRevoked(String county, UUID certificate, UUID member, String skill, Instant revokedAt) {
        return database.sql("""
                        insert into member_skill_certificate (county_code, certificate_id, member_id, skill, revoked_at)
                        values (:county, :certificate, :member, :skill, :revokedAt)
                        on conflict (county_code, certificate_id) do update
                           set skill = coalesce(member_skill_certificate.skill, excluded.skill),
                               revoked_at = coalesce(member_skill_certificate.revoked_at, excluded.revoked_at)
                         where member_skill_certificate.member_id = excluded.member_id
                        returning\s""" + COLUMNS)
                .bind("county", county).bind("certificate", certificate).bind("member", member)
                .bind("skill", Parameters.in(R2dbcType.VARCHAR, skill))
                .bind("revokedAt", OffsetDateTime.ofInstant(revokedAt, ZoneOffset.UTC))
                .map(SkillCertificateRepository::certificate).one();
    }

    /**
     * Puts the skill on the member's file as the certificates' own, unless the file already has it (then it keeps
     * its origin: a clerk's skill stays the clerk's).
     *
     * @return whether the file changed
     */
    public Mono<Boolean> addCertifiedSkill(String county, UUID member, String skill) {
        return database.sql("""
                        update member set ecommerce_skills = ecommerce_skills || :skill::text,
                                          certificate_skills = certificate_skills || :skill::text
                         where county_code = :county and id = :member and not (:skill = any (ecommerce_skills))""")
                .bind("county", county).bind("member", member).bind("skill", skill)
                .fetch().rowsUpdated().map(updated -> updated > 0);
    }

    /**
     * Takes the skill off the member's file if it is there only because of certificates and no certificate that
     * still counts gives it.
     *
     * @return whether the file changed
     */
    public Mono<Boolean> removeCertifiedSkill(String county, UUID member, String skill) {
        return database.sql("""
                        update member set ecommerce_skills = array_remove(ecommerce_skills, :skill::text),
                                          certificate_skills = array_remove(certificate_skills, :skill::text)
                         where county_code = :county and id = :member and :skill = any (certificate_skills)
                           and not exists (select 1 from member_skill_certificate c
                                            where c.county_code = member.county_code and c.member_id = member.id
                                              and c.skill = :skill and c.issued_on is not null and c.revoked_at is null)""")
                .bind("county", county).bind("member", member).bind("skill", skill)
                .fetch().rowsUpdated().map(updated -> updated > 0);
    }

    /** The certificates that give the household's members a skill (issued, not revoked), oldest first. */
    public Flux<CertificateRow> counting(String county, UUID household) {
        return database.sql("""
                        select c.certificate_id, c.member_id, c.skill, c.issued_on, c.expires_on, c.revoked_at
                          from member_skill_certificate c
                          join member m on m.county_code = c.county_code and m.id = c.member_id
                         where c.county_code = :county and m.household_id = :household
                           and c.skill is not null and c.issued_on is not null and c.revoked_at is null
                         order by c.issued_on, c.certificate_id""")
                .bind("county", county).bind("household", household)
                .map(SkillCertificateRepository::certificate).all();
    }

    private static CertificateRow certificate(Readable row) {
        OffsetDateTime revokedAt = row.get("revoked_at", OffsetDateTime.class);
        return new CertificateRow(row.get("certificate_id", UUID.class), row.get("member_id", UUID.class), row.get("skill", String.class),
                row.get("issued_on", LocalDate.class), row.get("expires_on", LocalDate.class),
                revokedAt == null ? null : revokedAt.toInstant());
    }
}
