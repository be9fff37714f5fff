package org.povertyalleviation.platform.access;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One row of a service's access table: an endpoint, whether it reads or writes, the roles that may call it, and how
 * far a role reaches. A role holds only where it was granted (docs/tenancy.md): for an endpoint under
 * {@code /counties/{county}}, the caller must hold one of the roles for that county (an officer's city or province
 * reaches its counties; the platform operator reaches every county).
 *
 * @param method  GET, POST, PUT, PATCH or DELETE
 * @param path    the path pattern as the controller maps it ({@code /counties/{county}/households/{id}})
 * @param kind    a read changes nothing (auditors and officers may be given it); a write changes the county's records
 * @param roles   the realm roles that may call it
 * @param reach   how far beyond the county check the service narrows it
 * @param what    what it does, for the table in the service's documentation
 */
public record AccessRule(String method, String path, Kind kind, Set<String> roles, Reach reach, String what) {

    public enum Kind { READ, WRITE }

    public enum Reach {
        /** The roles hold for the county in the path. */
        COUNTY,
        /** As COUNTY; a village cadre only for the villages assigned to them, which the service checks on the record. */
        VILLAGES,
        /** As COUNTY; a partner only for what is bound to it (a shop on its marketplace), which the service checks. */
        PARTNER_BINDING,
        /** No county in the path: the roles held anywhere; the service narrows what it shows. */
        PLATFORM,
        /**
         * Anyone, signed in or not: a page a buyer's phone opens from a printed code. No roles, a read, no county in
         * the path (the record's own unguessable code names it); the service shows only what it has made public, and the
         * gateway lists the path in the service's {@code publicPaths} and limits each address.
         */
        PUBLIC
    }

    public static final String OPERATOR = "platform-operator";
    public static final String PROVINCE_OFFICER = "province-officer";
    public static final String CITY_OFFICER = "city-officer";
    public static final String ADMIN = "county-admin";
    public static final String CLERK = "county-clerk";
    public static final String CADRE = "village-cadre";
    public static final String AUDITOR = "auditor";
    public static final String PARTNER = "partner";

    /** Every realm role, in the order the tables print them. */
    public static final List<String> ROLES = List.of(OPERATOR, PROVINCE_OFFICER, CITY_OFFICER, ADMIN, CLERK, CADRE, AUDITOR, PARTNER);
    /** Roles that never change a county's records. */
    public static final Set<String> READ_ONLY_ROLES = Set.of(PROVINCE_OFFICER, CITY_OFFICER, AUDITOR);

    public AccessRule {
        if (!Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
            throw new IllegalArgumentException(method + " " + path + ": unknown method");
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException(method + " " + path + ": a path starts with /");
        }
        if (reach == Reach.PUBLIC) {
            if (!roles.isEmpty() || kind != Kind.READ || path.contains("{county}")) {
                throw new IllegalArgumentException(method + " " + path + ": a public row is a read without roles or {county}");
            }
        } else if (roles.isEmpty() || !ROLES.containsAll(roles)) {
            throw new IllegalArgumentException(method + " " + path + ": roles must be some of " + ROLES + ", not " + roles);
        }
        if (kind == Kind.WRITE && roles.stream().anyMatch(READ_ONLY_ROLES::contains)) {
            throw new IllegalArgumentException(method + " " + path + ": a write may not be given to " + READ_ONLY_ROLES);
        }
        if (path.matches(".*/counties/\\{(?!county})[^}]*}.*")) {
            // The county check reads the variable named county: another name would let the row reach every county.
            throw new IllegalArgumentException(method + " " + path + ": a county in the path is {county}");
        }
        boolean county = path.contains("{county}");
        if (reach != Reach.PUBLIC && county == (reach == Reach.PLATFORM)) {
            throw new IllegalArgumentException(method + " " + path + ": " + reach + (county ? " with" : " without") + " {county} in the path");
        }
        if (reach == Reach.VILLAGES && !roles.contains(CADRE)) {
            throw new IllegalArgumentException(method + " " + path + ": VILLAGES reach without the village cadre");
        }
        if (reach == Reach.PARTNER_BINDING && !roles.contains(PARTNER)) {
            throw new IllegalArgumentException(method + " " + path + ": PARTNER_BINDING reach without the partner");
        }
        roles = Set.copyOf(new LinkedHashSet<>(roles));
    }

    /** A read of {@code "GET /counties/{county}/…"}, for the roles. */
    public static AccessRule read(String endpoint, String what, String... roles) {
        return of(endpoint, Kind.READ, what, roles);
    }

    /** A write of {@code "POST /counties/{county}/…"}, for the roles. */
    public static AccessRule write(String endpoint, String what, String... roles) {
        return of(endpoint, Kind.WRITE, what, roles);
    }

    /** A read anyone may make without signing in (a public page; {@link Reach#PUBLIC}). */
    public static AccessRule open(String endpoint, String what) {
        String[] parts = endpoint.trim().split("\\s+", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("an endpoint is \"METHOD /path\": " + endpoint);
        }
        return new AccessRule(parts[0], parts[1], Kind.READ, Set.of(), Reach.PUBLIC, what);
    }

    public boolean isPublic() {
        return reach == Reach.PUBLIC;
    }

    /** The same rule, a village cadre limited to their villages (the service checks the record's village). */
    public AccessRule inTheirVillages() {
        return new AccessRule(method, path, kind, roles, Reach.VILLAGES, what);
    }

    /** The same rule, a partner limited to what is bound to it (the service checks the binding). */
    public AccessRule boundPartnerOnly() {
        return new AccessRule(method, path, kind, roles, Reach.PARTNER_BINDING, what);
    }

    private static AccessRule of(String endpoint, Kind kind, String what, String... roles) {
        String[] parts = endpoint.trim().split("\\s+", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("an endpoint is \"METHOD /path\": " + endpoint);
        }
        return new AccessRule(parts[0], parts[1], kind, Set.of(roles), parts[1].contains("{county}") ? Reach.COUNTY : Reach.PLATFORM, what);
    }

    /** Role names joined for the table. */
    public String rolesInOrder() {
        if (isPublic()) {
            return "anyone, without signing in";
        }
        return String.join(", ", ROLES.stream().filter(roles::contains).toList());
    }
}
