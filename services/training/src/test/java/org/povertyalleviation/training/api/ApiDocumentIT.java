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

        JsonNode request = document.path("components").path("schemas").path("CheckInRequest");
        assertThat(request.path("required").toString()).contains("enrolment");
        assertThat(request.path("properties").path("code").path("example").asString()).isNotBlank();

        // What the document says of the bodies is what the service enforces: each constraint broken alone is a 400 naming the field.
        DocumentedConstraints.assertEnforced(document, "post", "/counties/{county}/courses", body -> post("/counties/621222/courses", CLERK, body));
        DocumentedConstraints.assertEnforced(document, "post", "/counties/{county}/sessions", body -> post("/counties/621222/sessions", CLERK, body));
        DocumentedConstraints.assertEnforced(document, "post", "/counties/{county}/sessions/{id}/enrolments",
                body -> post("/counties/621222/sessions/" + java.util.UUID.randomUUID() + "/enrolments", CLERK, body));
        DocumentedConstraints.assertEnforced(document, "post", "/counties/{county}/sittings/{id}/attendance-marks",
                body -> post("/counties/621222/sittings/" + java.util.UUID.randomUUID() + "/attendance-marks", CLERK, body));
    }
}
