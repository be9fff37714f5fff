package org.povertyalleviation.logisticsbooking.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.contracts.ApiDocuments;
import org.povertyalleviation.platform.contracts.DocumentedConstraints;
import org.povertyalleviation.logisticsbooking.LogisticsBookingIT;
import tools.jackson.databind.JsonNode;

/** The service's OpenAPI document: what a partner's generated client needs, from the same annotations that validate. */
class ApiDocumentIT extends LogisticsBookingIT {

    @Test
    void the_document_is_complete_enough_to_generate_a_client_from() {
        JsonNode document = ApiDocuments.checkAndKeep(web, "logistics-booking");

        JsonNode request = document.path("components").path("schemas").path("BookingRequest");
        assertThat(request.path("required").toString()).contains("slot", "senderKind", "senderRef", "recipient", "weightKg", "parcels", "carriesKind");
        assertThat(request.path("properties").path("weightKg").path("example").asString()).isNotBlank();

        // What the document says of the bodies is what the service enforces: each constraint broken alone is a 400 naming the field.
        DocumentedConstraints.assertEnforced(document, "post", "/counties/{county}/nodes", body -> post("/counties/621222/nodes", CLERK, body));
        DocumentedConstraints.assertEnforced(document, "post", "/counties/{county}/legs", body -> post("/counties/621222/legs", CLERK, body));
        DocumentedConstraints.assertEnforced(document, "post", "/counties/{county}/slots", body -> post("/counties/621222/slots", CLERK, body));
        DocumentedConstraints.assertEnforced(document, "post", "/counties/{county}/bookings", body -> post("/counties/621222/bookings", CLERK, body));
        DocumentedConstraints.assertEnforced(document, "put", "/counties/{county}/tariffs", body -> put("/counties/621222/tariffs", ADMIN, body));
        DocumentedConstraints.assertEnforced(document, "post", "/counties/{county}/carriers/{id}/vehicles",
                body -> post("/counties/621222/carriers/" + java.util.UUID.randomUUID() + "/vehicles", CLERK, body));
    }
}
