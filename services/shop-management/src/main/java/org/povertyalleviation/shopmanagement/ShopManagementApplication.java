package org.povertyalleviation.shopmanagement;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Online shops, the registered households they lift, shop-opening subsidies and monthly sales. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ShopManagementApplication {

    public static void main(String[] args) {
        SpringApplication.run(ShopManagementApplication.class, args);
    }
}
