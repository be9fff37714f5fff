package org.povertyalleviation.logisticsbooking.milkrun.domain;

import java.time.LocalTime;

/**
 * The figures a milk run is planned with.
 *
 * @param stopMinutes            minutes to stop at a post, park and sign; none for a further booking at the post just visited
 * @param parcelsPerMinute       loading takes a minute per started lot of this many parcels
 * @param maxRouteMinutes        the longest route, from leaving the station to being back (a driver's working day)
 * @param latestStart            the day starts at this time or earlier, when a window needs it
 */
public record MilkRunRules(int stopMinutes, int parcelsPerMinute, int maxRouteMinutes, LocalTime latestStart) {

    /** 5 minutes a stop, a minute per 5 parcels, 8 hours a route, the day starting by 07:00. */
    public static final MilkRunRules DEFAULT = new MilkRunRules(5, 5, 8 * 60, LocalTime.of(7, 0));

    public MilkRunRules {
        if (stopMinutes < 0 || parcelsPerMinute <= 0 || maxRouteMinutes <= 0 || latestStart == null) {
            throw new IllegalArgumentException("milk run rules out of range");
        }
    }

    /** The time spent at a post for a booking of so many parcels. */
    public int serviceMinutes(int parcels, boolean samePostAsBefore) {
        return (samePostAsBefore ? 0 : stopMinutes) + (parcels + parcelsPerMinute - 1) / parcelsPerMinute;
    }
}
