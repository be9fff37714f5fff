package org.povertyalleviation.gateway.edge;

import java.util.List;
import java.util.Map;

import org.povertyalleviation.gateway.routing.CountyPath;
import org.springframework.http.HttpMethod;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.server.ServerWebExchange;

/**
 * The POSTs that only read (GatewayProperties.Service#readPosts, from services/services.yaml), such as a lookup whose
 * resident ID number travels in the body: the edge checks them as reads, and the idempotency store never keeps their
 * answers (they change nothing, and an answer may hold personal data that must not sit in Redis, nor be replayed
 * without the audit entry its read writes).
 */
public final class ReadPosts {

    private static final AntPathMatcher PATHS = new AntPathMatcher();

    private final Map<String, List<String>> byService;

    /** @param byService per service, ant patterns of paths below {@code /api/<service>} */
    public ReadPosts(Map<String, List<String>> byService) {
        this.byService = Map.copyOf(byService);
    }

    public boolean matches(ServerWebExchange exchange) {
        if (exchange.getRequest().getMethod() != HttpMethod.POST) {
            return false;
        }
        String path = exchange.getRequest().getPath().value();
        return CountyPath.service(path).map(service -> {
            String below = path.substring(("/api/" + service).length());
            return byService.getOrDefault(service, List.of()).stream().anyMatch(pattern -> PATHS.match(pattern, below));
        }).orElse(false);
    }
}
