package org.povertyalleviation.platform.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.povertyalleviation.platform.domain.CountyCode;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * What a caller may do in which county, from the authorities {@link PlatformAuthorities} built: each role holds only
 * where it was granted ({@code grants}: role and code), never because the principal is in some county's group.
 *
 * <ul>
 *   <li>A platform operator acts for every county.</li>
 *   <li>A county role (admin, clerk, village cadre, partner) acts for the county it was granted for; an auditor
 *       granted a county only reads it.</li>
 *   <li>City and province officers read every county under the code they were granted (GB/T 2260: the first four
 *       digits are the city, the first two the province) and act for none.</li>
 *   <li>A village cadre's villages are the ones assigned to them ({@link #villages()}); the services check them.</li>
 * </ul>
 */
public record CountyScope(boolean operator, Set<Grant> grants, Set<String> villages) {

    /** A role and the code it was granted for (a county, or an officer's city or province). */
    public record Grant(String role, String code) {

        /** Whether the grant reaches this county. */
        boolean covers(CountyCode county) {
            return switch (role) {
                case "city-officer" -> county.value().startsWith(code.substring(0, 4));
                case "province-officer" -> county.value().startsWith(code.substring(0, 2));
                default -> code.equals(county.value());
            };
        }
    }

    /** Roles granted for one county. */
    public static final Set<String> COUNTY_ROLES = Set.of("county-admin", "county-clerk", "village-cadre", "auditor", "partner");
    /** Roles that change a county's records; auditors and officers only read. */
    public static final Set<String> WRITING_ROLES = Set.of("county-admin", "county-clerk", "village-cadre", "partner");
    public static final String OPERATOR = "platform-operator";

    public static CountyScope of(Authentication authentication) {
        return of(authentication.getAuthorities());
    }

    public static CountyScope of(Collection<? extends GrantedAuthority> authorities) {
        Set<String> names = authorities.stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
        Set<Grant> grants = suffixes(names, PlatformAuthorities.GRANT_PREFIX).stream()
                .map(grant -> new Grant(grant.substring(0, grant.indexOf('@')), grant.substring(grant.indexOf('@') + 1)))
                .collect(Collectors.toUnmodifiableSet());
        return new CountyScope(names.contains(PlatformAuthorities.ROLE_PREFIX + OPERATOR), grants,
                suffixes(names, PlatformAuthorities.VILLAGE_PREFIX));
    }

    /** The roles the caller holds for this county: its grants that reach it, and the operator's. */
    public Set<String> rolesFor(CountyCode county) {
        Set<String> roles = new LinkedHashSet<>();
        if (operator) {
            roles.add(OPERATOR);
        }
        grants.stream().filter(grant -> grant.covers(county)).forEach(grant -> roles.add(grant.role()));
        return roles;
    }

    /** Whether the caller holds the role anywhere (the operator's role is held everywhere). */
    public boolean holdsAnywhere(String role) {
        return (operator && role.equals(OPERATOR)) || grants.stream().anyMatch(grant -> grant.role().equals(role));
    }

    /** May create, change or delete this county's records. */
    public boolean mayActFor(CountyCode county) {
        return operator || grants.stream().anyMatch(grant -> WRITING_ROLES.contains(grant.role()) && grant.covers(county));
    }

    /** May read this county's records. */
    public boolean mayRead(CountyCode county) {
        return operator || grants.stream().anyMatch(grant -> grant.covers(county));
    }

    private static Set<String> suffixes(Set<String> names, String prefix) {
        return names.stream().filter(n -> n.startsWith(prefix)).map(n -> n.substring(prefix.length()))
                .collect(Collectors.toUnmodifiableSet());
    }
}
