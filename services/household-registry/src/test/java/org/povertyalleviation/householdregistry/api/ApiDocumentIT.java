package org.povertyalleviation.householdregistry.api;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.householdregistry.HouseholdRegistryIT;
import org.povertyalleviation.platform.contracts.ApiDocuments;
import org.povertyalleviation.platform.contracts.DocumentedConstraints;
import tools.jackson.databind.JsonNode;

/** The service's OpenAPI document: what a partner's generated client needs; kept for the contracts module. */
class ApiDocumentIT extends HouseholdRegistryIT {

    private static final String HOUSEHOLDS = "/counties/{county}/households";
    private static final String INCOME = "/counties/{county}/households/{id}/income";

    @Test
    void the_document_is_complete_enough_to_generate_a_client_from() {
        JsonNode document = ApiDocuments.checkAndKeep(web, "household-registry");

        // A GET that can still refuse by a rule says so: the export's bound (ExportLimits).
        for (String export : java.util.List.of("/counties/{county}/exports/households.csv", "/counties/{county}/exports/households.xlsx")) {
            JsonNode responses = document.path("paths").path(export).path("get").path("responses");
            org.assertj.core.api.Assertions.assertThat(responses.path("422").path("content").has("application/problem+json")).as(export).isTrue();
            org.assertj.core.api.Assertions.assertThat(responses.has("200")).as(export).isTrue();
        }
    }

    /**
     * What the document says of the main bodies is what the service enforces: each documented constraint broken alone,
     * by Wen's clerk in Wen, is a 400 naming the field; the examples themselves pass.
     */
    @Test
    void the_documented_constraints_are_the_enforced_ones() {
        JsonNode document = ApiDocuments.checkAndKeep(web, "household-registry");

        DocumentedConstraints.assertEnforced(document, "post", HOUSEHOLDS,
                body -> post("/counties/621222/households", CLERK, body));
        String household = idOf(post("/counties/621222/households", CLERK,
                DocumentedConstraints.example(document, "post", HOUSEHOLDS).toString())
                .expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody());

        DocumentedConstraints.assertEnforced(document, "post", INCOME,
                body -> post("/counties/621222/households/" + household + "/income", CLERK, body));
        // The entry's example passes validation: only the household is unknown.
        post("/counties/621222/households/" + UUID.randomUUID() + "/income", CLERK,
                DocumentedConstraints.example(document, "post", INCOME).toString())
                .expectStatus().isNotFound();

        delete("/counties/621222/households/" + household, CLERK).expectStatus().isNoContent();
    }
}
