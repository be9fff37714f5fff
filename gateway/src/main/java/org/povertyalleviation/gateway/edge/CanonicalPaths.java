package org.povertyalleviation.gateway.edge;

import java.util.regex.Pattern;

import org.povertyalleviation.gateway.EdgeProblem;
import org.povertyalleviation.platform.problem.ProblemTypes;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The edge checks (the county in the path, read or write, public paths) and the idempotency key read the raw path,
 * and a service decodes and normalises it again: a path that means something else after normalising
 * ({@code /counties;x=1/…}, {@code //}, {@code /./}, {@code /../}, percent-encoded characters, backslashes) could slip
 * past the checks. The API never needs any of them (codes, UUIDs and months), so such a path is refused with a 400
 * before anything else reads it. A service's actuator is not part of its API: {@code /api/<service>/actuator/**} is a 404.
 */
public class CanonicalPaths implements WebFilter, Ordered {

    private static final Pattern NOT_CANONICAL = Pattern.compile("[;%\\\\]|//|/\\.\\.?(/|$)");
    private static final Pattern SERVICE_ACTUATOR = Pattern.compile("^/api/[^/]+/actuator(/.*)?$");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String raw = exchange.getRequest().getURI().getRawPath();
        if (raw == null || NOT_CANONICAL.matcher(raw).find()) {
            return Mono.error(new EdgeProblem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, "Bad request",
                    "The path is not in canonical form: no ';', '%', '\\\\', empty, '.' or '..' segments"));
        }
        if (SERVICE_ACTUATOR.matcher(raw).matches()) {
            return Mono.error(new EdgeProblem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found", "No such resource"));
        }
        return chain.filter(exchange);
    }

    /** Before the security chain, so that nothing reads a path that is not canonical. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
