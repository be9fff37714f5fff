package org.povertyalleviation.countyregistry.api;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.countyregistry.CountyRegistryIT;
import org.povertyalleviation.platform.contracts.ApiDocuments;
import org.povertyalleviation.platform.contracts.DocumentedConstraints;
import tools.jackson.databind.JsonNode;

/** The service's OpenAPI 3.1 document, which the gateway's Swagger UI lists, and how it reads behind the gateway. */
class OpenApiDocumentIT extends CountyRegistryIT {

    private static final String ONBOARDING = "/counties/{county}";

    @Test
    void the_document_is_openapi_3_1_open_to_read_and_describes_the_county_endpoints() {
        web.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.openapi").value(version -> org.assertj.core.api.Assertions.assertThat((String) version).startsWith("3.1"))
                .jsonPath("$.paths['/counties/{county}/villages']").exists()
                .jsonPath("$.paths['/counties/{county}']").exists();
    }

    /** Security schemes and problem answers a generated client needs; kept for the contracts module. */
    @Test
    void the_document_is_complete_enough_to_generate_a_client_from() {
        ApiDocuments.checkAndKeep(web, "county-registry");
    }

    /**
     * What the document says of the onboarding body is what the service enforces: each documented constraint broken alone,
     * by the operator, is a 400 naming the field (and nothing is written); the example onboards a county, moved to 350822
     * (Wen, 621222, is VillageAccessIT's).
     */
    @Test
    void the_documented_constraints_are_the_enforced_ones() {
        JsonNode document = ApiDocuments.checkAndKeep(web, "county-registry");

        DocumentedConstraints.assertEnforced(document, "put", ONBOARDING, body -> put("/counties/621222", OPERATOR, body));
        put("/counties/350822", OPERATOR, DocumentedConstraints.example(document, "put", ONBOARDING).toString().replace("621222", "350822"))
                .expectStatus().isCreated().expectBody().jsonPath("$.newVillages").isEqualTo(3);
    }

    @Test
    void behind_the_gateway_the_server_url_and_problem_instances_carry_the_gateways_prefix() {
        web.get().uri("/v3/api-docs")
                .header("X-Forwarded-Prefix", "/api/county-registry")
                .header("X-Forwarded-Host", "gateway.example.org")
                .header("X-Forwarded-Proto", "https")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.servers[0].url").isEqualTo("https://gateway.example.org/api/county-registry");
        web.get().uri("/counties/621222/villages/nonsense")
                .header("Authorization", "Bearer " + tokenFor("admin-621222"))
                .header("X-Forwarded-Prefix", "/api/county-registry")
                .exchange()
                .expectBody().jsonPath("$.instance").isEqualTo("/api/county-registry/counties/621222/villages/nonsense");
    }
}
