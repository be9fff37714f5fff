package org.povertyalleviation.platform.access;

import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.security.CountyScope;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Enforces the service's {@link AccessTable} on every request: the request's row must exist and, unless the row is
 * public, the caller must hold one of its roles for the county in the path (a role holds only where it was granted). What the row
 * narrows further (a cadre's villages, a partner's bound shops) the service checks on the record.
 */
public class AccessTableAuthorization implements ReactiveAuthorizationManager<AuthorizationContext> {

    private static final Pattern COUNTY = Pattern.compile("\\d{4}(?!00)\\d{2}");

    /** A refusal naming the rule, shown as the 403 problem's detail. */
    public static class RuleDenied extends AccessDeniedException {
        public RuleDenied(String message) {
            super(message);
        }
    }

    private final AccessTable table;
    private final Function<ServerWebExchange, Mono<Boolean>> handled;

    /**
     * @param handled whether a controller would handle the request: a path no controller serves goes on to its 404,
     *                while an endpoint that exists without a row is refused
     */
    public AccessTableAuthorization(AccessTable table, Function<ServerWebExchange, Mono<Boolean>> handled) {
        this.table = table;
        this.handled = handled;
    }

    @Override
    public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
        return decide(authentication, context).map(refusal -> (AuthorizationResult) new AuthorizationDecision(refusal.isEmpty()));
    }

    @Override
    public Mono<Void> verify(Mono<Authentication> authentication, AuthorizationContext context) {
        return decide(authentication, context).flatMap(refusal -> refusal.isEmpty()
                ? Mono.<Void>empty() : Mono.error(new RuleDenied(refusal)));
    }

    /** Empty when allowed, else why not. */
    private Mono<String> decide(Mono<Authentication> authentication, AuthorizationContext context) {
        var request = context.getExchange().getRequest();
        String method = request.getMethod().name();
        String path = request.getPath().pathWithinApplication().value();
        var match = table.match(method, path);
        if (match.isEmpty()) {
            return authentication.filter(Authentication::isAuthenticated)
                    .flatMap(caller -> handled.apply(context.getExchange()))
                    .map(exists -> exists ? "No access rule allows " + method + " " + path : "")
                    .defaultIfEmpty("Not authenticated");
        }
        if (match.get().rule().isPublic()) {
            return Mono.just("");
        }
        return authentication.filter(Authentication::isAuthenticated).map(caller -> {
            AccessRule rule = match.get().rule();
            CountyScope scope = CountyScope.of(caller);
            String county = match.get().variables().get("county");
            boolean allowed;
            if (county == null || !COUNTY.matcher(county).matches()) {
                // No county, or a malformed one that the controller refuses with a 400 naming the field.
                allowed = rule.roles().stream().anyMatch(scope::holdsAnywhere);
            } else {
                Set<String> held = scope.rolesFor(CountyCode.of(county));
                allowed = rule.roles().stream().anyMatch(held::contains);
            }
            return allowed ? "" : "Only a " + rule.rolesInOrder().replace(", ", " or a ")
                    + (county == null ? "" : " of county " + county) + " may " + rule.method() + " " + rule.path();
        }).defaultIfEmpty("Not authenticated");
    }
}
