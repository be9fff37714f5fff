package org.povertyalleviation.platform.security;

import org.povertyalleviation.platform.domain.CountyCode;
import reactor.core.publisher.Mono;

/**
 * Whether a county is suspended, as CountyAccess asks it. A service with a database answers from its own list
 * (platform-core's CountySuspensions, kept from the county registry's events); without one (the gateway) nothing is
 * suspended here and the caller checks suspension itself.
 */
@FunctionalInterface
public interface CountySuspensionCheck {

    /** The county registry's events that change a county's suspension. */
    String SUSPENDED = "county.suspended.v1";
    String REINSTATED = "county.reinstated.v1";

    Mono<Boolean> isSuspended(CountyCode county);
}
