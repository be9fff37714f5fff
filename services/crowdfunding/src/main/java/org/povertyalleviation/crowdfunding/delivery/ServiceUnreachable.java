package org.povertyalleviation.crowdfunding.delivery;

import java.util.Map;

import org.povertyalleviation.platform.problem.ProblemException;
import org.povertyalleviation.platform.problem.ProblemTypes;
import org.springframework.http.HttpStatus;

/** 503: a service the request needs (the supply platform, the logistics service) did not answer; try again later. */
public class ServiceUnreachable extends ProblemException {

    public ServiceUnreachable(String service, String detail, Map<String, Object> facts) {
        super(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE, "Service unavailable", detail, withService(service, facts),
                Map.of("Retry-After", "30"));
    }

    private static Map<String, Object> withService(String service, Map<String, Object> facts) {
        Map<String, Object> properties = new java.util.LinkedHashMap<>(facts);
        properties.put("service", service);
        return properties;
    }
}
