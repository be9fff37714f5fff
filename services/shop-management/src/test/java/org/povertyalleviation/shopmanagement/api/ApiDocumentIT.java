package org.povertyalleviation.shopmanagement.api;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.contracts.ApiDocuments;
import org.povertyalleviation.platform.contracts.DocumentedConstraints;
import org.povertyalleviation.shopmanagement.ShopManagementIT;
import tools.jackson.databind.JsonNode;

/** The service's OpenAPI document: what a partner's generated client needs; kept for the contracts module. */
class ApiDocumentIT extends ShopManagementIT {

    private static final String SHOPS = "/counties/{county}/shops";
    private static final String SALES = "/counties/{county}/shops/{id}/sales-reports";
    private static final String SUBSIDIES = "/counties/{county}/subsidies";

    @Test
    void the_document_is_complete_enough_to_generate_a_client_from() {
        ApiDocuments.checkAndKeep(web, "shop-management");
    }

    /**
     * What the document says of each controller's main body is what the service enforces: each documented constraint
     * broken alone, by an authorised caller of Wen in Wen, is a 400 naming the field; the examples themselves pass.
     */
    @Test
    void the_documented_constraints_are_the_enforced_ones() {
        JsonNode document = ApiDocuments.checkAndKeep(web, "shop-management");

        DocumentedConstraints.assertEnforced(document, "post", SHOPS, body -> post("/counties/621222/shops", ADMIN, body));
        String shop = idOf(post("/counties/621222/shops", ADMIN, DocumentedConstraints.example(document, "post", SHOPS).toString())
                .expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody());

        DocumentedConstraints.assertEnforced(document, "post", SALES,
                body -> post("/counties/621222/shops/" + shop + "/sales-reports", "partner-wen", body));
        // The examples of a sales report and of a subsidy application pass validation: only their shop is unknown.
        post("/counties/621222/shops/" + UUID.randomUUID() + "/sales-reports", "partner-wen",
                DocumentedConstraints.example(document, "post", SALES).toString()).expectStatus().isNotFound();

        DocumentedConstraints.assertEnforced(document, "post", SUBSIDIES, body -> post("/counties/621222/subsidies", CLERK, body));
        post("/counties/621222/subsidies", CLERK, DocumentedConstraints.example(document, "post", SUBSIDIES).toString())
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.rule").isEqualTo("unknown-shop");

        delete("/counties/621222/shops/" + shop, ADMIN).expectStatus().isNoContent();
    }
}
