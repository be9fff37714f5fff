package org.povertyalleviation.platform.problem;

/** A list's page size from the request: a 400 naming the parameter when it is outside 1 to the list's maximum. */
public final class PageLimit {

    private PageLimit() {
    }

    public static int check(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw InvalidRequestException.field("limit", "must be between 1 and " + max);
        }
        return limit;
    }
}
