package org.povertyalleviation.platform.problem;

import java.util.Map;

import org.springframework.http.HttpStatus;

/** 409: the request clashes with the resource's current state (a duplicate, an illegal status transition). */
public class ConflictException extends ProblemException {

    public ConflictException(String detail) {
        super(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Conflict", detail, Map.of());
    }

    /** @param reason a stable, machine-readable reason, e.g. {@code illegal-transition} */
    public ConflictException(String reason, String detail) {
        super(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Conflict", detail, Map.of("reason", reason));
    }

    /** @param field the request field the clash concerns, e.g. {@code fileNumber} for a duplicate */
    public ConflictException(String reason, String detail, String field) {
        super(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Conflict", detail, Map.of("reason", reason, "field", field));
    }

    /**
     * @param more further members of the problem a client acts on, e.g. the next free windows when the one asked for is
     *             full (plain values, lists and maps: they are written as JSON)
     */
    public ConflictException(String reason, String detail, String field, Map<String, Object> more) {
        super(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Conflict", detail, merged(more, Map.of("reason", reason, "field", field)));
    }

    private static Map<String, Object> merged(Map<String, Object> more, Map<String, Object> named) {
        Map<String, Object> all = new java.util.LinkedHashMap<>(more);
        all.putAll(named);
        return all;
    }
}
