package org.povertyalleviation.platform.problem;

import java.net.URI;

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

    private ProblemTypes() {
    }

    public static URI type(String slug) {
        return URI.create("urn:poverty-platform:problem:" + slug);
    }
}
