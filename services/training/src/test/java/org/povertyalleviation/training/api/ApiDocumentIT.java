package org.povertyalleviation.training.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.contracts.ApiDocuments;
import org.povertyalleviation.platform.contracts.DocumentedConstraints;
import org.povertyalleviation.training.TrainingIT;
import tools.jackson.databind.JsonNode;

/** The service's OpenAPI document: what a partner's generated client needs, from the same annotations that validate. */
class ApiDocumentIT extends TrainingIT {

    @Test
    void the_document_is_complete_enough_to_generate_a_client_from() {
        JsonNode document = ApiDocuments.checkAndKeep(web, "training");

        JsonNode request = document.path("components").path("schemas").path("PostNoticeRequest");
        assertThat(request.path("required").toString()).contains("village", "title", "body");
        assertThat(request.path("properties").path("village").path("pattern").asString()).isEqualTo("\\d{12}");
        assertThat(request.path("properties").path("title").path("maxLength").asInt()).isEqualTo(100);
        assertThat(request.path("properties").path("title").path("example").asString()).isNotBlank();

        // What the document says of the body is what the service enforces: each constraint broken alone is a 400 naming the field.
        DocumentedConstraints.assertEnforced(document, "post", "/counties/{county}/notices",
                body -> post("/counties/621222/notices", CLERK, body));
    }
}
