package org.povertyalleviation.platform.problem;

import java.util.Map;

import org.springframework.http.HttpStatus;

/** 404: the resource does not exist, or exists only in another county (which callers must not learn). */
public class NotFoundException extends ProblemException {

    public NotFoundException(String resource, Object id) {
        super(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found", resource + " " + id + " was not found",
                Map.of("resource", resource));
    }
}
