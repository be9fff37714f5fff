package org.povertyalleviation.supplyplatform.organisation.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.supplyplatform.organisation.domain.Organisation;
import org.povertyalleviation.supplyplatform.organisation.domain.OrganisationKind;
import org.povertyalleviation.supplyplatform.organisation.domain.SocialCreditCode;
import org.povertyalleviation.supplyplatform.organisation.domain.Member;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Organisations and their member households. Rows become the domain's records here and nowhere else. */
@Repository
public class OrganisationRepository {


    private final DatabaseClient database;

    public OrganisationRepository(DatabaseClient database) {
        this.database = database;
    }

    public Mono<Boolean> villageExists(CountyCode county, String village) {
        return database.sql("select exists (select 1 from village where county_code = :county and code = :village) as known")
                .bind("county", county.value()).bind("village", village)
                .map(row -> row.get("known", Boolean.class)).one();
    }

    public Mono<Boolean> legalIdTaken(CountyCode county, String legalId) {
        return database.sql("select exists (select 1 from organisation where county_code = :county and legal_id = :legalId) as taken")
                .bind("county", county.value()).bind("legalId", legalId)
                .map(row -> row.get("taken", Boolean.class)).one();
    }

    public Mono<Void> insert(Organisation organisation) {
        DatabaseClient.GenericExecuteSpec insert = database.sql("""
                        insert into organisation (county_code, id, kind, name, legal_id, contact_name, village_code, registered_by, registered_at)
                        values (:county, :id, :kind, :name, :legalId, :contact, :village, :by, :at)""")
                .bind("county", organisation.county().value()).bind("id", organisation.id()).bind("kind", organisation.kind().name())
                .bind("name", organisation.name()).bind("legalId", organisation.legalId().value()).bind("contact", organisation.contactName())
                .bind("by", organisation.registeredBy()).bind("at", organisation.registeredAt());
        insert = organisation.village() == null ? insert.bindNull("village", String.class) : insert.bind("village", organisation.village());
        return insert.fetch().rowsUpdated().then();
    }

    public Mono<Organisation> find(CountyCode county, UUID id) {
        return database.sql("select * from organisation where county_code = :county and id = :id")
                .bind("county", county.value()).bind("id", id).map(OrganisationRepository::organisation).one();
    }

    public Flux<Organisation> list(CountyCode county, OrganisationKind kind, int limit) {
        return database.sql("select * from organisation where county_code = :county and (:kind = '' or kind = :kind) order by name, id limit :limit")
                .bind("county", county.value()).bind("kind", kind == null ? "" : kind.name()).bind("limit", limit)
                .map(OrganisationRepository::organisation).all();
    }

    public Mono<Long> memberCount(CountyCode county, UUID organisation) {
        return database.sql("select count(*) as members from organisation_member where county_code = :county and organisation_id = :id")
                .bind("county", county.value()).bind("id", organisation).map(row -> row.get("members", Long.class)).one();
    }

    /** Adds the member; true when it was not one already. */
    public Mono<Boolean> addMember(CountyCode county, UUID organisation, UUID household, LocalDate joinedOn) {
        return database.sql("""
                        insert into organisation_member (county_code, organisation_id, household_id, joined_on)
                        values (:county, :organisation, :household, :joinedOn) on conflict do nothing""")
                .bind("county", county.value()).bind("organisation", organisation).bind("household", household).bind("joinedOn", joinedOn)
                .fetch().rowsUpdated().map(rows -> rows > 0);
    }

    public Mono<Boolean> removeMember(CountyCode county, UUID organisation, UUID household) {
        return database.sql("delete from organisation_member where county_code = :county and organisation_id = :organisation and household_id = :household")
                .bind("county", county.value()).bind("organisation", organisation).bind("household", household)
                .fetch().rowsUpdated().map(rows -> rows > 0);
    }

    public Flux<Member> members(CountyCode county, UUID organisation, int limit) {
        return database.sql("""
                        select m.household_id, h.file_number, h.village_code, m.joined_on
                          from organisation_member m join household h on h.county_code = m.county_code and h.id = m.household_id
                         where m.county_code = :county and m.organisation_id = :organisation
                         order by h.village_code, h.file_number limit :limit""")
                .bind("county", county.value()).bind("organisation", organisation).bind("limit", limit)
                .map(row -> new Member(row.get("household_id", UUID.class), row.get("file_number", String.class),
                        row.get("village_code", String.class), row.get("joined_on", LocalDate.class)))
                .all();
    }

    private static Organisation organisation(Readable row) {
        return new Organisation(row.get("id", UUID.class), CountyCode.of(row.get("county_code", String.class)),
                OrganisationKind.valueOf(row.get("kind", String.class)), row.get("name", String.class),
                new SocialCreditCode(row.get("legal_id", String.class)), row.get("contact_name", String.class),
                row.get("village_code", String.class), row.get("registered_by", String.class), row.get("registered_at", Instant.class));
    }
}
