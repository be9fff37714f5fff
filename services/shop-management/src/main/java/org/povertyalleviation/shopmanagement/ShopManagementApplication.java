package org.povertyalleviation.shopmanagement;

import java.time.Clock;
import java.time.ZoneId;

import org.povertyalleviation.platform.counties.CountyCopy;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Online shops, the registered households they lift, shop-opening subsidies and monthly sales. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Import(CountyCopy.class)
public class ShopManagementApplication {

    public static void main(String[] args) {
        SpringApplication.run(ShopManagementApplication.class, args);
    }

    /** Sales months and budget years are China's: a report made on 1 March at 07:00 is in March. */
    @Bean
    Clock clock() {
        return Clock.system(ZoneId.of("Asia/Shanghai"));
    }
}
