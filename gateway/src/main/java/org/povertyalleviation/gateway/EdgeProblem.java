package org.povertyalleviation.gateway;

import java.net.URI;
import java.util.Map;

import org.povertyalleviation.platform.problem.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * A refusal the gateway answers itself, before or instead of the service; rendered as problem+json by
 * platform-core's handlers like any service's problem.
 */
public class EdgeProblem extends ProblemException {

    public EdgeProblem(HttpStatus status, URI type, String title, String detail, Map<String, Object> properties,
                       Map<String, String> headers) {
        super(status, type, title, detail, properties, headers);
    }

    public EdgeProblem(HttpStatus status, URI type, String title, String detail) {
        this(status, type, title, detail, Map.of(), Map.of());
    }
}
