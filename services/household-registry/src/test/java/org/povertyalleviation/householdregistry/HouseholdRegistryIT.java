package org.povertyalleviation.householdregistry;

import java.util.Map;

import org.povertyalleviation.platform.service.ServiceIT;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The household registry on the platform's test base (ServiceIT): real PostgreSQL, Kafka and Keycloak, Wen and Kang
 * joined through the county registry's events. Each test class registers its own file numbers (a prefix per class),
 * so classes run in any order.
 */
public abstract class HouseholdRegistryIT extends ServiceIT {

    /** Test keys (Base64 of 32 bytes); production keys come from a Kubernetes Secret. */
    public static final String TEST_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    public static final String OLD_KEY = "b2xkLWtleS1yb3RhdGVkLWF3YXktaW4tdGVzdHMtMzI=";
    public static final String TEST_LOOKUP_KEY = "bG9va3VwLWtleS1mb3ItdGVzdHMtb25seS0zMi1ieXRlcyE=";

    @DynamicPropertySource
    static void personalDataKeys(DynamicPropertyRegistry registry) {
        registry.add("household-registry.personal-data.active-key-secret", () -> TEST_KEY);
        registry.add("household-registry.personal-data.active-key", () -> "k1");
        registry.add("household-registry.personal-data.lookup-key", () -> TEST_LOOKUP_KEY);
        // An earlier key, still readable: PersonalDataIT seals rows with it and rotates them to k1.
        registry.add("household-registry.personal-data.keys.k0", () -> OLD_KEY);
        // The sweep runs when a test asks for it, not on a schedule.
        registry.add("household-registry.early-warning.sweep-cron", () -> "-");
        // Exports read 50 households a page, so that every export test reads several pages.
        registry.add("household-registry.exports.page-households", () -> "50");
    }

    /** Registers a household as the county's clerk (Wen) or admin (others); its id. */
    protected String register(String county, Map<String, Object> request) {
        return register(county, request, county.equals("621222") ? CLERK : "admin-" + county);
    }

    protected String register(String county, Map<String, Object> request, String user) {
        return idOf(post("/counties/" + county + "/households", user, request).expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody());
    }
}
