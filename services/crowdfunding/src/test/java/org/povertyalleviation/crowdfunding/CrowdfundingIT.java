package org.povertyalleviation.crowdfunding;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.povertyalleviation.platform.fakes.PaymentPartnerSimulator;
import org.povertyalleviation.platform.service.ServiceIT;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service on the platform's test base (ServiceIT), with a payment partner ({@code partner-pay}, the simulator
 * taking refunds) and helpers that take a project through the API. Settlement and refund sweeps run every second and
 * a project settles two seconds after its deadline, so tests can watch them.
 */
public abstract class CrowdfundingIT extends ServiceIT {

    protected static final JsonMapper JSON = JsonMapper.builder().build();
    protected static final String PAY = "partner-pay";
    protected static final String PAY_SECRET = "pay-secret-for-tests-0123456789abcdef";
    /** A second payment partner, configured here, granted Kang: it may not touch partner-pay's payments. */
    protected static final String JD_SECRET = "jd-secret-for-tests-0123456789abcdef";
    protected static final PaymentPartnerSimulator PARTNER = new PaymentPartnerSimulator(PAY_SECRET);
    protected static final PaymentPartnerSimulator JD_PARTNER = new PaymentPartnerSimulator(JD_SECRET);
    protected static final String DEPUTY = "deputy-621222";
    /** The supply platform's public trace and the logistics service's bookings, faked over HTTP. */
    protected static final SupplyAndLogisticsFakes FAKES = new SupplyAndLogisticsFakes();
    protected static final String TRACE_PAGES = "https://trace.example.org/api/supply-platform/trace";

    @DynamicPropertySource
    static void crowdfunding(DynamicPropertyRegistry registry) {
        registry.add("crowdfunding.payment-partners.partner-pay.secret", () -> PAY_SECRET);
        registry.add("crowdfunding.payment-partners.partner-pay.refund-uri", () -> PARTNER.refundUri().toString());
        registry.add("crowdfunding.payment-partners.partner-jd.secret", () -> JD_SECRET);
        registry.add("crowdfunding.payment-partners.partner-jd.refund-uri", () -> JD_PARTNER.refundUri().toString());
        registry.add("crowdfunding.settlement.payment-grace", () -> "PT2S");
        registry.add("crowdfunding.settlement.every", () -> "PT1S");
        registry.add("crowdfunding.settlement.first", () -> "PT1S");
        registry.add("crowdfunding.refunds.every", () -> "PT1S");
        registry.add("crowdfunding.refunds.first", () -> "PT1S");
        registry.add("crowdfunding.supply-uri", () -> FAKES.supplyUri().toString());
        registry.add("crowdfunding.logistics-uri", () -> FAKES.logisticsUri().toString());
        registry.add("crowdfunding.trace-page-base", () -> TRACE_PAGES);
    }

    /** A tier for a project body. */
    protected static Map<String, Object> tier(String name, long priceFen, int limit) {
        return new HashMap<>(Map.of("name", name, "product", "大红袍花椒", "quantity", "2.5 kg", "weightGrams", 2600, "priceFen", priceFen, "limit", limit));
    }

    /** A household's project body: pledges open now and close {@code deadline} from now. */
    protected static Map<String, Object> householdProject(UUID household, String village, long goalFen, Instant deadline, List<Map<String, Object>> tiers) {
        Map<String, Object> body = new HashMap<>(Map.of("ownerKind", "HOUSEHOLD", "household", household, "village", village,
                "title", "石峡村的大红袍花椒", "story", "我家种了三亩花椒，今年长势很好。", "goalFen", goalFen,
                "startsAt", Instant.now().minus(1, ChronoUnit.MINUTES).toString(), "deadline", deadline.toString(),
                "deliveryFrom", LocalDate.ofInstant(deadline, ZoneId.of("Asia/Shanghai")).plusDays(1).toString(),
                "deliveryTo", LocalDate.ofInstant(deadline, ZoneId.of("Asia/Shanghai")).plusDays(30).toString()));
        body.put("tiers", new ArrayList<>(tiers));
        body.put("photos", List.of("projects/shixia-1.jpg"));
        return body;
    }

    /** Drafts, submits, has a clerk review and another admin approve: a published project. */
    protected UUID publish(String county, Map<String, Object> body) {
        String admin = "admin-" + county;
        String clerk = "clerk-" + county;
        UUID project = UUID.fromString(idOf(post("/counties/" + county + "/projects", clerk, body).expectStatus().isCreated().expectBody(String.class)
                .returnResult().getResponseBody()));
        post("/counties/" + county + "/projects/" + project + "/submission", clerk, Map.of()).expectStatus().isOk();
        post("/counties/" + county + "/projects/" + project + "/review", clerk, Map.of("approve", true)).expectStatus().isOk();
        post("/counties/" + county + "/projects/" + project + "/approval", admin, Map.of("approve", true)).expectStatus().isOk();
        return project;
    }

    protected JsonNode project(String county, UUID project) {
        return json(get("/counties/" + county + "/projects/" + project, "admin-" + county).expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody());
    }

    protected UUID tierOf(String county, UUID project, int position) {
        return UUID.fromString(project(county, project).path("tiers").get(position).path("id").asString());
    }

    /** A pledge body as a partner posts it. */
    protected static Map<String, Object> pledge(String key, UUID tier, int quantity, long amountFen, String paymentRef) {
        return new HashMap<>(Map.of("pledgeKey", key, "tier", tier, "backerRef", "backer-" + key, "quantity", quantity, "amountFen", amountFen,
                "paymentPartner", PAY, "paymentRef", paymentRef));
    }

    /** A payment partner's callback, signed with its secret, as the partner's client. */
    protected WebTestClient.ResponseSpec callback(String county, String partner, String secret, Map<String, Object> body) {
        byte[] bytes = JSON.writeValueAsBytes(body);
        return web.post().uri("/counties/" + county + "/payment-callbacks").header("Authorization", "Bearer " + tokenFor(partner))
                .header(PaymentPartnerSimulator.SIGNATURE_HEADER, PaymentPartnerSimulator.sign(secret, bytes))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(bytes).exchange();
    }

    protected WebTestClient.ResponseSpec paid(String county, String paymentRef, long amountFen) {
        return callback(county, PAY, PAY_SECRET, payment("cb-" + UUID.randomUUID(), paymentRef, "PAID", amountFen, Instant.now()));
    }

    protected static Map<String, Object> payment(String callbackId, String paymentRef, String status, long amountFen, Instant occurredAt) {
        return new HashMap<>(Map.of("callbackId", callbackId, "kind", "PAYMENT", "paymentRef", paymentRef, "status", status, "amountFen", amountFen,
                "occurredAt", occurredAt.toString()));
    }

    protected static JsonNode json(String body) {
        return JSON.readTree(body == null ? "null" : body);
    }

    /** The project once its status is the one awaited (the settlement sweep runs every second). */
    protected JsonNode awaitStatus(String county, UUID project, String status) {
        return org.povertyalleviation.platform.infra.Eventually.await("project " + project + " " + status, java.time.Duration.ofSeconds(60),
                () -> project(county, project), found -> status.equals(found.path("status").asString()));
    }

    /** Ties every tier of a funded project to a published lot of the county and books every paid reward (the fakes'). */
    protected void dispatchAll(String county, UUID project) {
        JsonNode tiers = project(county, project).path("tiers");
        for (JsonNode tier : tiers) {
            String lot = ("L" + UUID.randomUUID().toString().replace("-", "")).substring(0, 10).toUpperCase();
            FAKES.publishedLot(lot, tier.path("product").asString(), county);
            put("/counties/" + county + "/tiers/" + tier.path("id").asString() + "/lot", "clerk-" + county, Map.of("lotCode", lot)).expectStatus().isOk();
        }
        FAKES.room(10_000);
        post("/counties/" + county + "/projects/" + project + "/deliveries", "clerk-" + county, Map.of("slot", UUID.randomUUID())).expectStatus().isOk();
    }

    protected JsonNode settlement(String county, UUID project) {
        return json(get("/counties/" + county + "/projects/" + project + "/settlement", "admin-" + county).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
    }
}
