package org.povertyalleviation.platform.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.core.publisher.Mono;

/**
 * Maps a Keycloak access token to authorities. The claims (docs/tenancy.md):
 * <ul>
 *   <li>{@code realm_access.roles}: realm roles, as {@code ROLE_<role>} ({@code ROLE_county-admin}). Only
 *       {@code platform-operator} means something by itself; every other role holds where it was granted;</li>
 *   <li>{@code grants}: {@code <role>@<code>}, a role and the county (or, for officers, city or province) it was
 *       granted for, as {@code GRANT_<role>@<code>}: the attribute {@code grant} of the group
 *       {@code /counties/<code>/<role>} (or {@code /cities/<code>/city-officer}, {@code /provinces/<code>/province-officer});</li>
 *   <li>{@code villages}: the 12-digit village codes a village cadre is assigned to, as {@code VILLAGE_<code>};</li>
 *   <li>{@code counties} / {@code cities} / {@code provinces}: the codes of the groups the principal is in, as
 *       {@code COUNTY_<code>} / {@code CITY_<code>} / {@code PROVINCE_<code>}; informative only, never a permission
 *       (a role of one county must not hold in another county the principal is also in).</li>
 * </ul>
 * Malformed codes, and grants whose code does not fit their role, are dropped, never trusted. The principal's name
 * is {@code preferred_username}, or the client id for partner clients.
 */
public class PlatformAuthorities implements Converter<Jwt, Mono<AbstractAuthenticationToken>> {

    public static final String ROLE_PREFIX = "ROLE_";
    public static final String COUNTY_PREFIX = "COUNTY_";
    public static final String CITY_PREFIX = "CITY_";
    public static final String PROVINCE_PREFIX = "PROVINCE_";
    public static final String COUNTIES_CLAIM = "counties";
    public static final String CITIES_CLAIM = "cities";
    public static final String PROVINCES_CLAIM = "provinces";
    public static final String GRANT_PREFIX = "GRANT_";
    public static final String VILLAGE_PREFIX = "VILLAGE_";
    public static final String GRANTS_CLAIM = "grants";
    public static final String VILLAGES_CLAIM = "villages";

    private static final Pattern COUNTY = Pattern.compile("\\d{4}(?!00)\\d{2}");
    private static final Pattern CITY = Pattern.compile("\\d{4}00");
    private static final Pattern PROVINCE = Pattern.compile("\\d{2}0000");
    private static final Pattern VILLAGE = Pattern.compile("\\d{4}(?!00)\\d{2}\\d{6}");
    private static final Pattern GRANT = Pattern.compile("([a-z-]+)@(\\d{6})");

    @Override
    public Mono<AbstractAuthenticationToken> convert(Jwt jwt) {
        String name = jwt.hasClaim("preferred_username") ? jwt.getClaimAsString("preferred_username") : jwt.getClaimAsString("azp");
        return Mono.just(new JwtAuthenticationToken(jwt, authorities(jwt), name == null ? jwt.getSubject() : name));
    }

    public static Collection<GrantedAuthority> authorities(Jwt jwt) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        Object realmAccess = jwt.getClaims().get("realm_access");
        if (realmAccess instanceof Map<?, ?> access && access.get("roles") instanceof Collection<?> roles) {
            roles.forEach(role -> authorities.add(new SimpleGrantedAuthority(ROLE_PREFIX + role)));
        }
        codes(jwt, COUNTIES_CLAIM, COUNTY).forEach(code -> authorities.add(new SimpleGrantedAuthority(COUNTY_PREFIX + code)));
        codes(jwt, CITIES_CLAIM, CITY).forEach(code -> authorities.add(new SimpleGrantedAuthority(CITY_PREFIX + code)));
        codes(jwt, PROVINCES_CLAIM, PROVINCE).forEach(code -> authorities.add(new SimpleGrantedAuthority(PROVINCE_PREFIX + code)));
        for (String grant : codes(jwt, GRANTS_CLAIM, GRANT)) {
            var matcher = GRANT.matcher(grant);
            if (matcher.matches() && fits(matcher.group(1), matcher.group(2))) {
                authorities.add(new SimpleGrantedAuthority(GRANT_PREFIX + grant));
            }
        }
        codes(jwt, VILLAGES_CLAIM, VILLAGE).forEach(code -> authorities.add(new SimpleGrantedAuthority(VILLAGE_PREFIX + code)));
        return authorities;
    }

    /** A county role is granted for a county, a city officer for a city, a province officer for a province. */
    private static boolean fits(String role, String code) {
        return switch (role) {
            case "city-officer" -> CITY.matcher(code).matches() && !PROVINCE.matcher(code).matches();
            case "province-officer" -> PROVINCE.matcher(code).matches();
            default -> CountyScope.COUNTY_ROLES.contains(role) && COUNTY.matcher(code).matches();
        };
    }

    private static List<String> codes(Jwt jwt, String claim, Pattern valid) {
        Object value = jwt.getClaims().get(claim);
        List<String> codes = new ArrayList<>();
        if (value instanceof Collection<?> many) {
            many.forEach(v -> codes.add(String.valueOf(v)));
        } else if (value != null) {
            codes.add(String.valueOf(value));
        }
        return codes.stream().filter(code -> valid.matcher(code).matches()).toList();
    }
}
