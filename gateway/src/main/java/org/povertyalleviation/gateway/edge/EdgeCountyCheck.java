package org.povertyalleviation.gateway.edge;

import java.util.Optional;
import java.util.Set;

import org.povertyalleviation.gateway.EdgeProblem;
import org.povertyalleviation.gateway.routing.CountyPath;
import org.povertyalleviation.platform.problem.ProblemTypes;
import org.povertyalleviation.platform.security.CountyScope;
import org.povertyalleviation.platform.domain.CountyCode;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Refuses a request for a county the token may not act for (or, for a read, may not read), and any request for a
 * suspended county but an operator's, before it reaches a service. Services check again: this is the first line,
 * not the only one. The same rules as platform-core's {@code CountyAccess}, on the county in the path
 * ({@link CountyPath}).
 */
public class EdgeCountyCheck implements GlobalFilter, Ordered {

    public static final int ORDER = -300;

    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final SuspendedCounties suspended;
    private final ClientAddress clientAddress;
    private final ReadPosts readPosts;

    /** @param readPosts the POSTs that only read, checked as reads */
    public EdgeCountyCheck(SuspendedCounties suspended, ClientAddress clientAddress, ReadPosts readPosts) {
        this.suspended = suspended;
        this.clientAddress = clientAddress;
        this.readPosts = readPosts;
    }

    /**
     * The caller's address as the edge knows it (the nearest untrusted X-Forwarded-For entry behind the ingress), for a
     * public page that counts where it is scanned from. A caller's own value is always dropped: only the edge says it.
     */
    public static final String CLIENT_ADDRESS = "X-Client-Address";

    @Override
    public Mono<Void> filter(ServerWebExchange incoming, GatewayFilterChain chain) {
        String address = clientAddress.of(incoming);
        ServerWebExchange exchange = incoming.mutate().request(request -> request.headers(headers -> headers.remove(CLIENT_ADDRESS))).build();
        Optional<String> countySegment = CountyPath.county(exchange.getRequest().getPath().value());
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(authentication -> authentication.isAuthenticated() && !(authentication instanceof AnonymousAuthenticationToken))
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(authentication -> {
                    if (authentication.isEmpty()) {
                        // Only public paths get here without a token; the service decides what they show.
                        exchange.getAttributes().put(Caller.ATTRIBUTE, Caller.anonymous(address));
                        return chain.filter(exchange.mutate().request(request -> request.headers(headers -> headers.set(CLIENT_ADDRESS, address)))
                                .build());
                    }
                    exchange.getAttributes().put(Caller.ATTRIBUTE, Caller.of(authentication.get()));
                    Mono<Void> refusal = countySegment
                            .map(segment -> check(exchange, CountyScope.of(authentication.get()), segment))
                            .orElseGet(Mono::empty);
                    return refusal.then(Mono.defer(() -> chain.filter(exchange)));
                });
    }

    private Mono<Void> check(ServerWebExchange exchange, CountyScope scope, String segment) {
        CountyCode county = CountyCode.fromRequest("county", segment);
        exchange.getAttributes().put(Caller.COUNTY_ATTRIBUTE, county.value());
        boolean read = READS.contains(exchange.getRequest().getMethod()) || readPosts.matches(exchange);
        if (read ? !scope.mayRead(county) : !scope.mayActFor(county)) {
            return Mono.error(new EdgeProblem(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden",
                    "You may not " + (read ? "read" : "act for") + " county " + county));
        }
        if (!scope.operator() && suspended.isSuspended(county.value())) {
            return Mono.error(new EdgeProblem(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden",
                    "County " + county + " is suspended; its data is kept, but only platform operators may reach it"));
        }
        return Mono.empty();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
