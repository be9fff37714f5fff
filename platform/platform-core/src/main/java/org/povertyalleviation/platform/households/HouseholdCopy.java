package org.povertyalleviation.platform.households;

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
 * {@code householdChanged-in-0} to household.events with a group named after the application (PlatformDefaults).
 */
@Configuration(proxyBeanMethods = false)
@Import(KnownHouseholds.class)
public class HouseholdCopy {

    /** The fields of household.registered/updated/lifted/at-risk/returned/removed.v1 this service reads. */
    record HouseholdChanged(String county, String household, String fileNumber, String village, String status) {
    }

    @Bean
    Consumer<Message<byte[]>> householdChanged(EventListeners listeners, EventCodec codec, DatabaseClient database) {
        return listeners.idempotent("household-copy", event -> {
            String status = switch (event.type()) {
                case "household.registered.v1", "household.updated.v1" -> "";
                case "household.lifted.v1" -> "LIFTED";
                case "household.at-risk.v1" -> "MONITORED";
                case "household.returned.v1" -> "RETURNED";
                case "household.removed.v1" -> "REMOVED";
                default -> null;
            };
            if (status == null) {
                return Mono.empty();
            }
            HouseholdChanged changed = codec.data(event, HouseholdChanged.class);
            UUID id = householdId(event, changed);
            if (status.equals("REMOVED")) {
                return database.sql("update household set removed_at = now(), updated_at = now() where county_code = :county and id = :id")
                        .bind("county", changed.county()).bind("id", id).fetch().rowsUpdated().then();
            }
            String newStatus = status.isEmpty() ? changed.status() : status;
            if (newStatus == null || changed.fileNumber() == null || changed.village() == null || !changed.village().startsWith(changed.county())) {
                throw new MalformedEventException(event.type() + " " + event.id() + " lacks status, file number or a village of its county", null);
            }
            return database.sql("""
                            insert into household (county_code, id, file_number, village_code, status)
                            values (:county, :id, :fileNumber, :village, :status)
                            on conflict (county_code, id) do update
                               set file_number = excluded.file_number, village_code = excluded.village_code,
                                   status = excluded.status, updated_at = now()""")
                    .bind("county", changed.county()).bind("id", id).bind("fileNumber", changed.fileNumber())
                    .bind("village", changed.village()).bind("status", newStatus).fetch().rowsUpdated().then();
        });
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
