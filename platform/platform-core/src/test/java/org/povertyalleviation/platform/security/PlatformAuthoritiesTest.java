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
    void realm_roles_and_scope_claims_become_authorities() {
        Jwt jwt = jwt(Map.of("realm_access", Map.of("roles", List.of("county-admin", "offline_access")),
                "counties", List.of("621222"), "cities", List.of("621200"), "provinces", List.of("620000")));

        assertThat(PlatformAuthorities.authorities(jwt)).extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_county-admin", "ROLE_offline_access", "COUNTY_621222", "CITY_621200", "PROVINCE_620000");
    }

    @Test
    void malformed_or_misplaced_codes_are_dropped() {
        Jwt jwt = jwt(Map.of("counties", List.of("621200", "62122", "abcdef", "621224"), "cities", List.of("621222")));

        assertThat(PlatformAuthorities.authorities(jwt)).extracting(GrantedAuthority::getAuthority).containsExactly("COUNTY_621224");
    }

    @Test
    void a_county_principal_acts_for_its_counties_only() {
        CountyScope scope = CountyScope.of(PlatformAuthorities.authorities(jwt(Map.of(
                "realm_access", Map.of("roles", List.of("county-clerk")), "counties", List.of("621222")))));

        assertThat(scope.mayActFor(CountyCode.of("621222"))).isTrue();
        assertThat(scope.mayRead(CountyCode.of("621224"))).isFalse();
    }

    @Test
    void an_auditor_in_a_countys_group_reads_it_and_changes_nothing() {
        CountyScope scope = CountyScope.of(PlatformAuthorities.authorities(jwt(Map.of(
                "realm_access", Map.of("roles", List.of("auditor")), "counties", List.of("621222")))));

        assertThat(scope.mayRead(CountyCode.of("621222"))).isTrue();
        assertThat(scope.mayActFor(CountyCode.of("621222"))).isFalse();
    }

    @Test
    void a_city_officer_reads_the_citys_counties_and_acts_for_none() {
        CountyScope scope = CountyScope.of(PlatformAuthorities.authorities(jwt(Map.of("cities", List.of("621200")))));

        assertThat(scope.mayRead(CountyCode.of("621228"))).isTrue();
        assertThat(scope.mayRead(CountyCode.of("620521"))).isFalse();
        assertThat(scope.mayActFor(CountyCode.of("621228"))).isFalse();
    }

    @Test
    void a_province_officer_reads_every_county_of_the_province() {
        CountyScope scope = CountyScope.of(PlatformAuthorities.authorities(jwt(Map.of("provinces", List.of("620000")))));

        assertThat(scope.mayRead(CountyCode.of("620521"))).isTrue();
        assertThat(scope.mayRead(CountyCode.of("350825"))).isFalse();
    }

    @Test
    void the_operator_acts_for_every_county() {
        CountyScope scope = CountyScope.of(PlatformAuthorities.authorities(
                jwt(Map.of("realm_access", Map.of("roles", List.of("platform-operator"))))));

        assertThat(scope.mayActFor(CountyCode.of("350825"))).isTrue();
    }

    private static Jwt jwt(Map<String, Object> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").subject("someone")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60));
        claims.forEach(builder::claim);
        return builder.build();
    }
}
