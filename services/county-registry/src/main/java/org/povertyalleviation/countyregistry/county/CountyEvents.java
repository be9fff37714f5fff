package org.povertyalleviation.countyregistry.county;

/** The topics this service publishes to (docs/events/). */
public final class CountyEvents {

    public static final String SOURCE = "/services/county-registry";
    public static final String COUNTY_TOPIC = "county.events";
    public static final String VILLAGE_TOPIC = "village.events";
    public static final String JOINED = "county.joined.v1";
    public static final String SUSPENDED = "county.suspended.v1";
    public static final String REINSTATED = "county.reinstated.v1";
    public static final String VILLAGE_REGISTERED = "village.registered.v1";

    private CountyEvents() {
    }
}
