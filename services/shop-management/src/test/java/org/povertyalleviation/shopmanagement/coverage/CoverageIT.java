package org.povertyalleviation.shopmanagement.coverage;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.shopmanagement.ShopManagementIT;

/** "One village, one shop": which poor villages of each township have an open shop. */
class CoverageIT extends ShopManagementIT {

    @Test
    void a_poor_village_counts_as_covered_only_with_an_open_shop() {
        // Kang County's township 102: village 102201 gets two open shops, 102202 a planned and a dormant one.
        shop("621224", "621224102201", "C-Open-1", "OPEN");
        shop("621224", "621224102201", "C-Open-2", "OPEN");
        shop("621224", "621224102202", "C-Planned", "PLANNED");
        String dormant = shop("621224", "621224102202", "C-Dormant", "OPEN");
        post("/counties/621224/shops/" + dormant + "/status", "admin-621224", Map.of("status", "DORMANT")).expectStatus().isOk();
        // A shop in the village that is not poor does not change the poor villages' count.
        shop("621224", "621224104201", "C-Not-Poor", "OPEN");

        get("/counties/621224/coverage", "officer-621200").expectStatus().isOk().expectBody()
                .jsonPath("$.poorVillages").isEqualTo(6)
                .jsonPath("$.townships.length()").isEqualTo(3)
                .jsonPath("$.townships[?(@.township=='621224102')].poorVillages").isEqualTo(2)
                .jsonPath("$.townships[?(@.township=='621224102')].coveredPoorVillages").isEqualTo(1)
                .jsonPath("$.townships[?(@.township=='621224102')].covered[0].village").isEqualTo("621224102201")
                .jsonPath("$.townships[?(@.township=='621224102')].covered[0].openShops").isEqualTo(2)
                .jsonPath("$.townships[?(@.township=='621224102')].uncovered[0].village").isEqualTo("621224102202");
        get("/counties/621224/coverage/uncovered", "admin-621224").expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.village=='621224102202')].township").isEqualTo("621224102")
                .jsonPath("$[?(@.village=='621224102201')]").doesNotExist()
                .jsonPath("$[?(@.village=='621224104201')]").doesNotExist();
        get("/counties/621299/coverage", "operator").expectStatus().isNotFound();
        get("/counties/62122/coverage", "operator").expectStatus().isBadRequest();
    }
}
