package org.povertyalleviation.crowdfunding.project.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.povertyalleviation.crowdfunding.project.domain.OwnerKind;
import org.povertyalleviation.crowdfunding.project.domain.Project;
import org.povertyalleviation.crowdfunding.project.domain.ProjectStatus;
import org.povertyalleviation.crowdfunding.project.domain.Progress;
import org.povertyalleviation.crowdfunding.project.domain.Share;
import org.povertyalleviation.crowdfunding.project.domain.Tier;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.VillageCode;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Projects, their tiers and shares. Rows become domain records here and never leave. */
@Repository
public class ProjectRepository {

    private final DatabaseClient database;

    public ProjectRepository(DatabaseClient database) {
        this.database = database;
    }

    public Mono<Boolean> villageExists(CountyCode county, VillageCode village) {
        return database.sql("select exists (select 1 from village where county_code = :county and code = :village) as known")
                .bind("county", county.value()).bind("village", village.value()).map(row -> row.get("known", Boolean.class)).one();
    }

    public Mono<Void> insert(Project project) {
        DatabaseClient.GenericExecuteSpec spec = database.sql("""
                        insert into project (county_code, id, owner_kind, household_id, cooperative, village_code, title, story, photos, goal_fen,
                                             starts_at, deadline, delivery_from, delivery_to, status, created_by, created_at, review_note)
                        values (:county, :id, :ownerKind, :household, :cooperative, :village, :title, :story, :photos, :goal, :startsAt, :deadline,
                                :deliveryFrom, :deliveryTo, :status, :createdBy, :createdAt, :note)""")
                .bind("county", project.county().value()).bind("id", project.id()).bind("ownerKind", project.ownerKind().name())
                .bind("village", project.village().value()).bind("title", project.title()).bind("story", project.story())
                .bind("photos", project.photos().toArray(String[]::new)).bind("goal", project.goalFen()).bind("startsAt", project.startsAt())
                .bind("deadline", project.deadline()).bind("deliveryFrom", project.deliveryFrom()).bind("deliveryTo", project.deliveryTo())
                .bind("status", project.status().name()).bind("createdBy", project.createdBy()).bind("createdAt", project.createdAt())
                ;
        spec = bind(spec, "household", project.household(), UUID.class);
        spec = bind(spec, "cooperative", project.cooperative(), String.class);
        return bind(spec, "note", project.reviewNote(), String.class).fetch().rowsUpdated().then();
    }

    /** The draft's content rewritten, its tiers and shares replaced. */
    public Mono<Void> rewrite(Project project, List<Tier> tiers, List<Share> shares) {
        DatabaseClient.GenericExecuteSpec update = database.sql("""
                        update project set owner_kind = :ownerKind, village_code = :village, title = :title, story = :story, photos = :photos,
                               goal_fen = :goal, starts_at = :startsAt, deadline = :deadline, delivery_from = :deliveryFrom,
                               delivery_to = :deliveryTo, household_id = :household, cooperative = :cooperative
                        where county_code = :county and id = :id""")
                .bind("ownerKind", project.ownerKind().name()).bind("village", project.village().value()).bind("title", project.title())
                .bind("story", project.story()).bind("photos", project.photos().toArray(String[]::new)).bind("goal", project.goalFen())
                .bind("startsAt", project.startsAt()).bind("deadline", project.deadline()).bind("deliveryFrom", project.deliveryFrom())
                .bind("deliveryTo", project.deliveryTo()).bind("county", project.county().value()).bind("id", project.id());
        update = bind(update, "household", project.household(), UUID.class);
        update = bind(update, "cooperative", project.cooperative(), String.class);
        return database.sql("delete from tier where county_code = :county and project_id = :id")
                .bind("county", project.county().value()).bind("id", project.id()).fetch().rowsUpdated()
                .then(database.sql("delete from project_share where county_code = :county and project_id = :id")
                        .bind("county", project.county().value()).bind("id", project.id()).fetch().rowsUpdated())
                .then(update.fetch().rowsUpdated())
                .then(insertTiers(tiers)).then(insertShares(project, shares));
    }

    public Mono<Void> insertTiers(List<Tier> tiers) {
        return Flux.fromIterable(tiers).concatMap(tier -> database.sql("""
                        insert into tier (county_code, id, project_id, position, name, product, quantity, weight_grams, price_fen, limit_count)
                        values (:county, :id, :project, :position, :name, :product, :quantity, :weight, :price, :limit)""")
                .bind("county", tier.county().value()).bind("id", tier.id()).bind("project", tier.project()).bind("position", tier.position())
                .bind("name", tier.name()).bind("product", tier.product()).bind("quantity", tier.quantity()).bind("weight", tier.weightGrams())
                .bind("price", tier.priceFen()).bind("limit", tier.limit())
                .fetch().rowsUpdated()).then();
    }

    public Mono<Void> insertShares(Project project, List<Share> shares) {
        return Flux.fromIterable(shares).concatMap(share -> database.sql("""
                        insert into project_share (county_code, project_id, household_id, basis_points) values (:county, :project, :household, :bp)""")
                .bind("county", project.county().value()).bind("project", project.id()).bind("household", share.household())
                .bind("bp", share.basisPoints()).fetch().rowsUpdated()).then();
    }

    public Mono<Project> find(CountyCode county, UUID id) {
        return database.sql("select * from project where county_code = :county and id = :id")
                .bind("county", county.value()).bind("id", id).map(ProjectRepository::project).one();
    }

    /** The project, locked until the transaction ends: a settlement, a cancellation and a pledge's payment queue on it. */
    public Mono<Project> findForUpdate(CountyCode county, UUID id) {
        return database.sql("select * from project where county_code = :county and id = :id for update")
                .bind("county", county.value()).bind("id", id).map(ProjectRepository::project).one();
    }

    /**
     * The project, share-locked until the transaction ends: pledges and payments go on side by side, while a settlement
     * or a cancellation (which lock it for update) waits for them and they wait for it.
     */
    public Mono<Project> findForKeyShare(CountyCode county, UUID id) {
        return database.sql("select * from project where county_code = :county and id = :id for key share")
                .bind("county", county.value()).bind("id", id).map(ProjectRepository::project).one();
    }

    public Flux<Project> list(CountyCode county, List<ProjectStatus> statuses, int limit) {
        return database.sql("select * from project where county_code = :county and status = any(:statuses) order by deadline desc, id limit :limit")
                .bind("county", county.value()).bind("statuses", statuses.stream().map(Enum::name).toArray(String[]::new)).bind("limit", limit)
                .map(ProjectRepository::project).all();
    }

    /** Published projects whose deadline and grace have passed: due for settlement. */
    public Flux<UUID> due(CountyCode county, Instant deadlineBefore, int limit) {
        return database.sql("select id from project where county_code = :county and status = 'PUBLISHED' and deadline <= :before order by deadline limit :limit")
                .bind("county", county.value()).bind("before", deadlineBefore).bind("limit", limit)
                .map(row -> row.get("id", UUID.class)).all();
    }

    public Mono<Void> update(Project project) {
        DatabaseClient.GenericExecuteSpec spec = database.sql("""
                        update project set status = :status, submitted_by = :submittedBy, reviewed_by = :reviewedBy, review_note = :note,
                               approved_by = :approvedBy, published_at = :publishedAt, settled_at = :settledAt, cancelled_by = :cancelledBy,
                               cancel_reason = :cancelReason, delivered_by = :deliveredBy, delivered_at = :deliveredAt
                        where county_code = :county and id = :id""")
                .bind("status", project.status().name()).bind("county", project.county().value()).bind("id", project.id());
        spec = bind(spec, "submittedBy", project.submittedBy(), String.class);
        spec = bind(spec, "reviewedBy", project.reviewedBy(), String.class);
        spec = bind(spec, "note", project.reviewNote(), String.class);
        spec = bind(spec, "approvedBy", project.approvedBy(), String.class);
        spec = bind(spec, "publishedAt", project.publishedAt(), Instant.class);
        spec = bind(spec, "settledAt", project.settledAt(), Instant.class);
        spec = bind(spec, "cancelledBy", project.cancelledBy(), String.class);
        spec = bind(spec, "cancelReason", project.cancelReason(), String.class);
        spec = bind(spec, "deliveredBy", project.deliveredBy(), String.class);
        spec = bind(spec, "deliveredAt", project.deliveredAt(), Instant.class);
        return spec.fetch().rowsUpdated().then();
    }

    public Flux<Tier> tiers(CountyCode county, UUID project) {
        return database.sql("select * from tier where county_code = :county and project_id = :project order by position")
                .bind("county", county.value()).bind("project", project).map(ProjectRepository::tier).all();
    }

    public Mono<Tier> tier(CountyCode county, UUID id) {
        return database.sql("select * from tier where county_code = :county and id = :id")
                .bind("county", county.value()).bind("id", id).map(ProjectRepository::tier).one();
    }

    /**
     * Takes {@code quantity} rewards of the tier if that many are left, in one statement: concurrent pledges queue on
     * the tier's row and each sees what the one before left. Empty when not enough are left.
     */
    public Mono<Tier> take(CountyCode county, UUID tier, int quantity) {
        return database.sql("update tier set taken = taken + :quantity where county_code = :county and id = :id and taken + :quantity <= limit_count returning *")
                .bind("quantity", quantity).bind("county", county.value()).bind("id", tier)
                .map(ProjectRepository::tier).one();
    }

    /** Gives rewards back to the tier (a failed or dropped pledge). */
    public Mono<Void> release(CountyCode county, UUID tier, int quantity) {
        return database.sql("update tier set taken = taken - :quantity where county_code = :county and id = :id")
                .bind("quantity", quantity).bind("county", county.value()).bind("id", tier).fetch().rowsUpdated().then();
    }

    public Mono<Void> linkLot(CountyCode county, UUID tier, String lotCode, String lotProduct, String by) {
        DatabaseClient.GenericExecuteSpec spec = database.sql("update tier set lot_code = :lot, lot_product = :product, lot_linked_by = :by where county_code = :county and id = :id")
                .bind("lot", lotCode).bind("by", by).bind("county", county.value()).bind("id", tier);
        return bind(spec, "product", lotProduct, String.class).fetch().rowsUpdated().then();
    }

    public Flux<Share> shares(CountyCode county, UUID project) {
        return database.sql("select household_id, basis_points from project_share where county_code = :county and project_id = :project order by household_id")
                .bind("county", county.value()).bind("project", project)
                .map(row -> new Share(row.get("household_id", UUID.class), row.get("basis_points", Integer.class))).all();
    }

    public Mono<Progress> progress(CountyCode county, UUID project) {
        return database.sql("""
                        select coalesce(sum(amount_fen) filter (where status = 'PAID'), 0) as paid_fen,
                               count(*) filter (where status = 'PAID') as paid,
                               coalesce(sum(amount_fen) filter (where status = 'PENDING'), 0) as pending_fen,
                               count(*) filter (where status = 'PENDING') as pending,
                               count(distinct (client, backer_ref)) filter (where status in ('PAID', 'PENDING')) as backers
                        from pledge where county_code = :county and project_id = :project""")
                .bind("county", county.value()).bind("project", project)
                .map(row -> new Progress(row.get("paid_fen", Long.class), row.get("paid", Long.class).intValue(), row.get("pending_fen", Long.class),
                        row.get("pending", Long.class).intValue(), row.get("backers", Long.class).intValue()))
                .one();
    }

    static DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec, String name, Object value, Class<?> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    static Project project(Readable row) {
        String[] photos = row.get("photos", String[].class);
        return new Project(row.get("id", UUID.class), CountyCode.of(row.get("county_code", String.class)),
                OwnerKind.valueOf(row.get("owner_kind", String.class)), row.get("household_id", UUID.class), row.get("cooperative", String.class),
                VillageCode.of(row.get("village_code", String.class)), row.get("title", String.class), row.get("story", String.class),
                photos == null ? List.of() : Arrays.asList(photos), row.get("goal_fen", Long.class), row.get("starts_at", Instant.class),
                row.get("deadline", Instant.class), row.get("delivery_from", LocalDate.class), row.get("delivery_to", LocalDate.class),
                ProjectStatus.valueOf(row.get("status", String.class)), row.get("created_by", String.class), row.get("created_at", Instant.class),
                row.get("submitted_by", String.class), row.get("reviewed_by", String.class), row.get("review_note", String.class),
                row.get("approved_by", String.class), row.get("published_at", Instant.class), row.get("settled_at", Instant.class),
                row.get("cancelled_by", String.class), row.get("cancel_reason", String.class), row.get("delivered_by", String.class),
                row.get("delivered_at", Instant.class));
    }

    static Tier tier(Readable row) {
        return new Tier(row.get("id", UUID.class), CountyCode.of(row.get("county_code", String.class)), row.get("project_id", UUID.class),
                row.get("position", Integer.class), row.get("name", String.class), row.get("product", String.class), row.get("quantity", String.class),
                row.get("weight_grams", Integer.class), row.get("price_fen", Long.class), row.get("limit_count", Integer.class),
                row.get("taken", Integer.class), row.get("lot_code", String.class), row.get("lot_product", String.class));
    }
}
