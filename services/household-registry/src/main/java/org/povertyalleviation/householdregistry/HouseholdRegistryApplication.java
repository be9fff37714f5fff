package org.povertyalleviation.householdregistry;

import java.time.Clock;
import java.time.ZoneId;

import org.povertyalleviation.platform.counties.CountyCopy;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The file of registered poor households: members, poverty causes, status lifecycle and the income ledger. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Import(CountyCopy.class)
public class HouseholdRegistryApplication {

    public static void main(String[] args) {
        SpringApplication.run(HouseholdRegistryApplication.class, args);
    }

    /** Months and years of the ledger are China's: an entry made on 1 January at 07:00 belongs to January. */
    @Bean
    Clock clock() {
        return Clock.system(ZoneId.of("Asia/Shanghai"));
    }
}
