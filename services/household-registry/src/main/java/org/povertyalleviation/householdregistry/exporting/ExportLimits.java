package org.povertyalleviation.householdregistry.exporting;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How an export reads the registry (docs/services/household-registry.md#bulk-import-and-export).
 *
 * @param pageHouseholds households read per page (default 500, about 2,000 rows): each page is its own short
 *                       transaction, read whole and then written out, so no transaction waits on a client that reads
 *                       slowly
 * @param maxHouseholds  households one export may hold (default 250,000: the largest county's 200,000 and room to
 *                       grow); a larger one is refused before it starts, naming the village filter that narrows it
 */
@ConfigurationProperties("household-registry.exports")
public record ExportLimits(Integer pageHouseholds, Integer maxHouseholds) {

    public ExportLimits {
        pageHouseholds = positive("page-households", pageHouseholds, 500);
        maxHouseholds = positive("max-households", maxHouseholds, 250_000);
    }

    private static Integer positive(String name, Integer value, int otherwise) {
        if (value == null) {
            return otherwise;
        }
        if (value < 1) {
            throw new IllegalArgumentException("household-registry.exports." + name + " must be at least 1, was " + value);
        }
        return value;
    }
}
