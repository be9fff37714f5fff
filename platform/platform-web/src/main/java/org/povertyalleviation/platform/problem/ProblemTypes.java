package org.povertyalleviation.platform.problem;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * The stable {@code type} URIs of our RFC 9457 problem responses, one per kind of error, the same in every
 * service and the gateway. Clients (the portal, partner platforms) branch on these, never on the wording.
 * Catalogue: docs/api/problems.md.
 */
public final class ProblemTypes {

    public static final URI INVALID_REQUEST = type("invalid-request");
    public static final URI UNAUTHENTICATED = type("unauthenticated");
    public static final URI FORBIDDEN = type("forbidden");
    public static final URI NOT_FOUND = type("not-found");
    public static final URI CONFLICT = type("conflict");
    public static final URI RULE_VIOLATED = type("rule-violated");
    public static final URI INTERNAL_ERROR = type("internal-error");
    /** 413: the request body is larger than the service accepts (the gateway's limit). */
    public static final URI REQUEST_TOO_LARGE = type("request-too-large");
    /** 429: the caller's request budget is spent; {@code Retry-After} says when to come back. */
    public static final URI RATE_LIMITED = type("rate-limited");
    /** 503: the service behind the gateway cannot be reached, or its circuit breaker is open. */
    public static final URI SERVICE_UNAVAILABLE = type("service-unavailable");
    /** 504: the service behind the gateway did not answer in time. */
    public static final URI SERVICE_TIMEOUT = type("service-timeout");

    private ProblemTypes() {
    }

    /** A problem of one of our types; the caller sets {@code instance}. */
    public static ProblemDetail problem(HttpStatusCode status, URI type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return problem;
    }

    /** The answer to a bug: no internals, the details are in the log. */
    static ProblemDetail internalError() {
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, INTERNAL_ERROR, "Internal error", "An unexpected error occurred; it has been logged");
    }

    public static URI type(String slug) {
        return URI.create("urn:poverty-platform:problem:" + slug);
    }
}
