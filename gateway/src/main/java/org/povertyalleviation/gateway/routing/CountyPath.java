package org.povertyalleviation.gateway.routing;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The platform's URL convention, which lets the gateway check tenancy without knowing each service's API:
 * everything that belongs to one county lives under {@code /api/<service>/counties/<county>/…}
 * (docs/gateway.md). Other paths (lists across counties, the public lookup) are left to the service.
 */
public final class CountyPath {

    private static final Pattern COUNTY_SCOPED = Pattern.compile("^/api/[^/]+/counties/([^/]+)(?:/.*)?$");
    private static final Pattern SERVICE = Pattern.compile("^/api/([^/]+)(?:/.*)?$");

    private CountyPath() {
    }

    /** The county segment of a county-scoped path, as sent (not yet validated). */
    public static Optional<String> county(String path) {
        Matcher matcher = COUNTY_SCOPED.matcher(path);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** The service a path is routed to, e.g. {@code county-registry}. */
    public static Optional<String> service(String path) {
        Matcher matcher = SERVICE.matcher(path);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
