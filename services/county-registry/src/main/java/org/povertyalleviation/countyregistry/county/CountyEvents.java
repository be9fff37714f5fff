package org.povertyalleviation.countyregistry.county;

import org.povertyalleviation.platform.events.EventType;
import org.povertyalleviation.platform.events.PublishedEvent;

/**
 * The events the county registry publishes, one record per type, each exactly its contract in docs/events (checked by
 * EventsTest against the catalogued example). Every service keeps its copy of counties and villages from them.
 */
public final class CountyEvents {

    public static final String COUNTY_TOPIC = "county.events";
    public static final String VILLAGE_TOPIC = "village.events";

    private CountyEvents() {
    }

    @EventType(value = "county.joined.v1", topic = COUNTY_TOPIC)
    public record CountyJoined(String county, String nameZh, String nameEn, String city, String province, int townships, int villages)
            implements PublishedEvent {
        @Override
        public String subject() {
            return county;
        }
    }

    @EventType(value = "county.suspended.v1", topic = COUNTY_TOPIC)
    public record CountySuspended(String county) implements PublishedEvent {
        @Override
        public String subject() {
            return county;
        }
    }

    @EventType(value = "county.reinstated.v1", topic = COUNTY_TOPIC)
    public record CountyReinstated(String county) implements PublishedEvent {
        @Override
        public String subject() {
            return county;
        }
    }

    @EventType(value = "village.registered.v1", topic = VILLAGE_TOPIC)
    public record VillageRegistered(String county, String village, String township, String nameZh, boolean poor, Double latitude,
                                    Double longitude) implements PublishedEvent {
        @Override
        public String subject() {
            return village;
        }
    }
}
