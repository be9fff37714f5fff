package org.povertyalleviation.gateway.routing;

import java.io.IOException;
import java.time.Duration;

import org.povertyalleviation.gateway.GatewayProperties;
import org.povertyalleviation.gateway.limits.RequestBodyLimit;
import org.povertyalleviation.gateway.resilience.ServiceBreakers;
import org.povertyalleviation.platform.observability.CorrelationIdFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.http.HttpMethod;

/**
 * One route per configured service: {@code /api/<name>/**} to the service without the prefix (the service learns
 * it from {@code X-Forwarded-Prefix}), through, in order: the body limit, the service's breaker and time limit,
 * and bounded retries. The edge check, budgets and idempotency are global filters that run before these.
 */
public final class ServiceRoutes {

    private ServiceRoutes() {
    }

    public static RouteLocator of(RouteLocatorBuilder builder, GatewayProperties properties, ServiceBreakers breakers,
                                  RetryGatewayFilterFactory retries) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        properties.services().forEach((name, service) -> routes.route(name, route -> route
                .path("/api/" + name, "/api/" + name + "/**")
                .filters(filters -> {
                    filters.filter(RequestBodyLimit.of(name, service.maxRequestBody(properties.maxRequestBody()), service.uploads()));
                    filters.filter(breakers.forService(name, service.timeout()));
                    if (properties.breaker().retries() > 0) {
                        filters.filter(new OrderedGatewayFilter(retries.apply(retryOnlyWhatIsSafe(name, properties.breaker().retries())),
                                ServiceBreakers.RETRY_ORDER));
                    }
                    // Both the gateway and the service echo the correlation id; the caller gets it once.
                    filters.dedupeResponseHeader(CorrelationIdFilter.HEADER, "RETAIN_FIRST");
                    return filters.stripPrefix(2);
                })
                .uri(service.uri())));
        return routes.build();
    }

    /**
     * Reads only, and only when no answer came (the connection failed): running a GET twice is harmless, and a POST
     * is never repeated behind the caller's back (a partner repeats it itself, with an Idempotency-Key). PUT and
     * DELETE are idempotent too, but their bodies are not buffered for a second send.
     */
    private static RetryGatewayFilterFactory.RetryConfig retryOnlyWhatIsSafe(String name, int times) {
        RetryGatewayFilterFactory.RetryConfig config = new RetryGatewayFilterFactory.RetryConfig()
                .setRetries(times)
                .setMethods(HttpMethod.GET, HttpMethod.HEAD)
                .setSeries()
                .setStatuses()
                .setExceptions(IOException.class)
                .setBackoff(Duration.ofMillis(50), Duration.ofMillis(400), 2, false);
        // No route id: with one, Spring Cloud Gateway would buffer every request body on the route for replay,
        // before the edge check and the body limit; GET and HEAD need no body replayed.
        return config;
    }
}
