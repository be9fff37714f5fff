package org.povertyalleviation.crowdfunding.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.crowdfunding.CrowdfundingIT;
import org.povertyalleviation.platform.contracts.ApiDocuments;
import tools.jackson.databind.JsonNode;

/** The service's OpenAPI document: what a partner's generated client needs. */
class ApiDocumentIT extends CrowdfundingIT {

    @Test
    void the_document_is_complete_enough_to_generate_a_client_from() {
        JsonNode document = ApiDocuments.checkAndKeep(web, "crowdfunding");

        JsonNode project = document.path("components").path("schemas").path("ProjectRequest");
        assertThat(project.path("required").toString()).contains("ownerKind", "village", "title", "goalFen", "deadline", "tiers");
        JsonNode pledge = document.path("components").path("schemas").path("PledgeRequest");
        assertThat(pledge.path("required").toString()).contains("pledgeKey", "tier", "backerRef", "quantity", "amountFen", "paymentPartner", "paymentRef");
        assertThat(pledge.path("properties").path("backerRef").path("example").asString()).isNotBlank();
        JsonNode callback = document.path("components").path("schemas").path("PaymentCallbackRequest");
        assertThat(callback.path("required").toString()).contains("callbackId", "kind", "status", "amountFen", "occurredAt");
    }
}
