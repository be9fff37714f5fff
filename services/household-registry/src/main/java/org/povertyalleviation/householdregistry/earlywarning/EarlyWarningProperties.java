package org.povertyalleviation.householdregistry.earlywarning;

import org.povertyalleviation.householdregistry.earlywarning.domain.EarlyWarning;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Return-to-poverty early warning thresholds (docs/services/household-registry.md#early-warning).
 *
 * @param dropRatio    a lifted household whose e-commerce income of the last window fell by at least this share
 *                     against the window before is at risk (default 0.5: halved)
 * @param windowMonths complete months per window (default 3)
 * @param lineMargin   at risk when the last twelve months' income per member is below the poverty line times
 *                     (1 + margin) (default 0.2: within 20 %)
 * @param sweepCron    when every county's lifted households are checked (default: the 2nd of each month, 03:00
 *                     China time, after the month's reports are in); "-" turns the sweep off
 */
@ConfigurationProperties("household-registry.early-warning")
public record EarlyWarningProperties(Double dropRatio, Integer windowMonths, Double lineMargin, String sweepCron) {

    public EarlyWarningProperties {
        dropRatio = dropRatio == null ? 0.5 : dropRatio;
        windowMonths = windowMonths == null ? 3 : windowMonths;
        lineMargin = lineMargin == null ? 0.2 : lineMargin;
        sweepCron = sweepCron == null ? "0 0 3 2 * *" : sweepCron;
        thresholds(dropRatio, windowMonths, lineMargin);
    }

    public EarlyWarning.Thresholds thresholds() {
        return thresholds(dropRatio, windowMonths, lineMargin);
    }

    private static EarlyWarning.Thresholds thresholds(double dropRatio, int windowMonths, double lineMargin) {
        return new EarlyWarning.Thresholds(dropRatio, windowMonths, lineMargin);
    }
}
