package org.povertyalleviation.gateway.observability;

import java.util.UUID;

import org.povertyalleviation.gateway.edge.Caller;
import org.povertyalleviation.platform.observability.CorrelationIdFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request a correlation id (the caller's {@code X-Correlation-Id}, or a new one), which the services
 * receive with the W3C trace context and log with every line, and writes one access-log line per request: client,
 * county, route, status and latency, as key-value pairs of the structured (ECS) log. It runs first, so refusals
 * by the security filters (401) are logged too. Probes and metrics scrapes are not logged.
 */
public class AccessLog implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger("gateway.access");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        String given = exchange.getRequest().getHeaders().getFirst(CorrelationIdFilter.HEADER);
        String correlationId = given == null || given.isBlank() || given.length() > 128 ? UUID.randomUUID().toString() : given;
        ServerWebExchange correlated = exchange.mutate()
                .request(request -> request.headers(headers -> headers.set(CorrelationIdFilter.HEADER, correlationId)))
                .build();
        if (path.startsWith("/actuator/")) {
            return chain.filter(correlated);
        }
        long started = System.nanoTime();
        // Logged as the answer's headers go out: errors rendered by the exception handlers (after this filter's
        // chain has ended) have their status only then. The latency is thus the time to the answer's headers.
        correlated.getResponse().beforeCommit(() -> Mono.fromRunnable(() -> {
            Caller caller = correlated.getAttribute(Caller.ATTRIBUTE);
            Route route = correlated.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
            HttpStatusCode status = correlated.getResponse().getStatusCode();
            long micros = (System.nanoTime() - started) / 1_000;
            log.atInfo()
                    .addKeyValue("http.request.method", correlated.getRequest().getMethod().name())
                    .addKeyValue("url.path", path)
                    .addKeyValue("http.response.status_code", status == null ? 0 : status.value())
                    .addKeyValue("event.duration_ms", micros / 1000.0)
                    .addKeyValue("client.id", caller == null || caller.clientId() == null ? "-" : caller.clientId())
                    .addKeyValue("county", correlated.getAttributes().getOrDefault(Caller.COUNTY_ATTRIBUTE, "-"))
                    .addKeyValue("route", route == null ? "-" : route.getId())
                    .addKeyValue("correlation_id", correlationId)
                    .log("{} {} {} {} ms", correlated.getRequest().getMethod().name(), path,
                            status == null ? "-" : status.value(), micros / 1000.0);
        }));
        return chain.filter(correlated);
    }

    /** Before platform-core's correlation filter (which echoes the id) and before the security filters. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 5;
    }
}
