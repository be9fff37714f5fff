package org.povertyalleviation.platform.security;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

import org.povertyalleviation.platform.domain.CountyCode;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Which counties a caller may act for (write) and read, from the authorities {@link PlatformAuthorities} built.
 *
 * <ul>
 *   <li>A platform operator acts for every county.</li>
 *   <li>A county principal with a writing role (admin, clerk, cadre, a partner client) acts for the counties it
 *       was granted; an auditor in a county's group only reads it.</li>
 *   <li>City and province officers read every county under their code (GB/T 2260: the first four digits are
 *       the city, the first two the province) and act for none.</li>
 * </ul>
 */
public record CountyScope(boolean operator, boolean writer, Set<String> counties, Set<String> cities, Set<String> provinces) {

    /** Roles that change a county's records; auditors and officers only read, whatever groups they are in. */
    public static final Set<String> WRITING_ROLES = Set.of("county-admin", "county-clerk", "village-cadre", "partner");

    public static CountyScope of(Authentication authentication) {
        return of(authentication.getAuthorities());
    }

    public static CountyScope of(Collection<? extends GrantedAuthority> authorities) {
        Set<String> names = authorities.stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
        return new CountyScope(names.contains(PlatformAuthorities.ROLE_PREFIX + "platform-operator"),
                WRITING_ROLES.stream().anyMatch(role -> names.contains(PlatformAuthorities.ROLE_PREFIX + role)),
                suffixes(names, PlatformAuthorities.COUNTY_PREFIX),
                suffixes(names, PlatformAuthorities.CITY_PREFIX),
                suffixes(names, PlatformAuthorities.PROVINCE_PREFIX));
    }

    /** May create, change or delete this county's records. */
    public boolean mayActFor(CountyCode county) {
        return operator || (writer && counties.contains(county.value()));
    }

    /** May read this county's records. */
    public boolean mayRead(CountyCode county) {
        return operator || counties.contains(county.value())
                || cities.stream().anyMatch(city -> county.value().startsWith(city.substring(0, 4)))
                || provinces.stream().anyMatch(province -> county.value().startsWith(province.substring(0, 2)));
    }

    private static Set<String> suffixes(Set<String> names, String prefix) {
        return names.stream().filter(n -> n.startsWith(prefix)).map(n -> n.substring(prefix.length()))
                .collect(Collectors.toUnmodifiableSet());
    }
}
