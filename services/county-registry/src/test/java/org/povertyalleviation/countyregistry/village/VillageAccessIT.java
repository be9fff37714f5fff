package org.povertyalleviation.countyregistry.village;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.povertyalleviation.countyregistry.CountyRegistryIT;
import org.povertyalleviation.platform.infra.PlatformRealm;
import org.povertyalleviation.platform.infra.PostgresServer;
import org.povertyalleviation.platform.infra.SharedInfrastructure;
import org.povertyalleviation.platform.isolation.CountyIsolation;

/** Who sees which county's villages, with real Keycloak tokens. */
class VillageAccessIT extends CountyRegistryIT {

    @BeforeEach
    void threeCounties() {
        onboard("621222", "文县", "wen-admin").expectStatus().is2xxSuccessful();
        onboard("621224", "康县", "kang-admin").expectStatus().is2xxSuccessful();
        onboard("350825", "连城县", "liancheng-admin").expectStatus().is2xxSuccessful();
        web.delete().uri("/counties/621222/suspension").header("Authorization", "Bearer " + tokenFor("operator")).exchange()
                .expectStatus().isOk();
    }

    @Test
    void a_county_admin_lists_only_their_countys_villages() {
        List<String> codes = villageCodes("621222", tokenFor("admin-621222"));

        assertThat(codes).hasSize(3).allMatch(code -> code.startsWith("621222"));
        web.get().uri("/counties/621224/villages").header("Authorization", "Bearer " + tokenFor("admin-621222")).exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void the_longnan_city_officer_sees_all_nine_longnan_counties_and_no_other() {
        List<String> longnan = List.of("621202", "621221", "621222", "621223", "621224", "621225", "621226", "621227", "621228");
        longnan.forEach(county -> onboard(county, "陇南" + county, "admin-" + county).expectStatus().is2xxSuccessful());
        String officer = tokenFor("officer-621200");

        for (String county : longnan) {
            assertThat(villageCodes(county, officer)).as("villages of %s", county).hasSize(3).allMatch(code -> code.startsWith(county));
        }
        web.get().uri("/counties/350825/villages").header("Authorization", "Bearer " + officer).exchange().expectStatus().isForbidden();
        String counties = web.get().uri("/counties").header("Authorization", "Bearer " + officer).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        List<String> listed = java.util.regex.Pattern.compile("\"code\":\"(\\d{6})\"").matcher(counties).results()
                .map(m -> m.group(1)).toList();
        assertThat(listed).containsExactlyElementsOf(longnan);
    }

    @Test
    void a_partner_sees_only_the_counties_it_was_granted() {
        String partner = keycloak().clientCredentialsGrant(PlatformRealm.NAME, "partner-jd", "partner-secret");

        assertThat(villageCodes("621224", partner)).hasSize(3);
        web.get().uri("/counties/621222/villages").header("Authorization", "Bearer " + partner).exchange().expectStatus().isForbidden();
    }

    @Test
    void a_suspended_countys_admin_is_refused_and_the_data_stays() {
        String operator = tokenFor("operator");
        web.put().uri("/counties/621222/suspension").header("Authorization", "Bearer " + operator).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("SUSPENDED");
        try {
            web.get().uri("/counties/621222/villages").header("Authorization", "Bearer " + tokenFor("admin-621222")).exchange()
                    .expectStatus().isForbidden()
                    .expectBody().jsonPath("$.type").isEqualTo("urn:poverty-platform:problem:forbidden");
            assertThat(villageCodes("621222", operator)).hasSize(3);
        } finally {
            web.delete().uri("/counties/621222/suspension").header("Authorization", "Bearer " + operator).exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("JOINED");
        }
        assertThat(villageCodes("621222", tokenFor("admin-621222"))).hasSize(3);
    }

    @Test
    void only_an_operator_suspends() {
        web.put().uri("/counties/621222/suspension").header("Authorization", "Bearer " + tokenFor("admin-621222")).exchange()
                .expectStatus().isForbidden();
        web.put().uri("/counties/621223/suspension").header("Authorization", "Bearer " + tokenFor("operator")).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void county_a_never_reaches_county_bs_villages() {
        CountyIsolation.of("http://127.0.0.1:" + port)
                .actingAs("621222", tokenFor("admin-621222"))
                .foreignRecord("621224", "621224101201", tokenFor("admin-621224"))
                .endpoint("GET", "/counties/{county}/villages/{id}")
                .endpoint("GET", "/counties/{county}")
                .listing("/counties/{county}/villages")
                .listing("/counties/{county}/townships")
                .assertIsolated();
    }

    @Test
    void raw_sql_as_the_service_role_sees_no_townships_or_villages_without_a_county() throws Exception {
        PostgresServer.Database db = serviceDatabase();
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.appUsername(), db.appPassword())) {
            CountyIsolation.assertEveryTenantTableIsolated(connection);
        }
    }

    private List<String> villageCodes(String county, String token) {
        String body = web.get().uri("/counties/" + county + "/villages").header("Authorization", "Bearer " + token).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        return java.util.regex.Pattern.compile("\"code\":\"(\\d{12})\"").matcher(body).results().map(m -> m.group(1)).toList();
    }
}
