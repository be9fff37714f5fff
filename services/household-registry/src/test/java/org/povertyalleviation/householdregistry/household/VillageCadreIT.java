package org.povertyalleviation.householdregistry.household;

import static org.assertj.core.api.Assertions.assertThat;
import static org.povertyalleviation.householdregistry.household.HouseholdMother.registration;
import static org.povertyalleviation.householdregistry.household.HouseholdMother.residentId;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.householdregistry.HouseholdRegistryIT;

/**
 * A village cadre keeps the households of the villages assigned to them, and no others of the county: before, the
 * cadre's role held for the whole county. cadre-621222-101201 is assigned 621222101201 only.
 */
class VillageCadreIT extends HouseholdRegistryIT {

    static final String ONE_VILLAGE_CADRE = "cadre-621222-101201";
    static final String THEIRS = "621222101201";
    static final String OTHER = "621222102201";

    @Test
    void a_cadre_reads_and_keeps_the_households_of_their_village_only() {
        String theirs = register("621222", inVillage(registration("621222", "VC-1", residentId("621222")), THEIRS));
        String other = register("621222", inVillage(registration("621222", "VC-2", residentId("621222")), OTHER));

        get("/counties/621222/households/" + theirs, ONE_VILLAGE_CADRE).expectStatus().isOk();
        get("/counties/621222/households/" + other, ONE_VILLAGE_CADRE).expectStatus().isForbidden()
                .expectBody().jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains(OTHER));
        get("/counties/621222/households?village=" + THEIRS, ONE_VILLAGE_CADRE).expectStatus().isOk();
        get("/counties/621222/households?village=" + OTHER, ONE_VILLAGE_CADRE).expectStatus().isForbidden();
        // Without a village, the cadre's list is their villages' households, and no other.
        get("/counties/621222/households?limit=500", ONE_VILLAGE_CADRE).expectStatus().isOk().expectBody(String.class)
                .value(list -> assertThat(list).contains(theirs).doesNotContain(other).doesNotContain(OTHER));
        get("/counties/621222/households/" + other + "/income", ONE_VILLAGE_CADRE).expectStatus().isForbidden();
        get("/counties/621222/villages/" + OTHER + "/income/summary", ONE_VILLAGE_CADRE).expectStatus().isForbidden();
        get("/counties/621222/villages/" + THEIRS + "/income/summary", ONE_VILLAGE_CADRE).expectStatus().isOk();

        post("/counties/621222/households", ONE_VILLAGE_CADRE, inVillage(registration("621222", "VC-3", residentId("621222")), OTHER))
                .expectStatus().isForbidden();
        post("/counties/621222/households", ONE_VILLAGE_CADRE, inVillage(registration("621222", "VC-4", residentId("621222")), THEIRS))
                .expectStatus().isCreated();
        post("/counties/621222/households/" + other + "/members", ONE_VILLAGE_CADRE, HouseholdMother.member("李四", "SPOUSE", residentId("621222")))
                .expectStatus().isForbidden();
        post("/counties/621222/households/" + other + "/income", ONE_VILLAGE_CADRE,
                Map.of("month", "2025-01", "source", "OTHER", "amountFen", 10000)).expectStatus().isForbidden();
        post("/counties/621222/households/" + theirs + "/income", ONE_VILLAGE_CADRE,
                Map.of("month", "2025-01", "source", "OTHER", "amountFen", 10000)).expectStatus().isCreated();

        // Moving a household of their village into another is moving it out of their reach: refused too.
        put("/counties/621222/households/" + theirs, ONE_VILLAGE_CADRE, inVillage(registration("621222", "VC-1", residentId("621222")), OTHER))
                .expectStatus().isForbidden();
        get("/counties/621222/households/" + theirs, CLERK).expectStatus().isOk().expectBody().jsonPath("$.village").isEqualTo(THEIRS);
        get("/counties/621222/households/" + other, CLERK).expectBody().jsonPath("$.members.length()").isEqualTo(1);
    }

    @Test
    void a_cadre_of_every_village_and_the_county_staff_are_not_limited() {
        String other = register("621222", inVillage(registration("621222", "VC-5", residentId("621222")), OTHER));
        get("/counties/621222/households/" + other, CADRE).expectStatus().isOk();
        get("/counties/621222/households", CLERK).expectStatus().isOk();
        get("/counties/621222/households", AUDITOR).expectStatus().isOk();
    }

    private static Map<String, Object> inVillage(Map<String, Object> registration, String village) {
        registration.put("village", village);
        return registration;
    }
}
