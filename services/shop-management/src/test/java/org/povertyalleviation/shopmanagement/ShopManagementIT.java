package org.povertyalleviation.shopmanagement;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntSupplier;

import org.povertyalleviation.platform.contracts.TopicWriter;
import org.povertyalleviation.platform.domain.ChinaTime;
import org.povertyalleviation.platform.infra.Eventually;
import org.povertyalleviation.platform.service.ServiceIT;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Shop management on the platform's test base (ServiceIT): real PostgreSQL, Kafka and Keycloak, Wen and Kang joined
 * through the county registry's events. Households get registered the way they do in production: the test publishes
 * the household registry's events to Kafka and waits until the service's copy has them.
 */
public abstract class ShopManagementIT extends ServiceIT {

    @DynamicPropertySource
    static void shopSettings(DynamicPropertyRegistry registry) {
        // The check runs when a test asks for it, not on a schedule.
        registry.add("shop-management.dormancy.check-cron", () -> "-");
        // partner-wen sells through Taobao and Pinduoduo, partner-jd through JD, the access matrix's partners through Taobao.
        registry.add("shop-management.sales.partner-platforms.partner-wen", () -> "TAOBAO,PINDUODUO");
        registry.add("shop-management.sales.partner-platforms.partner-jd", () -> "JD");
        registry.add("shop-management.sales.partner-platforms.partner-qinzhou", () -> "TAOBAO");
        // Kang County pays its own amount (yuan); Wen County the default.
        registry.add("shop-management.subsidies.amounts.621224", () -> "12000");
    }

    /** A village that is not poor besides the six poor ones: the coverage leaves it out. */
    @Override
    protected void joined(String county) {
        TopicWriter.villageRegistered(county, county + "104201", false);
        awaitVillagesInCopy(county, villages(county).size() + 1);
    }

    /** Months relative to now (China time), so that reports stay within what a shop registered today may report. */
    protected static String monthsAgo(int months) {
        return java.time.YearMonth.now(ChinaTime.ZONE).minusMonths(months).toString();
    }

    /**
     * Publishes the registry's household.registered.v1 and waits until this service knows the household.
     *
     * @return the household's id
     */
    protected String knownHousehold(String county, String fileNumber, String village) {
        String id = UUID.randomUUID().toString();
        publish("household.events", county, id, "household.registered.v1", "{\"county\":\"" + county + "\",\"household\":\""
                + id + "\",\"fileNumber\":\"" + fileNumber + "\",\"village\":\"" + village + "\",\"registrationYear\":2016,\"status\":\"REGISTERED\","
                + "\"members\":3,\"causes\":[\"LACK_OF_FUNDS\"],\"primaryCause\":\"LACK_OF_FUNDS\"}");
        awaitStatus("household " + fileNumber, () -> get("/counties/" + county + "/households/" + id + "/shops", OPERATOR)
                .returnResult(String.class).getStatus().value());
        return id;
    }

    protected static void awaitStatus(String what, IntSupplier status) {
        Eventually.await(what + " reaching shop management", Duration.ofSeconds(60), status::getAsInt, answer -> answer == 200);
    }

    /** A shop of the county, registered by its admin with the given status; its id. */
    protected String shop(String county, String village, String name, String status) {
        return shop(county, Map.of("village", village, "name", name, "platform", "TAOBAO", "ownerCategory", "COOPERATIVE",
                "productCategories", List.of("花椒", "核桃"), "status", status));
    }

    protected String shop(String county, Map<String, Object> request) {
        return idOf(post("/counties/" + county + "/shops", "admin-" + county, request).expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody());
    }

    protected void link(String county, String shop, String household, String role, Map<String, Object> rule) {
        Map<String, Object> link = new java.util.HashMap<>(rule);
        link.put("role", role);
        put("/counties/" + county + "/shops/" + shop + "/households/" + household, "admin-" + county, link).expectStatus().isOk();
    }
}
