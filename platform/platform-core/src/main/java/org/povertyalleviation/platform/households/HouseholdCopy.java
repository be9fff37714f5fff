package org.povertyalleviation.platform.households;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.povertyalleviation.platform.consuming.EventListeners;
import org.povertyalleviation.platform.events.EventCodec;
import org.povertyalleviation.platform.events.EventEnvelope;
import org.povertyalleviation.platform.events.MalformedEventException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.Message;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * A service's copy of the household registry's households, from household.*.v1 (docs/events/): only households
 * the registry knows, in the same county, can own a shop, supply an order, work in a workshop or hold a share. One
 * household's events arrive in order (they share a partition key), so the latest event's status is the household's.
 * A service keeps the copy by setting {@code platform.household-copy.enabled: true}; the platform then configures
 * this and {@link KnownHouseholds}, migrates the table {@code household (county_code, id, file_number, village_code,
 * status, removed_at)} from {@code db/household-copy} ahead of the service's own, and binds
 * {@code householdChanged-in-0} to household.events in batch mode with a group named after the application
 * (PlatformDefaults).
 *
 * <p>A county's import sends one event per household, 200,000 at a time: the copy takes a poll's events in one
 * transaction and three statements (issue 23), folding each household's events in order first (below).
 */
@Configuration(proxyBeanMethods = false)
@Import(KnownHouseholds.class)
public class HouseholdCopy {

    /** The fields of household.registered/updated/lifted/at-risk/returned/removed.v1 this service reads. */
    record HouseholdChanged(String county, String household, String fileNumber, String village, String status) {
    }

    /** One household's events of a batch, folded: what applying them one by one would leave. */
    record Fold(UUID id, boolean removedBefore, Upsert upsert, boolean removedAfter) {
    }

    record Upsert(String fileNumber, String village, String status) {
    }

    @Bean
    Consumer<Message<List<byte[]>>> householdChanged(EventListeners listeners, EventCodec codec, DatabaseClient database) {
        return listeners.idempotentBatch("household-copy", events -> apply(fold(codec, events), events.get(0).county(), database));
    }

    /**
     * Folds each household's events in order. One by one: a removal marks the row if it exists, and an upsert writes
     * the fields and keeps the mark. So a removal before the household's first upsert in the batch applies before it
     * (to the row as it was), a removal after applies after the last upsert, and only the last upsert's fields count.
     */
    static List<Fold> fold(EventCodec codec, List<EventEnvelope> events) {
        Map<UUID, Fold> folds = new LinkedHashMap<>();
        for (EventEnvelope event : events) {
            String status = switch (event.type()) {
                case "household.registered.v1", "household.updated.v1" -> "";
                case "household.lifted.v1" -> "LIFTED";
                case "household.at-risk.v1" -> "MONITORED";
                case "household.returned.v1" -> "RETURNED";
                case "household.removed.v1" -> "REMOVED";
                default -> null;
            };
            if (status == null) {
                continue;
            }
            HouseholdChanged changed = codec.data(event, HouseholdChanged.class);
            UUID id = householdId(event, changed);
            Fold fold = folds.getOrDefault(id, new Fold(id, false, null, false));
            if (status.equals("REMOVED")) {
                fold = fold.upsert() == null ? new Fold(id, true, null, false) : new Fold(id, fold.removedBefore(), fold.upsert(), true);
            } else {
                String newStatus = status.isEmpty() ? changed.status() : status;
                if (newStatus == null || changed.fileNumber() == null || changed.village() == null || !changed.village().startsWith(changed.county())) {
                    throw new MalformedEventException(event.type() + " " + event.id() + " lacks status, file number or a village of its county", null);
                }
                fold = new Fold(id, fold.removedBefore(), new Upsert(changed.fileNumber(), changed.village(), newStatus), fold.removedAfter());
            }
            folds.put(id, fold);
        }
        return new ArrayList<>(folds.values());
    }

    private static Mono<Void> apply(List<Fold> folds, String county, DatabaseClient database) {
        UUID[] removedBefore = folds.stream().filter(Fold::removedBefore).map(Fold::id).toArray(UUID[]::new);
        List<Fold> upserts = folds.stream().filter(fold -> fold.upsert() != null).toList();
        UUID[] removedAfter = folds.stream().filter(Fold::removedAfter).map(Fold::id).toArray(UUID[]::new);
        return remove(database, county, removedBefore)
                .then(upserts.isEmpty() ? Mono.empty() : database.sql("""
                                insert into household (county_code, id, file_number, village_code, status)
                                select :county, u.id, u.file_number, u.village_code, u.status
                                  from unnest(:ids::uuid[], :fileNumbers::text[], :villages::text[], :statuses::text[])
                                       as u(id, file_number, village_code, status)
                                on conflict (county_code, id) do update
                                   set file_number = excluded.file_number, village_code = excluded.village_code,
                                       status = excluded.status, updated_at = now()""")
                        .bind("county", county)
                        .bind("ids", upserts.stream().map(Fold::id).toArray(UUID[]::new))
                        .bind("fileNumbers", upserts.stream().map(fold -> fold.upsert().fileNumber()).toArray(String[]::new))
                        .bind("villages", upserts.stream().map(fold -> fold.upsert().village()).toArray(String[]::new))
                        .bind("statuses", upserts.stream().map(fold -> fold.upsert().status()).toArray(String[]::new))
                        .fetch().rowsUpdated().then())
                .then(remove(database, county, removedAfter));
    }

    private static Mono<Void> remove(DatabaseClient database, String county, UUID[] ids) {
        if (ids.length == 0) {
            return Mono.empty();
        }
        return database.sql("update household set removed_at = now(), updated_at = now() where county_code = :county and id = any(:ids)")
                .bind("county", county).bind("ids", ids).fetch().rowsUpdated().then();
    }

    private static UUID householdId(EventEnvelope event, HouseholdChanged changed) {
        if (!event.county().equals(changed.county())) {
            throw new MalformedEventException("event of county " + event.county() + " about county " + changed.county(), null);
        }
        try {
            return UUID.fromString(changed.household());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new MalformedEventException(event.type() + " " + event.id() + " has no valid household id", e);
        }
    }
}
