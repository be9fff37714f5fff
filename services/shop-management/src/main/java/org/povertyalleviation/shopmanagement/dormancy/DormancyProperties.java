package org.povertyalleviation.shopmanagement.dormancy;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** How many whole months without sales make an open shop dormant, and when the monthly check runs ("-": never). */
@ConfigurationProperties("shop-management.dormancy")
public record DormancyProperties(int monthsWithoutSales, String checkCron) {

    public DormancyProperties {
        if (monthsWithoutSales < 1) {
            throw new IllegalArgumentException("shop-management.dormancy.months-without-sales must be at least 1");
        }
    }
}
