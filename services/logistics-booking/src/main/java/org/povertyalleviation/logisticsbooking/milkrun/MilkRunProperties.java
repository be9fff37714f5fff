package org.povertyalleviation.logisticsbooking.milkrun;

import java.time.LocalTime;

import org.povertyalleviation.logisticsbooking.milkrun.domain.MilkRunRules;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The milk runs' figures ({@code logistics.milk-runs.*}); the defaults are {@link MilkRunRules#DEFAULT}'s.
 *
 * @param stopMinutes      minutes to stop at a post (5); none for a further booking at the post just visited
 * @param parcelsPerMinute loading takes a minute per started lot of this many parcels (5)
 * @param maxRouteMinutes  the longest route from leaving the station to being back, a driver's working day (480)
 * @param latestStart      the day starts at this time (07:00), or earlier when a window needs it
 */
@ConfigurationProperties("logistics.milk-runs")
public record MilkRunProperties(@DefaultValue("5") int stopMinutes, @DefaultValue("5") int parcelsPerMinute,
                                @DefaultValue("480") int maxRouteMinutes, @DefaultValue("07:00") LocalTime latestStart) {

    public MilkRunRules rules() {
        return new MilkRunRules(stopMinutes, parcelsPerMinute, maxRouteMinutes, latestStart);
    }
}
