package org.povertyalleviation.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.domain.CountyCode;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class PlatformAuthoritiesTest {

    @Test
    void realm_roles_grants_and_villages_become_authorities() {
        Jwt jwt = jwt(Map.of("realm_access", Map.of("roles", List.of("county-admin", "offline_access")),
                "grants", List.of("county-admin@621222", "city-officer@621200", "province-officer@620000"),
                "villages", List.of("621222101201")));

        assertThat(PlatformAuthorities.authorities(jwt)).extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_county-admin", "ROLE_offline_access", "GRANT_county-admin@621222",
                        "GRANT_city-officer@621200", "GRANT_province-officer@620000", "VILLAGE_621222101201");
    }

    @Test
    void a_grant_whose_code_does_not_fit_its_role_or_is_malformed_is_dropped() {
        Jwt jwt = jwt(Map.of("grants", List.of("county-clerk@621200", "city-officer@621222", "province-officer@621200",
                "county-clerk@62122", "nobody@621222", "county-clerk", "county-clerk@621224"),
                "villages", List.of("62122210120", "abc")));

        assertThat(PlatformAuthorities.authorities(jwt)).extracting(GrantedAuthority::getAuthority)
                .containsExactly("GRANT_county-clerk@621224");
    }

    @Test
    void a_county_principal_acts_for_its_county_only() {
        CountyScope scope = scope(Map.of("realm_access", Map.of("roles", List.of("county-clerk")), "grants", List.of("county-clerk@621222")));

        assertThat(scope.mayActFor(CountyCode.of("621222"))).isTrue();
        assertThat(scope.mayRead(CountyCode.of("621224"))).isFalse();
        assertThat(scope.rolesFor(CountyCode.of("621222"))).containsExactly("county-clerk");
        assertThat(scope.rolesFor(CountyCode.of("621224"))).isEmpty();
    }

    @Test
    void a_clerk_of_one_county_who_audits_another_reads_the_other_and_changes_nothing_there() {
        // Realm roles are global: with the union of groups, this principal could write 621224.
        CountyScope scope = scope(Map.of("realm_access", Map.of("roles", List.of("county-clerk", "auditor")),
                "counties", List.of("621222", "621224"), "grants", List.of("county-clerk@621222", "auditor@621224")));

        assertThat(scope.mayActFor(CountyCode.of("621222"))).isTrue();
        assertThat(scope.mayRead(CountyCode.of("621224"))).isTrue();
        assertThat(scope.mayActFor(CountyCode.of("621224"))).isFalse();
        assertThat(scope.rolesFor(CountyCode.of("621224"))).containsExactly("auditor");
    }

    @Test
    void an_admin_who_is_also_a_city_officer_is_admin_of_the_own_county_only() {
        CountyScope scope = scope(Map.of("realm_access", Map.of("roles", List.of("county-admin", "city-officer")),
                "grants", List.of("county-admin@621222", "city-officer@621200")));

        assertThat(scope.rolesFor(CountyCode.of("621222"))).containsExactlyInAnyOrder("county-admin", "city-officer");
        assertThat(scope.rolesFor(CountyCode.of("621224"))).containsExactly("city-officer");
        assertThat(scope.mayActFor(CountyCode.of("621224"))).isFalse();
    }

    @Test
    void realm_roles_and_county_groups_without_grants_give_no_county() {
        CountyScope scope = scope(Map.of("realm_access", Map.of("roles", List.of("county-admin")), "counties", List.of("621222")));

        assertThat(scope.mayRead(CountyCode.of("621222"))).isFalse();
        assertThat(scope.mayActFor(CountyCode.of("621222"))).isFalse();
    }

    @Test
    void an_auditor_reads_the_county_and_changes_nothing() {
        CountyScope scope = scope(Map.of("grants", List.of("auditor@621222")));

        assertThat(scope.mayRead(CountyCode.of("621222"))).isTrue();
        assertThat(scope.mayActFor(CountyCode.of("621222"))).isFalse();
    }

    @Test
    void a_city_officer_reads_the_citys_counties_and_acts_for_none() {
        CountyScope scope = scope(Map.of("grants", List.of("city-officer@621200")));

        assertThat(scope.mayRead(CountyCode.of("621228"))).isTrue();
        assertThat(scope.mayRead(CountyCode.of("620521"))).isFalse();
        assertThat(scope.mayActFor(CountyCode.of("621228"))).isFalse();
    }

    @Test
    void a_province_officer_reads_every_county_of_the_province() {
        CountyScope scope = scope(Map.of("grants", List.of("province-officer@620000")));

        assertThat(scope.mayRead(CountyCode.of("620521"))).isTrue();
        assertThat(scope.mayRead(CountyCode.of("350825"))).isFalse();
    }

    @Test
    void the_operator_acts_for_every_county() {
        CountyScope scope = scope(Map.of("realm_access", Map.of("roles", List.of("platform-operator"))));

        assertThat(scope.mayActFor(CountyCode.of("350825"))).isTrue();
        assertThat(scope.rolesFor(CountyCode.of("350825"))).contains("platform-operator");
    }

    @Test
    void a_village_cadre_has_the_villages_assigned_to_them() {
        CountyScope scope = scope(Map.of("grants", List.of("village-cadre@621222"), "villages", List.of("621222101201")));

        assertThat(scope.mayActFor(CountyCode.of("621222"))).isTrue();
        assertThat(scope.villages()).containsExactly("621222101201");
    }

    private static CountyScope scope(Map<String, Object> claims) {
        return CountyScope.of(PlatformAuthorities.authorities(jwt(claims)));
    }

    private static Jwt jwt(Map<String, Object> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").subject("someone")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60));
        claims.forEach(builder::claim);
        return builder.build();
    }
}
