package org.povertyalleviation.shopmanagement.api;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.contracts.ApiDocuments;
import org.povertyalleviation.shopmanagement.ShopManagementIT;

/** The service's OpenAPI document: what a partner's generated client needs; kept for the contracts module. */
class ApiDocumentIT extends ShopManagementIT {

    @Test
    void the_document_is_complete_enough_to_generate_a_client_from() {
        ApiDocuments.checkAndKeep(web, "shop-management");
    }
}
