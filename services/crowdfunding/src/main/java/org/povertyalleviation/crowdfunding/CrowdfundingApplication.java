package org.povertyalleviation.crowdfunding;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Crowdfunding: households' harvest pre-sales (docs/services/crowdfunding.md). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CrowdfundingApplication {

    public static void main(String[] args) {
        SpringApplication.run(CrowdfundingApplication.class, args);
    }
}
