package org.povertyalleviation.portal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The county administrators' portal: server-rendered pages (Thymeleaf, htmx) that call the services through the
 * gateway with the signed-in user's token. It keeps no data of its own beyond the web session.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PortalApplication {

    public static void main(String[] args) {
        SpringApplication.run(PortalApplication.class, args);
    }
}
