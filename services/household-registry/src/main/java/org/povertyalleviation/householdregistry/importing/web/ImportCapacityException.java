package org.povertyalleviation.householdregistry.importing.web;

import java.util.Map;

import org.povertyalleviation.platform.problem.ProblemException;
import org.povertyalleviation.platform.problem.ProblemTypes;
import org.springframework.http.HttpStatus;

/**
 * 429: this replica runs as many imports as it may (household-registry.imports.per-pod), or is stopping. Not the
 * caller's fault and not the county's: another replica, or this one a little later, takes the file; Retry-After says
 * when to try.
 */
class ImportCapacityException extends ProblemException {

    static final int RETRY_AFTER_SECONDS = 30;

    ImportCapacityException(int perPod, boolean stopping) {
        super(HttpStatus.TOO_MANY_REQUESTS, ProblemTypes.RATE_LIMITED, "Too many imports",
                (stopping ? "this replica is stopping and takes no more imports"
                        : "this replica runs " + perPod + " imports already (at most " + perPod + " at a time per replica)")
                        + "; send the file again in " + RETRY_AFTER_SECONDS + " seconds",
                Map.of("reason", "import-capacity", "limit", perPod), Map.of("Retry-After", String.valueOf(RETRY_AFTER_SECONDS)));
    }
}
