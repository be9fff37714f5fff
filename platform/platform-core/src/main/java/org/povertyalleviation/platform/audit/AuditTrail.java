package org.povertyalleviation.platform.audit;

import java.time.Instant;

import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.tenancy.TenantContext;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.R2dbcType;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Records every write and every read of personal data, for auditors (docs/tenancy.md). Call {@link #write} or
 * {@link #personalDataRead} inside the transaction of the action (TenantTransactions): the entry commits with
 * it or not at all, in the transaction's county, with the authenticated caller as actor ({@code system} for
 * event consumers and jobs). The service's role may insert and read entries, never change or delete them.
 */
public class AuditTrail {

    public enum Kind { WRITE, PERSONAL_DATA_READ }

    /** One entry as auditors see it. */
    /** @param rows how many rows a read of personal data showed (a list page, an export); null for one record or a change */
    public record Entry(long id, String county, Instant occurredAt, String actor, String actorSubject, Kind kind,
                        String action, String resourceType, String resourceId, Integer rows) {
    }

    private final DatabaseClient database;
    private final TenantTransactions tenantTransactions;

    public AuditTrail(DatabaseClient database, TenantTransactions tenantTransactions) {
        this.database = database;
        this.tenantTransactions = tenantTransactions;
    }

    /** @param action what happened, past tense, e.g. {@code household.status-changed} */
    public Mono<Void> write(String action, String resourceType, String resourceId) {
        return record(Kind.WRITE, action, resourceType, resourceId, null);
    }

    /** @param action which personal data was shown, e.g. {@code household.members.unmasked} */
    public Mono<Void> personalDataRead(String action, String resourceType, String resourceId) {
        return record(Kind.PERSONAL_DATA_READ, action, resourceType, resourceId, null);
    }

    /**
     * A bulk read of personal data: a list with names, an export. @param rows how many rows it showed
     */
    public Mono<Void> personalDataRead(String action, String resourceType, String resourceId, int rows) {
        return record(Kind.PERSONAL_DATA_READ, action, resourceType, resourceId, rows);
    }

    /** The county's entries, newest first; {@code before} is the last id of the previous page (keyset paging). */
    public Flux<Entry> entries(CountyCode county, Long before, int limit) {
        return tenantTransactions.manyInCounty(county, () -> database.sql("""
                        select id, county_code, occurred_at, actor, actor_subject, kind, action, resource_type, resource_id, row_count
                          from audit_entry
                         where id < :before
                         order by id desc
                         limit :limit""")
                .bind("before", before == null ? Long.MAX_VALUE : before)
                .bind("limit", limit)
                .map(row -> new Entry(row.get("id", Long.class), row.get("county_code", String.class),
                        row.get("occurred_at", java.time.OffsetDateTime.class).toInstant(), row.get("actor", String.class),
                        row.get("actor_subject", String.class), Kind.valueOf(row.get("kind", String.class)), row.get("action", String.class),
                        row.get("resource_type", String.class), row.get("resource_id", String.class), row.get("row_count", Integer.class)))
                .all());
    }

    private Mono<Void> record(Kind kind, String action, String resourceType, String resourceId, Integer rows) {
        Mono<Actor> actor = ReactiveSecurityContextHolder.getContext()
                .mapNotNull(context -> context.getAuthentication())
                .filter(Authentication::isAuthenticated)
                .map(authentication -> new Actor(authentication.getName(),
                        authentication instanceof JwtAuthenticationToken jwt ? jwt.getToken().getSubject() : null))
                .defaultIfEmpty(new Actor("system", null));
        return TenantContext.currentCounty().zipWith(actor).flatMap(countyAndActor -> database.sql("""
                        insert into audit_entry (county_code, actor, actor_subject, kind, action, resource_type, resource_id, row_count)
                        values (:county, :actor, :subject, :kind, :action, :resourceType, :resourceId, :rows)""")
                .bind("county", countyAndActor.getT1().value())
                .bind("actor", countyAndActor.getT2().name())
                .bind("subject", Parameters.in(R2dbcType.VARCHAR, countyAndActor.getT2().subject()))
                .bind("kind", kind.name())
                .bind("action", action)
                .bind("resourceType", resourceType)
                .bind("resourceId", resourceId)
                .bind("rows", Parameters.in(R2dbcType.INTEGER, rows))
                .fetch().rowsUpdated().then());
    }

    private record Actor(String name, String subject) {
    }
}
