package org.povertyalleviation.platform.security;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.sample.SampleServiceIT;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

/** Real Keycloak tokens through the realm's mappers, checked by the service. */
class CountyAccessIT extends SampleServiceIT {

    @Autowired
    TenantTransactions tenantTransactions;
    @Autowired
    DatabaseClient database;

    @BeforeEach
    void shipmentsInThreeCounties() {
        for (String county : new String[] {"621222", "621224", "620521"}) {
            tenantTransactions.inCounty(CountyCode.of(county), () -> database
                    .sql("insert into sample_shipment (id, county_code, product) values (:id, :county, 'access-check')")
                    .bind("id", UUID.randomUUID()).bind("county", county).fetch().rowsUpdated()).block();
        }
    }

    @Test
    void a_county_admin_reads_their_county_and_only_its_rows() {
        web.get().uri("/counties/621222/shipments").header("Authorization", bearer(tokenFor("admin-621222"))).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(body -> org.assertj.core.api.Assertions.assertThat(body)
                        .contains("\"county\":\"621222\"").doesNotContain("621224").doesNotContain("620521"));
    }

    @Test
    void a_county_admin_is_refused_another_county_with_a_problem() {
        web.get().uri("/counties/621224/shipments").header("Authorization", bearer(tokenFor("admin-621222"))).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:poverty-platform:problem:forbidden");
    }

    @Test
    void a_city_officer_reads_the_counties_of_their_city_and_no_other() {
        String token = tokenFor("officer-621200");
        web.get().uri("/counties/621224/shipments").header("Authorization", bearer(token)).exchange().expectStatus().isOk();
        web.get().uri("/counties/621222/shipments").header("Authorization", bearer(token)).exchange().expectStatus().isOk();
        web.get().uri("/counties/620521/shipments").header("Authorization", bearer(token)).exchange().expectStatus().isForbidden();
    }

    @Test
    void a_partner_reads_only_the_counties_it_was_granted() {
        String token = keycloak().clientCredentialsGrant("poverty-platform", "partner-taobao", "partner-secret");
        web.get().uri("/counties/621222/shipments").header("Authorization", bearer(token)).exchange().expectStatus().isOk();
        web.get().uri("/counties/621224/shipments").header("Authorization", bearer(token)).exchange().expectStatus().isOk();
        web.get().uri("/counties/621225/shipments").header("Authorization", bearer(token)).exchange().expectStatus().isForbidden();
    }

    @Test
    void a_clerk_of_one_county_who_audits_another_reads_the_other_and_cannot_change_it() {
        // Before roles were scoped to the place they were granted for, the union of groups let this clerk write Kang.
        String token = tokenFor("clerk-621222-auditor-621224");
        web.get().uri("/counties/621224/shipments").header("Authorization", bearer(token)).exchange().expectStatus().isOk();
        String kangShipment = web.get().uri("/counties/621224/shipments").header("Authorization", bearer(token)).exchange()
                .expectBody(String.class).returnResult().getResponseBody().replaceAll("(?s).*?\"id\":\"([^\"]+)\".*", "$1");
        web.put().uri("/counties/621224/shipments/" + kangShipment).header("Authorization", bearer(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"product\":\"changed\"}").exchange().expectStatus().isForbidden();
        web.delete().uri("/counties/621224/shipments/" + kangShipment).header("Authorization", bearer(token)).exchange()
                .expectStatus().isForbidden();
        web.get().uri("/counties/620521/shipments").header("Authorization", bearer(token)).exchange().expectStatus().isForbidden();
    }

    @Test
    void the_platform_operator_reads_any_county() {
        web.get().uri("/counties/620521/shipments").header("Authorization", bearer(tokenFor("operator"))).exchange().expectStatus().isOk();
    }

    @Test
    void no_token_is_a_401_problem_and_a_forged_token_too() {
        web.get().uri("/counties/621222/shipments").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:poverty-platform:problem:unauthenticated");
        String token = tokenFor("admin-621222");
        String tampered = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);
        web.get().uri("/counties/621222/shipments").header("Authorization", bearer(tampered)).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void a_token_not_issued_for_the_platform_is_refused() {
        // admin-cli exists in every realm and has no audience mapper: a valid signature, the wrong audience.
        String token = keycloak().passwordGrant("poverty-platform", "admin-cli", "admin-621222", PASSWORD);
        web.get().uri("/counties/621222/shipments").header("Authorization", bearer(token)).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void an_auditor_reads_but_cannot_change_their_county() {
        String token = tokenFor("auditor-621222");
        String shipment = web.get().uri("/counties/621222/shipments").header("Authorization", bearer(token)).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        String id = shipment.replaceAll("(?s).*?\\{\"id\":\"([^\"]+)\".*", "$1");
        web.put().uri("/counties/621222/shipments/" + id).header("Authorization", bearer(token))
                .header("Content-Type", "application/json").bodyValue("{\"product\":\"changed by an auditor\"}")
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void a_malformed_county_code_is_a_400_naming_the_field() {
        web.get().uri("/counties/62122x/shipments").header("Authorization", bearer(tokenFor("admin-621222"))).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$['invalid-params'][0].name").isEqualTo("county");
    }

    @Test
    void health_and_metrics_need_no_token() {
        web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        web.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }
}
