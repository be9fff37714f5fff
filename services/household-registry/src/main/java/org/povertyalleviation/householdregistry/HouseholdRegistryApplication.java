package org.povertyalleviation.householdregistry;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The file of registered poor households: members, poverty causes, status lifecycle and the income ledger. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class HouseholdRegistryApplication {

    public static void main(String[] args) {
        SpringApplication.run(HouseholdRegistryApplication.class, args);
    }
}
