package org.povertyalleviation.platform.counties;

import java.util.function.Consumer;

import org.povertyalleviation.platform.consuming.EventListeners;
import org.povertyalleviation.platform.events.EventCodec;
import org.povertyalleviation.platform.events.EventEnvelope;
import org.povertyalleviation.platform.events.MalformedEventException;
import org.povertyalleviation.platform.domain.CountyCode;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.Message;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * A service's copy of the county registry's counties and villages, kept from its events (docs/events/): a
 * household is registered, or a shop opened, only in a county that joined and in one of its villages. A service
 * keeps the copy by setting {@code platform.county-copy.enabled: true}; the platform then configures this, migrates
 * the tables {@code joined_county (code, name_zh)} and {@code village (county_code, code, township_code, name_zh,
 * poor)} from {@code db/county-copy} ahead of the service's own, and binds {@code countyJoined-in-0} to county.events
 * and {@code villageRegistered-in-0} to village.events with groups named after the application (PlatformDefaults).
 */
@Configuration(proxyBeanMethods = false)
@Import({JoinedCounties.class, CountyGate.class})
public class CountyCopy {

    /** The fields of county.joined.v1 this service reads. */
    public record CountyJoined(String county, String nameZh) {
    }

    /** The fields of village.registered.v1 this service reads. */
    public record VillageRegistered(String county, String village, String township, String nameZh, boolean poor) {
    }

    @Bean
    Consumer<Message<byte[]>> countyJoined(EventListeners listeners, EventCodec codec, DatabaseClient database) {
        return listeners.idempotent("county-copy", event -> {
            if (!event.type().equals("county.joined.v1")) {
                return Mono.empty();
            }
            CountyJoined joined = codec.data(event, CountyJoined.class);
            requireSameCounty(event, joined.county());
            return database.sql("""
                            insert into joined_county (code, name_zh) values (:county, :name)
                            on conflict (code) do update set name_zh = excluded.name_zh""")
                    .bind("county", joined.county()).bind("name", joined.nameZh()).fetch().rowsUpdated().then();
        });
    }

    @Bean
    Consumer<Message<byte[]>> villageRegistered(EventListeners listeners, EventCodec codec, DatabaseClient database) {
        return listeners.idempotent("village-copy", event -> {
            if (!event.type().equals("village.registered.v1")) {
                return Mono.empty();
            }
            VillageRegistered village = codec.data(event, VillageRegistered.class);
            requireSameCounty(event, village.county());
            if (village.village() == null || !village.village().startsWith(village.county())) {
                throw new MalformedEventException("village " + village.village() + " is not in county " + village.county(), null);
            }
            return database.sql("""
                            insert into village (county_code, code, township_code, name_zh, poor)
                            values (:county, :code, :township, :name, :poor)
                            on conflict (county_code, code) do update
                               set township_code = excluded.township_code, name_zh = excluded.name_zh, poor = excluded.poor""")
                    .bind("county", village.county()).bind("code", village.village()).bind("township", village.township())
                    .bind("name", village.nameZh()).bind("poor", village.poor()).fetch().rowsUpdated().then();
        });
    }

    private static void requireSameCounty(EventEnvelope event, String county) {
        if (!event.countyCode().equals(CountyCode.of(county))) {
            throw new MalformedEventException("event of county " + event.county() + " about county " + county, null);
        }
    }
}
