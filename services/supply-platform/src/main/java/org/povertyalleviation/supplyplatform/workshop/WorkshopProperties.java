package org.povertyalleviation.supplyplatform.workshop;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The daily wage below which a day's pay is flagged: 100 yuan unless a county sets its own
 * (supply-platform.workshops.daily-minimum-fen.<county>, e.g. SUPPLYPLATFORM_WORKSHOPS_DAILYMINIMUMFEN_621222=12000).
 */
@ConfigurationProperties("supply-platform.workshops")
public record WorkshopProperties(Long defaultDailyMinimumFen, Map<String, Long> dailyMinimumFen) {

    public WorkshopProperties {
        defaultDailyMinimumFen = defaultDailyMinimumFen == null ? 10_000L : defaultDailyMinimumFen;
        dailyMinimumFen = dailyMinimumFen == null ? Map.of() : Map.copyOf(dailyMinimumFen);
    }

    public long dailyMinimumFen(String county) {
        return dailyMinimumFen.getOrDefault(county, defaultDailyMinimumFen);
    }
}
