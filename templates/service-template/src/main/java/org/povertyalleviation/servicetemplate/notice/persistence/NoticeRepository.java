package org.povertyalleviation.servicetemplate.notice.persistence;

import java.time.Instant;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.VillageCode;
import org.povertyalleviation.servicetemplate.notice.domain.Notice;
import org.povertyalleviation.servicetemplate.notice.domain.NoticeStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Notices in the database. Rows are read into the domain's {@link Notice} here: nothing outside sees a row. */
@Repository
public class NoticeRepository {

    private final DatabaseClient database;

    public NoticeRepository(DatabaseClient database) {
        this.database = database;
    }

    /** Whether the county copy has the village (the village registered with the county registry). */
    public Mono<Boolean> villageExists(Notice notice) {
        return database.sql("select exists (select 1 from village where county_code = :county and code = :village) as known")
                .bind("county", notice.county().value()).bind("village", notice.village().value())
                .map(row -> row.get("known", Boolean.class)).one();
    }

    public Mono<Void> insert(Notice notice) {
        return database.sql("""
                        insert into notice (county_code, id, village_code, title, body, status, posted_by, posted_at)
                        values (:county, :id, :village, :title, :body, :status, :postedBy, :postedAt)""")
                .bind("county", notice.county().value()).bind("id", notice.id()).bind("village", notice.village().value())
                .bind("title", notice.title()).bind("body", notice.body()).bind("status", notice.status().name())
                .bind("postedBy", notice.postedBy()).bind("postedAt", notice.postedAt())
                .fetch().rowsUpdated().then();
    }

    /** The notice, locked until the transaction ends: a concurrent withdrawal waits and then sees it withdrawn. */
    public Mono<Notice> findForUpdate(CountyCode county, UUID id) {
        return database.sql("select * from notice where county_code = :county and id = :id for update")
                .bind("county", county.value()).bind("id", id).map(NoticeRepository::notice).one();
    }

    public Mono<Notice> find(CountyCode county, UUID id) {
        return database.sql("select * from notice where county_code = :county and id = :id")
                .bind("county", county.value()).bind("id", id).map(NoticeRepository::notice).one();
    }

    /** The village's notices, newest first. */
    public Flux<Notice> ofVillage(CountyCode county, String village, int limit) {
        return database.sql("select * from notice where county_code = :county and village_code = :village order by posted_at desc, id limit :limit")
                .bind("county", county.value()).bind("village", village).bind("limit", limit)
                .map(NoticeRepository::notice).all();
    }

    public Mono<Void> withdrawn(Notice notice) {
        return database.sql("update notice set status = :status, withdrawn_at = :at where county_code = :county and id = :id")
                .bind("status", notice.status().name()).bind("at", notice.withdrawnAt())
                .bind("county", notice.county().value()).bind("id", notice.id())
                .fetch().rowsUpdated().then();
    }

    /** Registered households of the village, as the household registry's events told them. */
    public Mono<Long> householdsIn(CountyCode county, VillageCode village) {
        return database.sql("select count(*) as households from village_household where county_code = :county and village_code = :village")
                .bind("county", county.value()).bind("village", village.value())
                .map(row -> row.get("households", Long.class)).one();
    }

    public Mono<Void> householdRegistered(String county, UUID household, String village) {
        return database.sql("""
                        insert into village_household (county_code, household_id, village_code) values (:county, :household, :village)
                        on conflict (county_code, household_id) do update set village_code = excluded.village_code""")
                .bind("county", county).bind("household", household).bind("village", village)
                .fetch().rowsUpdated().then();
    }

    private static Notice notice(Readable row) {
        return new Notice(row.get("id", UUID.class), CountyCode.of(row.get("county_code", String.class)),
                VillageCode.of(row.get("village_code", String.class)), row.get("title", String.class), row.get("body", String.class),
                NoticeStatus.valueOf(row.get("status", String.class)), row.get("posted_by", String.class),
                row.get("posted_at", Instant.class), row.get("withdrawn_at", Instant.class));
    }
}
