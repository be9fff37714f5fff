package org.povertyalleviation.platform.tenancy;

import org.povertyalleviation.platform.domain.CountyCode;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * The county a reactive pipeline acts for. It travels in the Reactor context, not in a thread-local, because a
 * WebFlux request hops between threads.
 */
public final class TenantContext {

    private static final Class<CountyCode> KEY = CountyCode.class;

    private TenantContext() {
    }

    /** Use with {@code contextWrite}: everything upstream of it acts for this county. */
    public static Context withCounty(CountyCode county) {
        return Context.of(KEY, county);
    }

    /** The current county, or an error when none is set: tenant work without a tenant is a programming error. */
    public static Mono<CountyCode> currentCounty() {
        return Mono.deferContextual(context -> context.hasKey(KEY)
                ? Mono.just(context.get(KEY))
                : Mono.error(new MissingCountyException()));
    }

    static java.util.Optional<CountyCode> countyIn(ContextView context) {
        return context.getOrEmpty(KEY);
    }

    /** Raised when tenant data is touched outside any county. */
    public static final class MissingCountyException extends IllegalStateException {
        public MissingCountyException() {
            super("No county in the reactive context: wrap the pipeline with TenantContext.withCounty(..)");
        }
    }
}
