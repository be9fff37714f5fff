package org.povertyalleviation.supplyplatform;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The supply platform: organisations (enterprises, cooperatives, associations) and their member households, products
 * and market reference prices, purchase orders, workshops and shareholdings, three mechanisms whose payments reach the
 * households' income ledgers in the household registry (supply.household-income-earned.v1). docs/services/supply-platform.md.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SupplyPlatformApplication {

    public static void main(String[] args) {
        SpringApplication.run(SupplyPlatformApplication.class, args);
    }
}
