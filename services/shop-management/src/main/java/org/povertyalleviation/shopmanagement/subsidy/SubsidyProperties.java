package org.povertyalleviation.shopmanagement.subsidy;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The shop-opening subsidy in yuan: the default (10,000 yuan in the national policy) and a county's own amount
 * where it set one. The amount is fixed when the application is submitted.
 */
@ConfigurationProperties("shop-management.subsidies")
public record SubsidyProperties(long defaultAmount, Map<String, Long> amounts) {

    public SubsidyProperties {
        amounts = amounts == null ? Map.of() : Map.copyOf(amounts);
        if (defaultAmount <= 0 || amounts.values().stream().anyMatch(amount -> amount == null || amount <= 0)) {
            throw new IllegalArgumentException("shop-management.subsidies amounts must be positive yuan");
        }
    }

    public long amountFen(String county) {
        return amounts.getOrDefault(county, defaultAmount) * 100;
    }
}
