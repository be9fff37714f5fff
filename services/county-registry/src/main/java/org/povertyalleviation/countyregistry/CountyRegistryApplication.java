package org.povertyalleviation.countyregistry;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The register of counties (the platform's tenants), their townships and villages, and county onboarding. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CountyRegistryApplication {

    public static void main(String[] args) {
        SpringApplication.run(CountyRegistryApplication.class, args);
    }
}
