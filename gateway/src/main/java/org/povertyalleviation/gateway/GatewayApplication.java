package org.povertyalleviation.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The platform's front door. Routes {@code /api/<service>/**} to each service; services are added to
 * {@code application.yml} as they appear (in Kubernetes their URLs are Service DNS names from Helm values).
 */
@SpringBootApplication
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }
}
