package org.povertyalleviation.platform.observability;

import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Echoes the correlation id on every response so that a user's report ("it failed at 10:02, id …") leads to
 * the log lines. The id arrives in {@value #HEADER} from the caller (the portal, a partner; the gateway will
 * set one on every request once its issue lands) and is carried as tracing baggage into the logs' MDC; a
 * request that has none is correlated by its trace id.
 */
public class CorrelationIdFilter implements WebFilter, Ordered {

    public static final String HEADER = "X-Correlation-Id";

    private final ObjectProvider<Tracer> tracer;

    public CorrelationIdFilter(ObjectProvider<Tracer> tracer) {
        this.tracer = tracer;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = exchange.getRequest().getHeaders().getFirst(HEADER);
        if (id == null || id.isBlank()) {
            Tracer current = tracer.getIfAvailable();
            id = current != null && current.currentSpan() != null ? current.currentSpan().context().traceId() : null;
        }
        if (id != null) {
            exchange.getResponse().getHeaders().set(HEADER, id);
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
