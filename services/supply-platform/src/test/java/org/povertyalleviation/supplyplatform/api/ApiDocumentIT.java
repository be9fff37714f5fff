package org.povertyalleviation.supplyplatform.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.contracts.ApiDocuments;
import org.povertyalleviation.platform.contracts.DocumentedConstraints;
import org.povertyalleviation.supplyplatform.SupplyPlatformIT;
import tools.jackson.databind.JsonNode;

/** The service's OpenAPI document: what a partner's generated client needs, from the same annotations that validate. */
class ApiDocumentIT extends SupplyPlatformIT {

    @Test
    void the_document_is_complete_enough_to_generate_a_client_from() {
        JsonNode document = ApiDocuments.checkAndKeep(web, "supply-platform");

        JsonNode organisation = document.path("components").path("schemas").path("RegisterOrganisationRequest");
        assertThat(organisation.path("required").toString()).contains("kind", "name", "legalId", "contactName");
        assertThat(organisation.path("properties").path("legalId").path("pattern").asString()).isEqualTo("[0-9A-HJ-NP-RTUWXY]{18}");
        JsonNode delivery = document.path("components").path("schemas").path("DeliveryRequest");
        assertThat(delivery.path("properties").path("quantity").path("example").asString()).isNotBlank();

        // What the document says of a body is what the service enforces: each constraint broken alone is a 400 naming the field.
        DocumentedConstraints.assertEnforced(document, "post", "/counties/{county}/organisations",
                body -> post("/counties/621222/organisations", CLERK, body));
        DocumentedConstraints.assertEnforced(document, "post", "/counties/{county}/purchase-orders/{id}/deliveries",
                body -> post("/counties/621222/purchase-orders/" + UUID.randomUUID() + "/deliveries", CLERK, body));
        DocumentedConstraints.assertEnforced(document, "post", "/counties/{county}/workshops/{id}/wages",
                body -> post("/counties/621222/workshops/" + UUID.randomUUID() + "/wages", CLERK, body));
        DocumentedConstraints.assertEnforced(document, "post", "/counties/{county}/organisations/{id}/dividends",
                body -> post("/counties/621222/organisations/" + UUID.randomUUID() + "/dividends", ADMIN, body));
    }
}
