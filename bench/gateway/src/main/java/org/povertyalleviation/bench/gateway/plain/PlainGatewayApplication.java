package org.povertyalleviation.bench.gateway.plain;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;

/**
 * The baseline: Spring Cloud Gateway out of the box with one route to the backend and nothing else (no security,
 * no rate limiter, no breaker, no access log, no actuator). The route has the same shape as our gateway's:
 * {@code /api/bench/**} to the backend with the two prefix segments stripped.
 */
@SpringBootApplication
public class PlainGatewayApplication {

    @Bean
    RouteLocator benchRoute(RouteLocatorBuilder builder, @Value("${bench.backend-uri}") String backendUri) {
        return builder.routes()
                .route("bench", route -> route.path("/api/bench", "/api/bench/**")
                        .filters(filters -> filters.stripPrefix(2))
                        .uri(backendUri))
                .build();
    }

    public static void main(String[] args) {
        SpringApplication.run(PlainGatewayApplication.class, args);
    }
}
