package org.povertyalleviation.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestMethodOrder;
import org.povertyalleviation.platform.infra.FreePorts;
import org.povertyalleviation.platform.infra.PlatformServices;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;

/**
 * The whole platform as the devstack runs it: every service its own JVM from its own jar, behind the gateway, with
 * real PostgreSQL, Kafka, Redis and Keycloak. One stack for the class; it must leave nothing running.
 */
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class DevStackIT {

    private static final HttpClient http = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static DevStack.Options options;
    private static DevStack stack;
    private static List<ProcessHandle> before;

    @BeforeAll
    static void start() {
        options = new DevStack.Options(20130101L,
                Path.of(System.getProperty("devstack.apps.dir")), FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next());
        before = descendants();
        stack = DevStack.start(options);
    }

    @AfterAll
    static void stop_and_leave_nothing_running() throws Exception {
        String gatewayHealth = stack.managementUrl("gateway") + "/actuator/health";
        String stackHealth = "http://127.0.0.1:" + options.statusPort() + "/health";
        stack.close();
        assertThat(refused(gatewayHealth)).as("gateway stopped").isTrue();
        assertThat(refused(stackHealth)).as("status server stopped").isTrue();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (descendants().size() > before.size() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(descendants()).as("child processes left running").hasSameSizeAs(before);
    }

    @Test
    void the_devstack_comes_up_healthy_with_demo_users() throws Exception {
        String gatewayHealth = stack.managementUrl("gateway") + "/actuator/health";
        String stackHealth = "http://127.0.0.1:" + options.statusPort() + "/health";
        {
            HttpResponse<String> health = get(stackHealth);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"")
                    .contains("\"postgres\":\"UP\"", "\"kafka\":\"UP\"", "\"redis\":\"UP\"", "\"keycloak\":\"UP\"",
                            "\"county-registry\":\"UP\"", "\"household-registry\":\"UP\"", "\"shop-management\":\"UP\"", "\"supply-platform\":\"UP\"", "\"gateway\":\"UP\"");
            assertThat(get(gatewayHealth).body()).contains("\"status\":\"UP\"");
            // Metrics and health answer on the management ports only, never on the ports users reach.
            for (String app : List.of("gateway", "portal")) {
                assertThat(get(stack.managementUrl(app) + "/actuator/prometheus").statusCode()).as(app + " metrics").isEqualTo(200);
            }
            assertThat(get("http://127.0.0.1:" + options.gatewayPort() + "/actuator/prometheus").statusCode()).isEqualTo(404);
            assertThat(get("http://127.0.0.1:" + options.portalPort() + "/actuator/prometheus").statusCode()).isEqualTo(404);

            String issuer = stack.urls().get("issuer");
            String tokenEndpoint = issuer + "/protocol/openid-connect/token";
            HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(tokenEndpoint))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "grant_type=password&client_id=devstack-cli&username=admin-621222&password=admin-621222-demo"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(token.statusCode()).isEqualTo(200);
            String accessToken = token.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");

            // Through the gateway to the county registry, which the devstack seeded with Wen County's villages.
            HttpResponse<String> villages = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + options.gatewayPort()
                    + "/api/county-registry/counties/621222/villages")).header("Authorization", "Bearer " + accessToken).build(),
                    HttpResponse.BodyHandlers.ofString());
            long wenVillages = stack.dataset().villages().stream().filter(v -> v.countyCode().equals("621222")).count();
            assertThat(villages.statusCode()).isEqualTo(200);
            assertThat(villages.body().split("\"code\":\"621222").length - 1).isEqualTo((int) wenVillages);
            HttpResponse<String> foreign = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + options.gatewayPort()
                    + "/api/county-registry/counties/621224/villages")).header("Authorization", "Bearer " + accessToken).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(foreign.statusCode()).isEqualTo(403);

            // The README's partner example: client credentials, then a call through the gateway within its grant.
            HttpResponse<String> partnerToken = http.send(HttpRequest.newBuilder(URI.create(tokenEndpoint))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=partner-demo"
                            + "&client_secret=partner-demo-secret"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(partnerToken.statusCode()).isEqualTo(200);
            String partner = partnerToken.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
            HttpResponse<String> partnerVillages = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + options.gatewayPort()
                    + "/api/county-registry/counties/621224/villages")).header("Authorization", "Bearer " + partner).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(partnerVillages.statusCode()).isEqualTo(200);
            assertThat(partnerVillages.headers().firstValue("X-RateLimit-Remaining")).isPresent();
            HttpResponse<String> outsideGrant = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + options.gatewayPort()
                    + "/api/county-registry/counties/621223/villages")).header("Authorization", "Bearer " + partner).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(outsideGrant.statusCode()).isEqualTo(403);
            // One Swagger UI at the gateway, listing the services' documents.
            assertThat(get("http://127.0.0.1:" + options.gatewayPort() + "/api/county-registry/v3/api-docs").statusCode()).isEqualTo(200);
            assertThat(stack.summary()).contains("admin-621222", "admin-621222-demo", "county-admin", "longnan-officer");
        }
    }

    /**
     * The issue's end-to-end path through the gateway: two households registered in the household registry, a shop
     * linked to both in shop management, a partner's monthly report (with an Idempotency-Key), and the households'
     * ledgers in the registry showing their SHOP_SHARE; the same report resent adds nothing; a correction replaces it.
     */
    @Test
    void a_partners_sales_report_reaches_the_linked_households_ledgers_once_and_a_correction_replaces_it() throws Exception {
        String admin = token("grant_type=password&client_id=devstack-cli&username=admin-621222&password=admin-621222-demo");
        String partner = token("grant_type=client_credentials&client_id=partner-demo&client_secret=partner-demo-secret");
        String village = stack.dataset().villages().stream().filter(v -> v.countyCode().equals("621222")).findFirst().orElseThrow().code();

        String supplier = created(send("POST", "/api/household-registry/counties/621222/households", admin, household("E2E-0001", village, "19700101"), null));
        String employee = created(send("POST", "/api/household-registry/counties/621222/households", admin, household("E2E-0002", village, "19720202"), null));
        String shop = created(send("POST", "/api/shop-management/counties/621222/shops", admin, "{\"village\":\"" + village
                + "\",\"name\":\"文县纹党花椒店\",\"platform\":\"TAOBAO\",\"ownerCategory\":\"COOPERATIVE\",\"status\":\"OPEN\"}", null));
        // Shop management learns of the households from the registry's events: link once they arrived.
        linkWhenKnown(admin, shop, supplier, "{\"role\":\"SUPPLIER\",\"rule\":\"SALES_SHARE\",\"sharePercent\":10}");
        linkWhenKnown(admin, shop, employee, "{\"role\":\"EMPLOYEE\",\"rule\":\"FIXED_MONTHLY\",\"fixedAmountFen\":50000}");

        String month = java.time.YearMonth.now(java.time.ZoneId.of("Asia/Shanghai")).minusMonths(1).toString();
        String report = "{\"month\":\"" + month + "\",\"orders\":120,\"grossFen\":1000000,\"refundsFen\":0}";
        String key = "jd-report-" + java.util.UUID.randomUUID();
        HttpResponse<String> first = send("POST", "/api/shop-management/counties/621222/shops/" + shop + "/sales-reports", partner, report, key);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(first.body()).contains("\"reporter\":\"partner-demo\"", "\"revision\":1");

        awaitLedger(admin, supplier, month, "SHOP_SHARE", 100000);
        awaitLedger(admin, employee, month, "SHOP_SHARE", 50000);

        HttpResponse<String> replay = send("POST", "/api/shop-management/counties/621222/shops/" + shop + "/sales-reports", partner, report, key);
        assertThat(replay.statusCode()).isEqualTo(201);
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(replay.body()).isEqualTo(first.body());

        // The partner corrects the month's refunds: net 800,000 fen, so the supplier's 10 % is now 80,000.
        HttpResponse<String> correction = send("POST", "/api/shop-management/counties/621222/shops/" + shop + "/sales-reports", partner,
                "{\"month\":\"" + month + "\",\"orders\":120,\"grossFen\":1000000,\"refundsFen\":200000}", "jd-report-" + java.util.UUID.randomUUID());
        assertThat(correction.statusCode()).as(correction.body()).isEqualTo(201);
        assertThat(correction.body()).contains("\"revision\":2");
        awaitLedger(admin, supplier, month, "SHOP_SHARE", 80000);
        // The replay added nothing and the correction replaced, not added: one entry per household and month.
        assertThat(ledgerAmounts(admin, supplier, month, "SHOP_SHARE")).containsExactly(80000L);
        assertThat(ledgerAmounts(admin, employee, month, "SHOP_SHARE")).containsExactly(50000L);
    }

    /**
     * The supply platform's three mechanisms end to end through the gateway: an order's paid delivery, a workshop's
     * payday and a dividend each reach the household's ledger in the registry under their source and amount; the payment
     * resent with its Idempotency-Key is replayed, resent without one is refused, and neither adds a ledger entry.
     */
    @Test
    void an_orders_delivery_a_workshop_payday_and_a_dividend_reach_the_households_ledger_once_each() throws Exception {
        String admin = token("grant_type=password&client_id=devstack-cli&username=admin-621222&password=admin-621222-demo");
        String clerk = token("grant_type=password&client_id=devstack-cli&username=clerk-621222&password=clerk-621222-demo");
        String village = stack.dataset().villages().stream().filter(v -> v.countyCode().equals("621222")).findFirst().orElseThrow().code();
        String household = created(send("POST", "/api/household-registry/counties/621222/households", admin, household("E2E-0101", village, "19750303"), null));
        java.time.LocalDate firstOfLastMonth = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).withDayOfMonth(1).minusMonths(1);
        String month = java.time.YearMonth.from(firstOfLastMonth).toString();
        String supply = "/api/supply-platform/counties/621222";

        String company = created(send("POST", supply + "/organisations", clerk, "{\"kind\":\"ENTERPRISE\",\"name\":\"文县中药材公司\","
                + "\"legalId\":\"91621222MA72CX8P4A\",\"contactName\":\"采购部\"}", null));
        String herbs = created(send("POST", supply + "/products", clerk, "{\"organisation\":\"" + company + "\",\"name\":\"纹党参\","
                + "\"category\":\"MEDICINAL_HERB\",\"unit\":\"KG\"}", null));
        assertThat(send("PUT", supply + "/products/" + herbs + "/reference-prices/" + month, clerk, "{\"priceFen\":4000}", null).statusCode()).isEqualTo(200);
        // The supply platform learns of the household from the registry's events: agree the order once it arrived.
        String orderBody = "{\"organisation\":\"" + company + "\",\"product\":\"" + herbs + "\",\"season\":" + firstOfLastMonth.getYear()
                + ",\"priceFen\":4500,\"households\":[\"" + household + "\"]}";
        HttpResponse<String> order = send("POST", supply + "/purchase-orders", clerk, orderBody, null);
        for (long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos(); order.statusCode() == 422 && System.nanoTime() < deadline; ) {
            Thread.sleep(250);
            order = send("POST", supply + "/purchase-orders", clerk, orderBody, null);
        }
        String orderId = created(order);
        String delivery = created(send("POST", supply + "/purchase-orders/" + orderId + "/deliveries", clerk, "{\"household\":\"" + household
                + "\",\"deliveredOn\":\"" + firstOfLastMonth + "\",\"quantity\":200,\"grade\":\"一级\"}", null));
        String payment = supply + "/purchase-orders/" + orderId + "/deliveries/" + delivery + "/payment";
        String paid = "{\"paidOn\":\"" + firstOfLastMonth.plusDays(1) + "\"}";
        String key = "pay-" + java.util.UUID.randomUUID();
        HttpResponse<String> first = send("POST", payment, clerk, paid, key);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.body()).contains("\"amountFen\":900000", "\"premiumFen\":100000");
        HttpResponse<String> replay = send("POST", payment, clerk, paid, key);
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(send("POST", payment, clerk, paid, null).statusCode()).isEqualTo(409);

        String workshop = created(send("POST", supply + "/workshops", clerk, "{\"organisation\":\"" + company + "\",\"name\":\"党参分拣车间\","
                + "\"village\":\"" + village + "\"}", null));
        created(send("POST", supply + "/workshops/" + workshop + "/wages", clerk, "{\"household\":\"" + household + "\",\"worker\":\"W-7\","
                + "\"workedOn\":\"" + firstOfLastMonth + "\",\"basis\":\"DAY\",\"task\":\"分拣\",\"amountFen\":12000}", null));
        created(send("POST", supply + "/workshops/" + workshop + "/paydays", admin, "{\"paidOn\":\"" + firstOfLastMonth.plusDays(1) + "\"}", null));

        created(send("POST", supply + "/organisations/" + company + "/shareholdings", clerk, "{\"household\":\"" + household + "\",\"kind\":\"FUND\","
                + "\"amountFen\":5000000,\"investedOn\":\"" + firstOfLastMonth.minusYears(1) + "\"}", null));
        created(send("POST", supply + "/organisations/" + company + "/dividends", admin, "{\"year\":" + firstOfLastMonth.getYear()
                + ",\"paidOn\":\"" + firstOfLastMonth.plusDays(1) + "\",\"rateBasisPoints\":1000}", null));

        awaitLedger(admin, household, month, "ORDER_PREMIUM", 900000);
        awaitLedger(admin, household, month, "WORKSHOP_WAGE", 12000);
        awaitLedger(admin, household, month, "DIVIDEND", 500000);
        Thread.sleep(2000);
        assertThat(ledgerAmounts(admin, household, month, "ORDER_PREMIUM")).containsExactly(900000L);
        assertThat(ledgerAmounts(admin, household, month, "WORKSHOP_WAGE")).containsExactly(12000L);
        assertThat(ledgerAmounts(admin, household, month, "DIVIDEND")).containsExactly(500000L);
    }

    /**
     * Issue 19's end to end: a household's pickup booked through the gateway into a window its carrier serves, the carrier
     * (the demo partner) moves it through every step, the county reads its timeline; then thirty bookings race for a
     * window with room for ten, and exactly ten get in.
     */
    @Test
    void a_households_pickup_is_moved_by_its_carrier_to_delivery_and_a_race_never_overbooks_a_window() throws Exception {
        String admin = token("grant_type=password&client_id=devstack-cli&username=admin-621222&password=admin-621222-demo");
        String clerk = token("grant_type=password&client_id=devstack-cli&username=clerk-621222&password=clerk-621222-demo");
        String partner = token("grant_type=client_credentials&client_id=partner-demo&client_secret=partner-demo-secret");
        String logistics = "/api/logistics-booking/counties/621222";
        String village = stack.dataset().villages().stream().filter(v -> v.countyCode().equals("621222")).findFirst().orElseThrow().code();
        JsonNode network = JSON.readTree(send("GET", logistics + "/nodes", clerk, null, null).body());
        String post = null;
        for (JsonNode node : network.path("nodes")) {
            if (village.equals(node.path("village").asString(null))) {
                post = node.path("id").asString();
            }
        }
        assertThat(post).as("the demo's post in " + village).isNotNull();
        String carrier = null;
        for (JsonNode found : JSON.readTree(send("GET", logistics + "/carriers", clerk, null, null).body())) {
            if ("partner-demo".equals(found.path("client").asString(null))) {
                carrier = found.path("id").asString();
            }
        }
        assertThat(carrier).as("the demo partner's carrier in Wen").isNotNull();
        String tomorrow = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(1).toString();
        String window = created(send("POST", logistics + "/slots", clerk, "{\"node\":\"" + post + "\",\"day\":\"" + tomorrow
                + "\",\"kind\":\"PICKUP\",\"windowStart\":\"18:00\",\"windowEnd\":\"20:00\",\"capacityKg\":200,\"capacityParcels\":20,"
                + "\"carrier\":\"" + carrier + "\"}", null));
        String household = created(send("POST", "/api/household-registry/counties/621222/households", admin, household("E2E-0301", village, "19800404"), null));
        String booking = "{\"slot\":\"" + window + "\",\"senderKind\":\"HOUSEHOLD\",\"senderRef\":\"E2E-0301\",\"household\":\"" + household
                + "\",\"recipient\":\"陇南电商中心\",\"weightKg\":18.5,\"parcels\":2,\"carriesKind\":\"GOODS\"}";
        // The logistics service learns of the household from the registry's events: book once it arrived.
        HttpResponse<String> booked = send("POST", logistics + "/bookings", clerk, booking, "book-" + household);
        for (long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos(); booked.statusCode() == 422 && System.nanoTime() < deadline; ) {
            Thread.sleep(250);
            booked = send("POST", logistics + "/bookings", clerk, booking, "book-" + household + "-" + System.nanoTime());
        }
        String id = created(booked);
        assertThat(booked.body()).contains("\"subsidyFen\":");

        java.time.Instant at = java.time.Instant.now().minusSeconds(600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String[] steps = {"PICKED_UP", "AT_TOWNSHIP", "AT_COUNTY_PARK", "HANDED_TO_CARRIER", "DELIVERED"};
        for (int i = 0; i < steps.length; i++) {
            String report = "{\"updateId\":\"e2e-" + i + "\",\"state\":\"" + steps[i] + "\",\"occurredAt\":\"" + at.plusSeconds(60L * i) + "\""
                    + (steps[i].equals("DELIVERED") ? ",\"recipient\":\"张丽\",\"photoRef\":\"pod/e2e.jpg\"" : "") + "}";
            HttpResponse<String> moved = send("POST", logistics + "/bookings/" + id + "/tracking", partner, report, null);
            assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
            assertThat(moved.body()).contains("\"advanced\":true").doesNotContain("张丽");
        }
        JsonNode followed = JSON.readTree(send("GET", logistics + "/bookings/" + id, clerk, null, null).body());
        assertThat(followed.path("state").asString()).isEqualTo("DELIVERED");
        assertThat(followed.path("timeline").findValuesAsString("state")).containsExactly(steps);
        assertThat(followed.path("timeline").get(4).path("recipient").asString()).isEqualTo("张丽");

        String race = created(send("POST", logistics + "/slots", clerk, "{\"node\":\"" + post + "\",\"day\":\"" + tomorrow
                + "\",\"kind\":\"DELIVERY\",\"windowStart\":\"19:00\",\"windowEnd\":\"21:00\",\"capacityKg\":10,\"capacityParcels\":100}", null));
        String oneKg = "{\"slot\":\"" + race + "\",\"senderKind\":\"MERCHANT\",\"senderRef\":\"农资店\",\"recipient\":\"村民\",\"weightKg\":1,"
                + "\"parcels\":1,\"carriesKind\":\"GOODS\"}";
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(15);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 30; i++) {
                answers.add(pool.submit(() -> send("POST", logistics + "/bookings", clerk, oneKg, null).statusCode()));
            }
            List<Integer> statuses = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).filteredOn(status -> status == 201).hasSize(10);
            assertThat(statuses).filteredOn(status -> status == 409).hasSize(20);
        } finally {
            pool.shutdownNow();
        }
        JsonNode raced = JSON.readTree(send("GET", logistics + "/slots/" + race, clerk, null, null).body());
        assertThat(raced.path("bookedKg").decimalValue()).isEqualByComparingTo("10");
        assertThat(raced.path("freeKg").decimalValue()).isZero();
    }

    /**
     * Issue 20's end to end: a registered household's member enrols, checks in with the lecturer's current code (a code
     * a minute old is refused), gets a certificate, anyone verifies it through the gateway without signing in, and the
     * household registry shows the member's new skill.
     */
    @Test
    void a_member_checks_in_with_a_rotating_code_earns_a_certificate_anyone_verifies_and_the_registry_shows_the_skill() throws Exception {
        String admin = token("grant_type=password&client_id=devstack-cli&username=admin-621222&password=admin-621222-demo");
        String clerk = token("grant_type=password&client_id=devstack-cli&username=clerk-621222&password=clerk-621222-demo");
        String training = "/api/training/counties/621222";
        String village = stack.dataset().villages().stream().filter(v -> v.countyCode().equals("621222")).findFirst().orElseThrow().code();
        String household = created(send("POST", "/api/household-registry/counties/621222/households", admin, household("E2E-0401", village, "19900505"), null));
        JsonNode member = JSON.readTree(send("GET", "/api/household-registry/counties/621222/households/" + household, admin, null, null).body())
                .path("members").get(0);

        String course = created(send("POST", training + "/courses", clerk, "{\"title\":\"网店运营实操\",\"level\":\"SHOP_OPERATION\",\"hours\":24,"
                + "\"targetGroups\":[\"POOR_HOUSEHOLD_MEMBER\"],\"skill\":\"SHOP_OPERATION\",\"attendancePercent\":50,\"assessment\":false}", null));
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        String session = created(send("POST", training + "/sessions", clerk, "{\"course\":\"" + course + "\",\"placeKind\":\"VILLAGE\",\"village\":\""
                + village + "\",\"address\":\"村委会\",\"lecturer\":\"李老师\",\"capacity\":20,\"startsOn\":\"" + today + "\",\"endsOn\":\"" + today + "\"}", null));
        java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String sitting = created(send("POST", training + "/sessions/" + session + "/sittings", clerk, "{\"startsAt\":\"" + now.minusSeconds(600)
                + "\",\"endsAt\":\"" + now.plusSeconds(7200) + "\"}", null));
        // A photo of the screen taken now: useless a minute later.
        long shown = System.nanoTime();
        String oldToken = JSON.readTree(send("GET", training + "/sittings/" + sitting + "/screen", clerk, null, null).body()).path("token").asString();

        String enrolBody = "{\"household\":\"" + household + "\",\"member\":\"" + member.path("id").asString() + "\",\"name\":\""
                + member.path("name").asString() + "\",\"targetGroup\":\"POOR_HOUSEHOLD_MEMBER\"}";
        HttpResponse<String> enrolled = send("POST", training + "/sessions/" + session + "/enrolments", clerk, enrolBody, null);
        for (long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos(); enrolled.statusCode() == 422 && System.nanoTime() < deadline; ) {
            Thread.sleep(250);
            enrolled = send("POST", training + "/sessions/" + session + "/enrolments", clerk, enrolBody, null);
        }
        String enrolment = created(enrolled);
        Thread.sleep(Math.max(0, Duration.ofSeconds(61).toMillis() - Duration.ofNanos(System.nanoTime() - shown).toMillis()));
        HttpResponse<String> stale = send("POST", training + "/sittings/" + sitting + "/check-ins", clerk, "{\"enrolment\":\"" + enrolment
                + "\",\"token\":\"" + oldToken + "\"}", null);
        assertThat(stale.statusCode()).as(stale.body()).isEqualTo(422);
        assertThat(stale.body()).contains("token-expired");
        String token = JSON.readTree(send("GET", training + "/sittings/" + sitting + "/screen", clerk, null, null).body()).path("token").asString();
        HttpResponse<String> checkedIn = send("POST", training + "/sittings/" + sitting + "/check-ins", clerk, "{\"enrolment\":\"" + enrolment
                + "\",\"token\":\"" + token + "\"}", null);
        assertThat(checkedIn.statusCode()).as(checkedIn.body()).isEqualTo(201);
        assertThat(checkedIn.body()).contains("\"counted\":true");

        JsonNode certificate = JSON.readTree(send("POST", training + "/enrolments/" + enrolment + "/certificate", clerk, "{}", null).body());
        String code = certificate.path("code").asString();
        assertThat(code).matches("[0-9A-Z]{12}");
        HttpResponse<String> verified = get("http://127.0.0.1:" + options.gatewayPort() + "/api/training/verify/" + code);
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        assertThat(JSON.readTree(verified.body()).path("standing").asString()).isEqualTo("VALID");
        assertThat(verified.body()).doesNotContain(member.path("name").asString());

        List<String> skills = List.of();
        for (long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos(); !skills.contains("SHOP_OPERATION") && System.nanoTime() < deadline; ) {
            Thread.sleep(500);
            JsonNode now2 = JSON.readTree(send("GET", "/api/household-registry/counties/621222/households/" + household, admin, null, null).body());
            for (JsonNode m : now2.path("members")) {
                if (m.path("id").asString().equals(member.path("id").asString())) {
                    skills = new java.util.ArrayList<>();
                    for (JsonNode skill : m.path("ecommerceSkills")) {
                        skills.add(skill.asString());
                    }
                }
            }
        }
        assertThat(skills).as("the member's skills in the household registry").contains("SHOP_OPERATION");
    }

    /**
     * A household's harvest pre-sale end to end through the gateway, across a crash: the clerk drafts, submits and reviews
     * it, an admin approves it (four eyes: an admin who reviewed may not approve, the platform operator does); the
     * partner platform posts backers' pledges up to the goal and the payment partner's signed callbacks pay them; after
     * the deadline the crowdfunding process is killed (kill -9) in the middle of the settling transaction, held there by
     * an uncommitted row taking the settlement's key, and started again; the project settles FUNDED exactly once, and the
     * admin's delivery confirmation pays the household, whose ledger in the registry shows the CROWDFUNDING income. A
     * project missing its goal, closing at the same time, refunds every pledge through the payment partner.
     */
    @Test
    void a_households_presale_settles_once_across_a_crash_pays_the_household_and_a_failed_one_refunds_every_backer() throws Exception {
        String admin = token("grant_type=password&client_id=devstack-cli&username=admin-621222&password=admin-621222-demo");
        String clerk = token("grant_type=password&client_id=devstack-cli&username=clerk-621222&password=clerk-621222-demo");
        String operator = token("grant_type=password&client_id=devstack-cli&username=operator&password=operator-demo");
        String partner = token("grant_type=client_credentials&client_id=partner-demo&client_secret=partner-demo-secret");
        String pay = token("grant_type=client_credentials&client_id=" + DemoRealm.PAYMENT_PARTNER + "&client_secret=" + DemoRealm.PAYMENT_PARTNER_SECRET);
        String village = stack.dataset().villages().stream().filter(v -> v.countyCode().equals("621222")).findFirst().orElseThrow().code();
        String owner = created(send("POST", "/api/household-registry/counties/621222/households", admin, household("E2E-0501", village, "19800606"), null));
        String other = created(send("POST", "/api/household-registry/counties/621222/households", admin, household("E2E-0502", village, "19810707"), null));
        String cf = "/api/crowdfunding/counties/621222";

        // Both close 25 seconds after they are drafted: time enough to approve them and pay their pledges through the gateway.
        String funded = draftWhenKnown(clerk, owner, village, 50_000);
        String failed = draftWhenKnown(clerk, other, village, 1_000_000);
        for (String project : List.of(funded, failed)) {
            assertThat(send("POST", cf + "/projects/" + project + "/submission", clerk, "{}", null).statusCode()).isEqualTo(200);
        }
        assertThat(send("POST", cf + "/projects/" + funded + "/review", clerk, "{\"approve\":true}", null).statusCode()).isEqualTo(200);
        HttpResponse<String> approved = send("POST", cf + "/projects/" + funded + "/approval", admin, "{\"approve\":true}", null);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(JSON.readTree(approved.body()).path("status").asString()).isEqualTo("PUBLISHED");
        // The admin reviews the other one himself: he may not approve it too; the platform operator does.
        assertThat(send("POST", cf + "/projects/" + failed + "/review", admin, "{\"approve\":true}", null).statusCode()).isEqualTo(200);
        HttpResponse<String> ownApproval = send("POST", cf + "/projects/" + failed + "/approval", admin, "{\"approve\":true}", null);
        assertThat(ownApproval.statusCode()).as(ownApproval.body()).isEqualTo(422);
        assertThat(ownApproval.body()).contains("four-eyes");
        assertThat(send("POST", cf + "/projects/" + failed + "/approval", operator, "{\"approve\":true}", null).statusCode()).isEqualTo(200);

        List<String> failedPledges = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            pledgeAndPay(partner, pay, funded, "f" + i);
        }
        for (int i = 0; i < 3; i++) {
            failedPledges.add(pledgeAndPay(partner, pay, failed, "x" + i));
        }
        JsonNode progress = JSON.readTree(send("GET", cf + "/projects/" + funded, admin, null, null).body()).path("progress");
        assertThat(progress.path("paidFen").asLong()).isEqualTo(50_000);
        assertThat(progress.path("percent").asInt()).isEqualTo(100);

        // A row taking the settlement's key, not committed: the sweep's transaction reaches its insert and waits there.
        // Foreign keys are off for this session only, so the row does not share-lock the project the sweep locks first.
        try (java.sql.Connection db = stack.database("crowdfunding")) {
            db.setAutoCommit(false);
            try (java.sql.Statement sql = db.createStatement()) {
                sql.execute("set session_replication_role = replica");
                sql.execute("insert into settlement (county_code, project_id, outcome, raised_fen, goal_fen, paid_pledges, dropped_pledges, refunds,"
                        + " settled_at, settled_by) values ('621222', '" + funded + "', 'FAILED', 0, 0, 0, 0, 0, now(), 'devstack-it')");
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (!settlingBlocked(db)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("The settlement sweep did not reach project " + funded + " within 2 minutes: " + activity(db));
                }
                Thread.sleep(250);
            }
            stack.kill("crowdfunding");
            db.rollback();
        }
        stack.restart("crowdfunding");

        JsonNode settled = awaitSettlement(admin, funded, s -> s.path("status").asString().equals("FUNDED"));
        assertThat(settled.path("settlement").path("outcome").asString()).isEqualTo("FUNDED");
        assertThat(settled.path("settlement").path("raisedFen").asLong()).isEqualTo(50_000);
        assertThat(settled.path("settlement").path("paidPledges").asInt()).isEqualTo(4);
        assertThat(settled.path("money").path("inFen").asLong()).isEqualTo(50_000);
        assertThat(settled.path("payouts")).isEmpty();
        try (java.sql.Connection db = stack.database("crowdfunding"); java.sql.Statement sql = db.createStatement();
             java.sql.ResultSet rows = sql.executeQuery("select count(*) from settlement where project_id = '" + funded + "'")) {
            rows.next();
            assertThat(rows.getInt(1)).as("settlement rows of the project").isEqualTo(1);
        }
        assertThat(events("crowdfunding.events", "project-settled", funded)).as("crowdfunding.project-settled.v1 of the project").hasSize(1);

        // Not before its rewards are on their way: the tier ships from the demo's traced lot, and the clerk books every
        // paid reward into a pickup window at the household's village post (crowdfunding calls logistics with her token).
        HttpResponse<String> early = send("POST", cf + "/projects/" + funded + "/delivery-confirmation", admin, "{}", null);
        assertThat(early.statusCode()).as(early.body()).isEqualTo(422);
        assertThat(early.body()).contains("rewards-not-dispatched");
        String tier = JSON.readTree(send("GET", cf + "/projects/" + funded, admin, null, null).body()).path("tiers").get(0).path("id").asString();
        String lotCode = demoLotCode(admin);
        HttpResponse<String> tied = send("PUT", cf + "/tiers/" + tier + "/lot", clerk, "{\"lotCode\":\"" + lotCode + "\"}", null);
        assertThat(tied.statusCode()).as(tied.body()).isEqualTo(200);
        String tomorrow = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(1).toString();
        String window = created(send("POST", "/api/logistics-booking/counties/621222/slots", clerk, "{\"node\":\"" + postOf(clerk, village)
                + "\",\"day\":\"" + tomorrow + "\",\"kind\":\"PICKUP\",\"windowStart\":\"16:00\",\"windowEnd\":\"18:00\",\"capacityKg\":100,"
                + "\"capacityParcels\":10}", null));
        HttpResponse<String> dispatched = send("POST", cf + "/projects/" + funded + "/deliveries", clerk, "{\"slot\":\"" + window + "\"}", null);
        assertThat(dispatched.statusCode()).as(dispatched.body()).isEqualTo(200);
        assertThat(JSON.readTree(dispatched.body()).path("remaining").asInt()).isZero();
        JsonNode rewards = JSON.readTree(send("GET", cf + "/projects/" + funded + "/deliveries", admin, null, null).body());
        assertThat(rewards).hasSize(4);
        for (JsonNode reward : rewards) {
            assertThat(reward.path("lotCode").asString()).isEqualTo(lotCode);
            String booking = reward.path("shipment").path("booking").asString();
            HttpResponse<String> booked = send("GET", "/api/logistics-booking/counties/621222/bookings/" + booking, admin, null, null);
            assertThat(booked.statusCode()).as("the reward's booking in logistics: " + booked.body()).isEqualTo(200);
            assertThat(booked.body()).contains("CROWDFUNDING_REWARD").contains(reward.path("pledge").asString());
        }

        HttpResponse<String> delivered = send("POST", cf + "/projects/" + funded + "/delivery-confirmation", admin, "{}", null);
        assertThat(delivered.statusCode()).as(delivered.body()).isEqualTo(200);
        JsonNode paidOut = JSON.readTree(delivered.body());
        assertThat(paidOut.path("status").asString()).isEqualTo("DELIVERED");
        assertThat(paidOut.path("payouts")).hasSize(1);
        assertThat(paidOut.path("payouts").get(0).path("household").asString()).isEqualTo(owner);
        assertThat(paidOut.path("money").path("paidOutFen").asLong()).isEqualTo(50_000);
        assertThat(paidOut.path("money").path("balanceFen").asLong()).isZero();
        String month = java.time.YearMonth.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        awaitLedger(admin, owner, month, "CROWDFUNDING", 50_000);

        JsonNode refunded = awaitSettlement(admin, failed, s -> s.path("status").asString().equals("FAILED")
                && s.path("money").path("refundedFen").asLong() == 3 * 12_500L && s.path("money").path("pendingRefunds").asInt() == 0);
        assertThat(refunded.path("money").path("inFen").asLong()).isEqualTo(3 * 12_500L);
        assertThat(refunded.path("money").path("balanceFen").asLong()).isZero();
        JsonNode refunds = JSON.readTree(send("GET", cf + "/projects/" + failed + "/refunds", admin, null, null).body());
        assertThat(refunds).hasSize(3);
        Map<String, Long> atPartner = stack.paymentPartner().refunded();
        for (JsonNode refund : refunds) {
            assertThat(refund.path("status").asString()).isEqualTo("CONFIRMED");
            assertThat(atPartner).as("the payment partner gave refund " + refund.path("id").asString() + " back")
                    .containsEntry(refund.path("id").asString(), 12_500L);
        }
        for (String pledge : failedPledges) {
            assertThat(JSON.readTree(send("GET", cf + "/pledges/" + pledge, admin, null, null).body()).path("status").asString()).isEqualTo("REFUNDED");
        }
        assertThat(stack.paymentPartner().badSignatures()).isZero();
    }

    /** The code of the demo's traced lot in Wen (DemoSupply publishes it): what a crowdfunding reward ships from. */
    private String demoLotCode(String admin) throws Exception {
        String supply = "/api/supply-platform/counties/621222";
        for (JsonNode product : JSON.readTree(send("GET", supply + "/products?limit=2000", admin, null, null).body())) {
            if (product.path("name").asString().endsWith("溯源装")) {
                JsonNode lots = JSON.readTree(send("GET", supply + "/products/" + product.path("id").asString() + "/lots", admin, null, null).body());
                return JSON.readTree(send("GET", supply + "/lots/" + lots.get(0).path("id").asString(), admin, null, null).body()).path("code").asString();
            }
        }
        throw new AssertionError("the demo's traced product in Wen");
    }

    /** The demo's village post of the village (DemoLogistics puts one in every poor village). */
    private String postOf(String clerk, String village) throws Exception {
        for (JsonNode node : JSON.readTree(send("GET", "/api/logistics-booking/counties/621222/nodes", clerk, null, null).body()).path("nodes")) {
            if (village.equals(node.path("village").asString(null))) {
                return node.path("id").asString();
            }
        }
        throw new AssertionError("the demo's post in " + village);
    }

    /** A household's project closing 25 seconds from now, drafted once crowdfunding learnt of the household. */
    private String draftWhenKnown(String clerk, String household, String village, long goalFen) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            String day = java.time.LocalDate.ofInstant(now, java.time.ZoneId.of("Asia/Shanghai")).toString();
            String body = "{\"ownerKind\":\"HOUSEHOLD\",\"household\":\"" + household + "\",\"village\":\"" + village + "\",\"title\":\"端到端花椒预售\","
                    + "\"story\":\"我家种了三亩花椒。\",\"goalFen\":" + goalFen + ",\"startsAt\":\"" + now.minusSeconds(60) + "\",\"deadline\":\""
                    + now.plusSeconds(25) + "\",\"deliveryFrom\":\"" + java.time.LocalDate.parse(day).plusDays(1) + "\",\"deliveryTo\":\""
                    + java.time.LocalDate.parse(day).plusDays(30) + "\",\"tiers\":[{\"name\":\"一份\",\"product\":\"大红袍花椒\",\"quantity\":\"2.5 kg\","
                    + "\"weightGrams\":2600,\"priceFen\":12500,\"limit\":20}]}";
            HttpResponse<String> drafted = send("POST", "/api/crowdfunding/counties/621222/projects", clerk, body, null);
            if (drafted.statusCode() != 422 || !drafted.body().contains("unknown-household") || System.nanoTime() > deadline) {
                return created(drafted);
            }
            Thread.sleep(250);
        }
    }

    /** The partner platform posts a backer's pledge of one reward; the payment partner's signed callback reports it paid. */
    private String pledgeAndPay(String partner, String pay, String project, String key) throws Exception {
        String cf = "/api/crowdfunding/counties/621222";
        JsonNode tier = JSON.readTree(send("GET", cf + "/catalogue/projects/" + project, partner, null, null).body()).path("tiers").get(0);
        String ref = "e2e-pay-" + project.substring(0, 8) + "-" + key;
        String pledge = created(send("POST", cf + "/projects/" + project + "/pledges", partner, "{\"pledgeKey\":\"e2e-" + project.substring(0, 8) + "-"
                + key + "\",\"tier\":\"" + tier.path("id").asString() + "\",\"backerRef\":\"backer-" + key + "\",\"quantity\":1,\"amountFen\":12500,"
                + "\"paymentPartner\":\"" + DemoRealm.PAYMENT_PARTNER + "\",\"paymentRef\":\"" + ref + "\"}", "e2e-pledge-" + java.util.UUID.randomUUID()));
        byte[] callback = ("{\"callbackId\":\"e2e-cb-" + ref + "\",\"kind\":\"PAYMENT\",\"paymentRef\":\"" + ref + "\",\"status\":\"PAID\","
                + "\"amountFen\":12500,\"occurredAt\":\"" + java.time.Instant.now() + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> paid = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + options.gatewayPort() + cf + "/payment-callbacks"))
                .header("Authorization", "Bearer " + pay).header("Content-Type", "application/json")
                .header(org.povertyalleviation.platform.fakes.PaymentPartnerSimulator.SIGNATURE_HEADER,
                        org.povertyalleviation.platform.fakes.PaymentPartnerSimulator.sign(DemoRealm.PAYMENT_SIGNING_SECRET, callback))
                .header("Idempotency-Key", "e2e-cb-" + java.util.UUID.randomUUID())
                .POST(HttpRequest.BodyPublishers.ofByteArray(callback)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        assertThat(paid.body()).contains("\"outcome\":\"APPLIED\"");
        return pledge;
    }

    /** Whether a crowdfunding connection waits on this session's locks: the sweep is inside the settling transaction. */
    private static boolean settlingBlocked(java.sql.Connection db) throws Exception {
        try (java.sql.Statement sql = db.createStatement();
             java.sql.ResultSet rows = sql.executeQuery("select count(*) from pg_stat_activity where datname = current_database()"
                     + " and pg_backend_pid() = any(pg_blocking_pids(pid))")) {
            rows.next();
            return rows.getInt(1) > 0;
        }
    }

    /** The crowdfunding database's other connections, for the message when the sweep never came. */
    private static String activity(java.sql.Connection db) throws Exception {
        StringBuilder out = new StringBuilder();
        try (java.sql.Statement sql = db.createStatement();
             java.sql.ResultSet rows = sql.executeQuery("select pid, usename, state, wait_event_type, wait_event, left(query, 120) from pg_stat_activity"
                     + " where datname = current_database() and pid <> pg_backend_pid()")) {
            while (rows.next()) {
                out.append('\n').append(rows.getInt(1)).append(' ').append(rows.getString(2)).append(' ').append(rows.getString(3)).append(' ')
                        .append(rows.getString(4)).append(' ').append(rows.getString(5)).append(' ').append(rows.getString(6));
            }
        }
        return out.toString();
    }

    private JsonNode awaitSettlement(String token, String project, java.util.function.Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        JsonNode settlement = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = send("GET", "/api/crowdfunding/counties/621222/projects/" + project + "/settlement", token, null, null);
            if (response.statusCode() == 200) {
                settlement = JSON.readTree(response.body());
                if (done.test(settlement)) {
                    return settlement;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Project " + project + "'s settlement not as awaited within 90 s: " + settlement);
    }

    /** The records of the devstack's topic mentioning every needle, read from the start (a duplicate would be among them). */
    private static List<String> events(String topic, String... needles) {
        List<String> found = new java.util.ArrayList<>();
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(Map.<String, Object>of(
                "bootstrap.servers", stack.urls().get("kafka"), "group.id", "devstack-it-" + java.util.UUID.randomUUID(),
                "auto.offset.reset", "earliest"), new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            long settleUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, settleUntil)) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (java.util.Arrays.stream(needles).allMatch(record.value()::contains)) {
                        found.add(record.value());
                    }
                }
                if (!found.isEmpty() && settleUntil == Long.MAX_VALUE) {
                    settleUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                }
            }
        }
        return found;
    }

    private void awaitLedger(String token, String household, String month, String source, long amountFen) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<Long> amounts = List.of();
        while (System.nanoTime() < deadline) {
            amounts = ledgerAmounts(token, household, month, source);
            if (amounts.contains(amountFen)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Household " + household + "'s ledger shows " + source + " " + amounts + " for " + month + ", not " + amountFen);
    }

    private void linkWhenKnown(String token, String shop, String household, String link) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> response;
        do {
            response = send("PUT", "/api/shop-management/counties/621222/shops/" + shop + "/households/" + household, token, link, null);
            if (response.statusCode() == 200) {
                return;
            }
            Thread.sleep(250);
        } while (response.statusCode() == 422 && System.nanoTime() < deadline);
        throw new AssertionError("Linking household " + household + " answered " + response.statusCode() + ": " + response.body());
    }

    /** The amounts of the household's entries of a source in the month, read through the gateway. */
    private List<Long> ledgerAmounts(String token, String household, String month, String source) throws Exception {
        return ledgerAmounts(token, "621222", household, month, source);
    }

    private static List<Long> ledgerAmounts(String token, String county, String household, String month, String source) throws Exception {
        HttpResponse<String> ledger = send("GET", "/api/household-registry/counties/" + county + "/households/" + household + "/income?year="
                + month.substring(0, 4), token, null, null);
        assertThat(ledger.statusCode()).as(ledger.body()).isEqualTo(200);
        return java.util.regex.Pattern.compile("\\{[^{}]*\\}").matcher(ledger.body()).results().map(java.util.regex.MatchResult::group)
                .filter(entry -> entry.contains("\"source\":\"" + source + "\"") && entry.contains("\"month\":\"" + month + "\""))
                .map(entry -> Long.parseLong(entry.replaceAll(".*\"amountFen\":(\\d+).*", "$1"))).toList();
    }

    private static String household(String fileNumber, String village, String birthDate) {
        String first17 = "621222" + birthDate + String.format("%03d", Math.abs(fileNumber.hashCode()) % 1000);
        return householdWithId(fileNumber, village, first17 + checkCharacter(first17));
    }

    private static String householdWithId(String fileNumber, String village, String residentId) {
        return "{\"fileNumber\":\"" + fileNumber + "\",\"village\":\"" + village + "\",\"registrationYear\":2016,"
                + "\"guarantees\":{\"food\":true,\"clothing\":true,\"compulsoryEducation\":true,\"basicMedicalCare\":true,\"safeHousing\":true},"
                + "\"causes\":[\"LACK_OF_FUNDS\"],\"primaryCause\":\"LACK_OF_FUNDS\",\"head\":{\"name\":\"张三\",\"relation\":\"HEAD\","
                + "\"residentId\":\"" + residentId + "\",\"labourCapacity\":\"FULL\",\"health\":\"HEALTHY\","
                + "\"education\":\"JUNIOR_SECONDARY\"}}";
    }

    /** GB 11643's check character of a resident ID number's first 17 digits. */
    private static char checkCharacter(String first17) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * weights[i];
        }
        return "10X98765432".charAt(sum % 11);
    }

    private static String created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return response.body().replaceAll("(?s)^\\{\"id\":\"([0-9a-f-]{36})\".*", "$1");
    }

    @Test
    void a_buyer_scans_a_packs_code_and_opens_its_public_page_through_the_gateway_without_signing_in() throws Exception {
        String admin = token("grant_type=password&client_id=devstack-cli&username=admin-621222&password=admin-621222-demo");
        String supply = "/api/supply-platform/counties/621222";
        String products = send("GET", supply + "/products?limit=2000", admin, null, null).body();
        String product = products.replaceAll("(?s).*\\{\"id\":\"([0-9a-f-]{36})\"[^}]*?溯源装\".*", "$1");
        String lot = send("GET", supply + "/products/" + product + "/lots", admin, null, null).body().replaceAll("(?s)^\\[\\{\"id\":\"([0-9a-f-]{36})\".*", "$1");
        HttpResponse<String> lotRecord = send("GET", supply + "/lots/" + lot, admin, null, null);
        assertThat(lotRecord.statusCode()).as(lotRecord.body()).isEqualTo(200);
        List<String> households = java.util.regex.Pattern.compile("\"households\":\\[([^\\]]*)]").matcher(lotRecord.body()).results()
                .flatMap(m -> java.util.Arrays.stream(m.group(1).replace("\"", "").split(","))).filter(id -> !id.isBlank()).toList();
        assertThat(households).hasSize(4);

        // The phone scans the lot's QR code and follows it: no token, through the gateway.
        HttpResponse<byte[]> png = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + options.gatewayPort() + supply + "/lots/" + lot
                + "/qr.png")).header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(png.statusCode()).isEqualTo(200);
        String address = new com.google.zxing.MultiFormatReader().decode(new com.google.zxing.BinaryBitmap(new com.google.zxing.common.HybridBinarizer(
                new com.google.zxing.client.j2se.BufferedImageLuminanceSource(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png.body()))))))
                .getText();
        assertThat(address).startsWith("http://localhost:" + options.gatewayPort() + "/api/supply-platform/trace/");
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(address)).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("public, max-age=300");
        assertThat(page.body()).contains("溯源装", "4 户脱贫户供货", "种植基地", "物流园区", "<polyline").doesNotContain("加工车间", "<script");
        households.forEach(household -> assertThat(page.body()).doesNotContain(household));

        // A pack of the demo's print run, by a serial read off its label sheet: each scan counts.
        String runs = send("GET", supply + "/lots/" + lot + "/print-runs", admin, null, null).body();
        String run = runs.replaceAll("(?s)^\\[\\{\"id\":\"([0-9a-f-]{36})\".*", "$1");
        HttpResponse<byte[]> pdf = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + options.gatewayPort() + supply + "/lots/" + lot
                + "/print-runs/" + run + "/labels.pdf")).header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        String serial;
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            serial = java.util.regex.Pattern.compile("\\b[0-9A-HJKMNP-TV-Z]{12}\\b").matcher(new org.apache.pdfbox.text.PDFTextStripper().getText(document))
                    .results().map(java.util.regex.MatchResult::group).findFirst().orElseThrow();
        }
        String pack = address + "/" + serial;
        assertThat(get(pack).body()).contains("您是第一位查询此码的人");
        assertThat(get(pack).body()).contains("此码已被查询 2 次");
        assertThat(get(address + "/ZZZZZZZZZZZZ").statusCode()).isEqualTo(404);

        // A flood from one address is limited at the edge: the anonymous budget is 30 at once, 10 a second.
        int limited = 0;
        for (int i = 0; i < 60; i++) {
            HttpResponse<String> flood = get(address);
            if (flood.statusCode() == 429) {
                assertThat(flood.headers().firstValue("Retry-After")).isPresent();
                limited++;
            }
        }
        assertThat(limited).as("scans refused once the address's budget was spent").isPositive();
    }

    /** A demo user's token; their passwords are their names with "-demo". */
    private static String userToken(String user) throws Exception {
        return token("grant_type=password&client_id=devstack-cli&username=" + user + "&password=" + user + "-demo");
    }

    private static String token(String form) throws Exception {
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(stack.urls().get("issuer") + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return token.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
    }

    private static HttpResponse<String> send(String method, String path, String token, String json, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + options.gatewayPort() + path))
                .header("Authorization", "Bearer " + token)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<ProcessHandle> descendants() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean refused(String url) throws Exception {
        try {
            get(url);
            return false;
        } catch (ConnectException e) {
            return true;
        }
    }

    /**
     * The portal in Debian's Chromium against this stack: users sign in on Keycloak's own login page, and every page
     * shows what the services answer through the gateway. Screenshots of the main pages go to
     * target/portal-screenshots for review (docs/portal.md shows them).
     */
    @Nested
    @Order(1)
    class PortalInABrowser {

        private static PortalBrowser browser;

        @BeforeAll
        static void openBrowser() {
            browser = new PortalBrowser(options.portalOrigin());
        }

        @AfterAll
        static void closeBrowser() {
            browser.close();
        }

        @Test
        void a_county_admin_signs_in_through_keycloak_and_sees_only_wen_county() {
            Page page = browser.signIn("admin-621222", "admin-621222-demo");

            assertThat(page.url()).isEqualTo(browser.url("/counties/621222"));
            assertThat(page.locator("h1").innerText()).startsWith("文县");
            assertThat(page.locator("html").getAttribute("lang")).isEqualTo("zh-CN");
            assertThat(page.locator("#county-switch").count()).as("a county admin has no county switcher").isZero();
            assertThat(page.locator("#uncovered-villages li").count()).isPositive();
            browser.screenshot(page, "dashboard");

            // Another county's page, typed in by hand: refused, and nothing of Kang County shows.
            Response kang = page.navigate(browser.url("/counties/621224/households"));
            assertThat(kang.status()).isEqualTo(404);
            assertThat(page.content()).doesNotContain("康县");
            Response kangByGateway = page.navigate(browser.url("/counties/621224"));
            assertThat(kangByGateway.status()).isEqualTo(404);

            // Signing out ends the Keycloak session too: the next visit asks for the password again.
            page.navigate(browser.url("/counties/621222"));
            page.locator("form[action='/logout'] button").click();
            page.waitForURL(url -> url.startsWith(options.portalOrigin()) || url.contains("/realms/"));
            page.navigate(browser.url("/counties/621222"));
            assertThat(page.locator("#username").count()).isEqualTo(1);
            page.context().close();
        }

        @Test
        void the_language_switches_to_english_and_back_and_amounts_follow_it() {
            Page page = browser.signIn("clerk-621222", "clerk-621222-demo");
            assertThat(page.locator("h1").innerText()).contains("概况");
            assertThat(page.locator("#income-per-member").innerText()).startsWith("¥");

            page.locator("#lang-en").click();
            page.waitForURL(browser.url("/counties/621222"));
            assertThat(page.locator("html").getAttribute("lang")).isEqualTo("en");
            assertThat(page.locator("h1").innerText()).isEqualTo("Wen County in " + java.time.Year.now(java.time.ZoneId.of("Asia/Shanghai")));
            assertThat(page.locator("nav.sections").innerText()).contains("Households", "Shops");
            assertThat(page.locator("#income-per-member").innerText()).startsWith("CN¥");
            browser.screenshot(page, "dashboard-english");

            // The choice is remembered on the next page, and switching back restores Chinese.
            page.navigate(browser.url("/counties/621222/households"));
            assertThat(page.locator("h1").innerText()).isEqualTo("Wen County · Households");
            page.locator("#lang-zh").click();
            page.waitForURL(browser.url("/counties/621222/households"));
            assertThat(page.locator("h1").innerText()).isEqualTo("文县 · 贫困户");
            page.context().close();
        }

        @Test
        void a_csv_with_two_bad_rows_is_imported_with_a_progress_bar_to_100_and_the_two_rows_reported() throws Exception {
            String village = wenVillage();
            StringBuilder csv = new StringBuilder("file_number,village_code,registration_year,relation,name,resident_id,phone,labour_capacity,"
                    + "health,education,ecommerce_skills,causes,primary_cause,helper_cadre,food,clothing,compulsory_education,"
                    + "basic_medical_care,safe_housing\n");
            for (int i = 1; i <= 60; i++) {
                csv.append("WEB-").append(i).append(',').append(village).append(",2016,HEAD,户主").append(i).append(',')
                        .append(residentId(String.format("1970%02d%02d", i % 12 + 1, i % 28 + 1), i)).append(",,FULL,HEALTHY,PRIMARY,,ILLNESS,ILLNESS,,1,1,1,1,1\n");
            }
            // Two bad rows: a village of another county, and an ID number with a wrong check character.
            csv.append("WEB-BAD-1,621224101201,2016,HEAD,坏行一,").append(residentId("19800101", 901)).append(",,FULL,HEALTHY,PRIMARY,,ILLNESS,ILLNESS,,1,1,1,1,1\n");
            String wrong = residentId("19800202", 902);
            wrong = wrong.substring(0, 17) + (wrong.charAt(17) == '1' ? '2' : '1');
            csv.append("WEB-BAD-2,").append(village).append(",2016,HEAD,坏行二,").append(wrong).append(",,FULL,HEALTHY,PRIMARY,,ILLNESS,ILLNESS,,1,1,1,1,1\n");
            Path file = Files.createTempFile("households-", ".csv");
            Files.writeString(file, csv);

            Page page = browser.signIn("clerk-621222", "clerk-621222-demo");
            page.navigate(browser.url("/counties/621222/imports"));
            page.locator("#import-form input[type=file]").setInputFiles(file);
            page.locator("#import-form button[type=submit]").click();
            page.waitForURL(url -> url.matches(".*/counties/621222/imports/[0-9a-f-]{36}$"));

            // htmx replaces the bar every second until the registry reports the job ended.
            // (An attribute selector, not a script: the portal's content security policy forbids evaluated scripts.)
            assertThat(page.locator("#import-bar").getAttribute("max")).isEqualTo("100");
            page.locator("#import-bar[value='100']").waitFor(new Locator.WaitForOptions().setTimeout(60_000));
            assertThat(page.locator("#import-outcome").innerText()).isEqualTo("导入完成");
            assertThat(page.locator("#import-created").innerText()).isEqualTo("60");
            assertThat(page.locator("#import-rejected").innerText()).isEqualTo("2");
            assertThat(page.locator("#rejections tbody tr").count()).isEqualTo(2);
            assertThat(page.locator("#rejections").innerText()).contains("WEB-BAD-1", "WEB-BAD-2");
            browser.screenshot(page, "import");

            Download download = page.waitForDownload(() -> page.locator("#rejections-csv").click());
            String rejected = Files.readString(download.path());
            assertThat(rejected).contains("WEB-BAD-1").contains("WEB-BAD-2").doesNotContain("WEB-1,");

            page.navigate(browser.url("/counties/621222/households?village=" + village));
            assertThat(page.locator("#households tbody tr").count()).isGreaterThanOrEqualTo(50);
            assertThat(page.locator("#households .masked").first().innerText()).contains("*");
            browser.screenshot(page, "households");
            page.locator("#households tbody tr a").first().click();
            page.waitForURL(url -> url.matches(".*/counties/621222/households/[0-9a-f-]{36}$"));
            assertThat(page.locator("#members tbody tr").count()).isEqualTo(1);
            assertThat(page.locator("#household-status").innerText()).isEqualTo("未脱贫");
            assertThat(page.locator("#transition-LIFTED").count()).as("a registered household may be lifted").isEqualTo(1);
            browser.screenshot(page, "household");
            page.context().close();
        }

        @Test
        void a_county_admin_approves_a_subsidy_from_the_queue() throws Exception {
            String admin = token("grant_type=password&client_id=devstack-cli&username=admin-621222&password=admin-621222-demo");
            String village = wenVillage();
            String household = created(send("POST", "/api/household-registry/counties/621222/households", admin,
                    household("SUB-0001", village, "19660606"), null));
            String shop = createWhenKnown(admin, "{\"village\":\"" + village + "\",\"name\":\"文县纹党参小店\",\"platform\":\"PINDUODUO\","
                    + "\"ownerCategory\":\"POOR_HOUSEHOLD\",\"ownerHousehold\":\"" + household + "\",\"status\":\"OPEN\"}");
            int year = java.time.Year.now(java.time.ZoneId.of("Asia/Shanghai")).getValue();
            assertThat(send("PUT", "/api/shop-management/counties/621222/subsidy-budgets/" + year, admin, "{\"budgetFen\":100000000}", null)
                    .statusCode()).isIn(200, 201);
            // Four eyes: the clerk submits, the admin approves.
            String clerk = token("grant_type=password&client_id=devstack-cli&username=clerk-621222&password=clerk-621222-demo");
            String subsidy = created(send("POST", "/api/shop-management/counties/621222/subsidies", clerk, "{\"shop\":\"" + shop + "\"}", null));

            Page page = browser.signIn("admin-621222", "admin-621222-demo");
            page.navigate(browser.url("/counties/621222/subsidies"));
            Locator row = page.locator("#subsidy-" + subsidy);
            assertThat(row.innerText()).contains("SUB-0001", "文县纹党参小店", "¥10,000.00");
            browser.screenshot(page, "subsidies");
            page.onceDialog(dialog -> dialog.accept());
            row.locator("button.approve").click();
            row.locator(".status.decided").waitFor();
            assertThat(row.locator(".status.decided").innerText()).isEqualTo("已批准");
            assertThat(send("GET", "/api/shop-management/counties/621222/subsidies/" + subsidy, admin, null, null).body())
                    .contains("\"status\":\"APPROVED\"").contains("\"decidedBy\"");

            // Approving it again (a second tab, a double click) is refused in words, not with a stack trace.
            page.navigate(browser.url("/counties/621222/subsidies"));
            assertThat(page.locator("#subsidy-" + subsidy).count()).as("decided: no longer in the queue").isZero();
            page.navigate(browser.url("/counties/621222/coverage"));
            assertThat(page.locator("#coverage-table tbody tr").count()).isPositive();
            browser.screenshot(page, "coverage");
            page.navigate(browser.url("/counties/621222/shops/" + shop));
            browser.screenshot(page, "shop");
            page.context().close();
        }

        /** The devstack's demo data (DemoSeeding): a newcomer's portal shows households, shops and their income at once. */
        @Test
        void a_newcomer_finds_wen_county_filled_with_households_shops_and_their_income() throws Exception {
            String admin = token("grant_type=password&client_id=devstack-cli&username=admin-621222&password=admin-621222-demo");
            tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder().build();
            tools.jackson.databind.JsonNode shops = json.readTree(send("GET", "/api/shop-management/counties/621222/shops?limit=100", admin,
                    null, null).body());
            // A shop the demo data opened: owned by a registered household, with a supplier household linked.
            tools.jackson.databind.JsonNode shop = null;
            String supplier = null;
            for (tools.jackson.databind.JsonNode listed : shops) {
                // The first village is the other tests' (the demo data leaves it empty).
                if (!listed.path("ownerCategory").asString().equals("POOR_HOUSEHOLD") || listed.path("village").asString().equals(wenVillage())) {
                    continue;
                }
                tools.jackson.databind.JsonNode candidate = json.readTree(send("GET", "/api/shop-management/counties/621222/shops/"
                        + listed.path("id").asString(), admin, null, null).body());
                for (tools.jackson.databind.JsonNode link : candidate.path("households")) {
                    if (link.path("role").asString().equals("SUPPLIER")) {
                        shop = candidate;
                        supplier = link.path("household").asString();
                    }
                }
                if (shop != null) {
                    break;
                }
            }
            assertThat(shop).as("a demo shop owned by a household, with a supplier, among " + shops).isNotNull();
            tools.jackson.databind.JsonNode owned = shop;
            String name = shop.path("name").asString();

            Page page = browser.signIn("admin-621222", "admin-621222-demo");
            assertThat(page.locator("#uncovered-villages li").count()).isPositive();
            // The supplier's share of twelve months of sales reached its ledger; the page names the shop, not an origin id.
            String household = supplier;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            do {
                page.navigate(browser.url("/counties/621222/households/" + household + "?year=" + java.time.YearMonth.now(
                        java.time.ZoneId.of("Asia/Shanghai")).minusMonths(1).getYear()));
            } while (page.locator("#ledger").count() == 0 && System.nanoTime() < deadline);
            assertThat(page.locator("#household-shops").innerText()).contains(name).contains("营业中").contains("供货");
            assertThat(page.locator("#ledger").innerText()).contains(name + "销售分成").doesNotContain("shop:");
            browser.screenshot(page, "household-with-income");
            // The owner's page: the shop it owns and its opening subsidy, paid.
            String owner = owned.path("ownerHousehold").asString();
            deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            do {
                page.navigate(browser.url("/counties/621222/households/" + owner));
            } while (page.locator("#ledger").count() == 0 && System.nanoTime() < deadline);
            assertThat(page.locator("#household-shops").innerText()).contains(name).contains("店主");
            assertThat(page.locator("#ledger").innerText()).contains("开店补贴（付款凭证 DEMO-").doesNotContain("subsidy:");
            browser.screenshot(page, "household-owner");
            page.context().close();
        }

        /** The supply pages over the demo data (DemoSupply): organisations, an order's premium, a wage sheet, a dividend. */
        @Test
        void a_county_admin_follows_wen_countys_supply_side_from_organisations_to_a_households_dividend() throws Exception {
            String admin = token("grant_type=password&client_id=devstack-cli&username=admin-621222&password=admin-621222-demo");
            tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder().build();
            String supply = "/api/supply-platform/counties/621222";
            tools.jackson.databind.JsonNode organisations = json.readTree(send("GET", supply + "/organisations?limit=500", admin, null, null).body());
            String herbCompany = null;
            String cooperative = null;
            for (tools.jackson.databind.JsonNode organisation : organisations) {
                if (organisation.path("name").asString().equals("文县纹党参产业开发有限公司")) {
                    herbCompany = organisation.path("id").asString();
                }
                if (!organisation.path("kind").asString().equals("COOPERATIVE")) {
                    continue;
                }
                tools.jackson.databind.JsonNode dividends = json.readTree(send("GET", supply + "/organisations/" + organisation.path("id").asString()
                        + "/dividends", admin, null, null).body());
                if (!dividends.isEmpty()) {
                    cooperative = organisation.path("id").asString();
                }
            }
            assertThat(herbCompany).as("Wen County's herb company among " + organisations).isNotNull();
            assertThat(cooperative).as("the demo's cooperative that paid a dividend").isNotNull();
            tools.jackson.databind.JsonNode orders = json.readTree(send("GET", supply + "/purchase-orders?organisation=" + herbCompany, admin, null, null).body());
            String herbOrder = orders.get(0).path("id").asString();
            tools.jackson.databind.JsonNode workshops = json.readTree(send("GET", supply + "/workshops", admin, null, null).body());
            String workshop = null;
            for (tools.jackson.databind.JsonNode listed : workshops) {
                // The demo's (the end-to-end test may have opened one of its own before).
                if (listed.path("name").asString().endsWith("扶贫车间")) {
                    workshop = listed.path("id").asString();
                }
            }
            assertThat(workshop).as("the demo's workshop among " + workshops).isNotNull();
            tools.jackson.databind.JsonNode dividend = json.readTree(send("GET", supply + "/organisations/" + cooperative + "/dividends", admin, null, null)
                    .body()).get(0);
            String lastMonth = java.time.YearMonth.now(java.time.ZoneId.of("Asia/Shanghai")).minusMonths(1).toString();

            Page page = browser.signIn("admin-621222", "admin-621222-demo");
            page.navigate(browser.url("/counties/621222/organisations"));
            // The demo's ten, and any the end-to-end test registered before.
            assertThat(page.locator("#organisations tbody tr").count()).isGreaterThanOrEqualTo(10);
            assertThat(page.locator("#organisations").innerText()).contains("文县纹党参产业开发有限公司", "农民专业合作社", "电子商务协会");
            // The green-food certificate that expires in 20 days is on the county's warning list.
            assertThat(page.locator("#expiring-certificates").innerText()).contains("绿色食品");
            page.locator("#organisations a", new Page.LocatorOptions().setHasText("文县纹党参产业开发有限公司")).click();
            assertThat(page.locator("#products tbody tr").count()).isPositive();
            browser.screenshot(page, "organisation");
            // A product whose green-food certificate expired 40 days ago is delisted, with the reason.
            tools.jackson.databind.JsonNode products = json.readTree(send("GET", supply + "/products?limit=2000", admin, null, null).body());
            String delisted = null;
            for (tools.jackson.databind.JsonNode product : products) {
                if (!product.path("listed").asBoolean() && "GREEN_FOOD".equals(product.path("requiredCertification").asString())) {
                    delisted = product.path("id").asString();
                }
            }
            assertThat(delisted).as("a delisted green-food product among the demo's").isNotNull();
            page.navigate(browser.url("/counties/621222/products/" + delisted));
            assertThat(page.locator("#product-listing").innerText()).contains("已下架").contains("必需认证已过期");
            assertThat(page.locator("#certifications").innerText()).contains("已过期");
            browser.screenshot(page, "product-delisted");

            // Longnan's account (320,000 kg of Codonopsis from three villages), scaled 1:100, held against the month's reference price.
            page.navigate(browser.url("/counties/621222/purchase-orders/" + herbOrder));
            assertThat(page.locator("#order-delivered").innerText()).contains("3,200").contains("公斤");
            assertThat(page.locator("#order-premium").innerText()).matches(".*[1-9].*");
            assertThat(page.locator("#deliveries tbody tr").count()).isPositive();
            assertThat(page.locator("#deliveries").innerText()).contains("已付款").contains("待付款");
            PortalBrowser.assertTranslated(page, "purchase-order");
            browser.screenshot(page, "purchase-order");

            // Last month's wage sheet: twelve days of four people, one day below the minimum, paid on one payday.
            page.navigate(browser.url("/counties/621222/workshops/" + workshop + "?month=" + lastMonth));
            assertThat(page.locator("#wages tbody tr").count()).isEqualTo(48);
            assertThat(page.locator("#wages tr.flagged").count()).isEqualTo(1);
            assertThat(page.locator("#paydays tbody tr").count()).isEqualTo(1);
            assertThat(page.locator("#workshop-flagged").innerText()).isEqualTo("1");
            browser.screenshot(page, "workshop");

            // The cooperative's dividend: ten stakes of 50,000 yuan at 10 %, 5,000 yuan each, 50,000 in all.
            page.navigate(browser.url("/counties/621222/organisations/" + cooperative + "/dividends/" + dividend.path("id").asString()));
            assertThat(page.locator("#dividend-parts tbody tr").count()).isEqualTo(10);
            assertThat(page.locator("#dividend-total").innerText()).contains("50,000.00");
            String shareholder = json.readTree(send("GET", supply + "/organisations/" + cooperative + "/dividends/" + dividend.path("id").asString(),
                    admin, null, null).body()).path("parts").get(0).path("household").asString();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            do {
                page.navigate(browser.url("/counties/621222/households/" + shareholder + "?year=" + lastMonth.substring(0, 4)));
            } while (!page.locator("#ledger").innerText().contains("入股分红") && System.nanoTime() < deadline);
            assertThat(page.locator("#ledger").innerText()).contains("入股分红").doesNotContain("supply:");

            page.navigate(browser.url("/counties/621222/purchase-orders/" + herbOrder));
            page.locator("#lang-en").click();
            assertThat(page.locator("#order-delivered").innerText()).contains("3,200 kg");
            PortalBrowser.assertTranslated(page, "purchase-order in English");
            page.locator("#lang-zh").click();
            page.context().close();
        }

        /** A traced lot of the demo (DemoSupply): its product's lots, the lot's timeline with one private step, its QR code and labels. */
        @Test
        void a_county_admin_opens_a_traced_lot_with_its_timeline_qr_code_and_label_sheet() throws Exception {
            String admin = token("grant_type=password&client_id=devstack-cli&username=admin-621222&password=admin-621222-demo");
            tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder().build();
            String product = null;
            for (tools.jackson.databind.JsonNode listed : json.readTree(send("GET", "/api/supply-platform/counties/621222/products?limit=2000", admin,
                    null, null).body())) {
                if (listed.path("name").asString().endsWith("溯源装")) {
                    product = listed.path("id").asString();
                }
            }
            assertThat(product).as("the demo's traced product").isNotNull();

            Page page = browser.signIn("admin-621222", "admin-621222-demo");
            page.navigate(browser.url("/counties/621222/products/" + product));
            assertThat(page.locator("#lots tbody tr").count()).isEqualTo(1);
            page.locator("#lots tbody a").first().click();
            assertThat(page.locator("#lot-households").innerText()).contains("4");
            assertThat(page.locator("#trace-events tbody tr").count()).isEqualTo(5);
            assertThat(page.locator("#trace-events tr.step-private").count()).as("processing stays private").isEqualTo(1);
            assertThat(page.locator("#trace-events tr.step-private").innerText()).contains("加工");
            // The QR code comes through the portal as an image of its own: wait for it (a timeout fails the test).
            page.waitForFunction("() => { const img = document.querySelector('img[src*=\"qr.svg\"]');"
                    + " return img !== null && img.complete && img.naturalWidth > 0; }", null, new Page.WaitForFunctionOptions().setTimeout(15_000));
            Download sheet = page.waitForDownload(() -> page.locator("#print-runs a.labels-pdf").first().click());
            assertThat(new String(Files.readAllBytes(sheet.path()), 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
            browser.screenshot(page, "lot");
            page.navigate(browser.url("/counties/621222/copy-suspicions"));
            assertThat(page.locator("h1").innerText()).isNotBlank();
            browser.screenshot(page, "copy-suspicions");
            page.context().close();
        }

        @Test
        void a_county_admin_sees_the_logistics_network_on_its_map_and_plans_a_townships_milk_run() throws Exception {
            Page page = browser.signIn("admin-621222", "admin-621222-demo");
            page.navigate(browser.url("/counties/621222/logistics"));
            // The demo network: the park, a station per township and a post in each poor village, drawn on the map.
            assertThat(page.locator("#nodes tbody tr").count()).isGreaterThan(5);
            assertThat(page.locator("#nodes tbody tr.level-COUNTY_PARK").count()).isEqualTo(1);
            page.waitForFunction("() => document.querySelector('#network-map canvas') !== null", null,
                    new Page.WaitForFunctionOptions().setTimeout(15_000));
            browser.screenshot(page, "logistics-network");

            // Tomorrow's demo pickups: plan the township of one of them.
            String admin = token("grant_type=password&client_id=devstack-cli&username=admin-621222&password=admin-621222-demo");
            String tomorrow = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(1).toString();
            String village = null;
            for (JsonNode booking : JSON.readTree(send("GET", "/api/logistics-booking/counties/621222/bookings?day=" + tomorrow, admin, null, null)
                    .body())) {
                if ("UPLINK".equals(booking.path("direction").asString()) && "HOUSEHOLD".equals(booking.path("senderKind").asString())) {
                    village = booking.path("village").asString();
                }
            }
            assertThat(village).as("a demo pickup tomorrow").isNotNull();
            page.navigate(browser.url("/counties/621222/logistics/milk-runs"));
            page.locator("#plan-form select[name=township]").selectOption(village.substring(0, 9));
            page.locator("#plan-form input[name=day]").fill(tomorrow);
            page.locator("#plan-form input[name=budgetSeconds]").fill("2");
            page.locator("#plan-form button[type=submit]").click();
            page.waitForURL(java.util.regex.Pattern.compile(".*/logistics/milk-runs/[0-9a-f-]{36}.*"));
            assertThat(page.locator("#milk-run-facts").innerText()).isNotBlank();
            assertThat(page.locator("[id^=pickup-]").count()).as("the township's pickups on the plan").isPositive();
            page.waitForFunction("() => document.querySelector('#milk-run-map canvas') !== null", null,
                    new Page.WaitForFunctionOptions().setTimeout(15_000));
            browser.screenshot(page, "milk-run");
            page.context().close();
        }

        @Test
        void a_lecturer_shows_the_rotating_check_in_code_and_the_room_fills_as_people_check_in() throws Exception {
            String clerk = token("grant_type=password&client_id=devstack-cli&username=clerk-621222&password=clerk-621222-demo");
            String training = "/api/training/counties/621222";
            String session = JSON.readTree(send("GET", training + "/sessions", clerk, null, null).body()).get(0).path("id").asString();
            String sitting = JSON.readTree(send("GET", training + "/sessions/" + session + "/sittings", clerk, null, null).body()).get(0).path("id")
                    .asString();

            Page page = browser.signIn("clerk-621222", "clerk-621222-demo");
            page.navigate(browser.url("/counties/621222/training/sittings/" + sitting + "/screen"));
            assertThat(page.locator("#fallback-code").innerText().strip()).matches("\\d{6}");
            // The QR code comes through the portal as an image of its own: wait for it (a timeout fails the test).
            page.waitForFunction("() => { const img = document.querySelector('#screen-qr');"
                    + " return img !== null && img.complete && img.naturalWidth > 0; }", null, new Page.WaitForFunctionOptions().setTimeout(15_000));
            assertThat(page.locator("#checked-in").innerText()).isNotBlank();
            browser.screenshot(page, "training-screen");
            page.navigate(browser.url("/counties/621222/training/coverage"));
            assertThat(page.locator("h1").innerText()).isNotBlank();
            browser.screenshot(page, "training-coverage");
            page.context().close();
        }

        @Test
        void a_county_admin_opens_wen_countys_crowdfunding_projects_with_the_demo_ones() throws Exception {
            String admin = token("grant_type=password&client_id=devstack-cli&username=admin-621222&password=admin-621222-demo");
            JsonNode open = JSON.readTree(send("GET", "/api/crowdfunding/counties/621222/projects?status=PUBLISHED", admin, null, null).body());
            JsonNode demo = null;
            for (JsonNode project : open) {
                if (project.path("title").asString().endsWith("预售今年新货")) {
                    demo = project;
                }
            }
            assertThat(demo).as("a demo project open for pledges in Wen County").isNotNull();

            Page page = browser.signIn("admin-621222", "admin-621222-demo");
            Response list = page.navigate(browser.url("/counties/621222/crowdfunding"));
            assertThat(list.status()).isEqualTo(200);
            assertThat(page.locator("#projects tbody tr").count()).isGreaterThanOrEqualTo(4);
            assertThat(page.locator("#project-" + demo.path("id").asString()).innerText()).contains(demo.path("title").asString());
            browser.screenshot(page, "crowdfunding");
            page.context().close();
        }

        @Test
        void a_city_officer_compares_the_citys_counties_and_switches_between_two() {
            Page page = browser.signIn("longnan-officer", "longnan-demo");

            assertThat(page.url()).isEqualTo(browser.url("/compare"));
            assertThat(page.locator("#comparison tbody tr").count()).isEqualTo(9);
            browser.screenshot(page, "compare");

            page.locator("#county-switch").selectOption("621224");
            page.locator("form.switcher button").click();
            page.waitForURL(browser.url("/counties/621224"));
            assertThat(page.locator("h1").innerText()).startsWith("康县");

            page.locator("#county-switch").selectOption("621222");
            page.locator("form.switcher button").click();
            page.waitForURL(browser.url("/counties/621222"));
            assertThat(page.locator("h1").innerText()).startsWith("文县");
            page.context().close();
        }

        private String wenVillage() {
            return stack.dataset().villages().stream().filter(v -> v.countyCode().equals("621222")).findFirst().orElseThrow().code();
        }

        private static String residentId(String birthDate, int serial) {
            String first17 = "621222" + birthDate + String.format("%03d", serial % 1000);
            return first17 + checkCharacter(first17);
        }

        /** Shop management learns of a household from the registry's events: register the shop once it has. */
        private String createWhenKnown(String token, String shop) throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            HttpResponse<String> response;
            do {
                response = send("POST", "/api/shop-management/counties/621222/shops", token, shop, null);
                if (response.statusCode() == 201) {
                    return created(response);
                }
                Thread.sleep(300);
            } while (System.nanoTime() < deadline);
            throw new AssertionError("The shop was refused: " + response.statusCode() + " " + response.body());
        }
    }

    /**
     * Issue 22's fault tests: Kafka and PostgreSQL stopped under load while every service runs. They stop what every
     * other test needs, so they run last (after the browser's tests), bring the server back in {@code finally} whatever
     * failed, and end only when every app is ready again. They write to Liangdang (621228), where no other test writes,
     * so the counts they check are their own.
     */
    @Nested
    @Order(2)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class Faults {

        private static final String COUNTY = "621228";
        private static final String REGISTRY = "household_registry";
        private static final String SUPPLY = "supply_platform";
        /** What each dividend part is: 10 % of a 50,000-yuan stake. */
        private static final long PART_FEN = 500_000;
        /** Each test's bound, set-up and catching up included, on a loaded two-CPU machine. */
        private static final Duration BOUND = Duration.ofMinutes(4);

        /**
         * 10,000 events from two services: the registry's two imports (9,000 households, each a household.registered.v1
         * that five services copy) and the supply platform's two dividends (1,000 parts, each a ledger entry in the
         * registry). Kafka stops once the second import's events are arriving and stays away 30 s while the rest is
         * written; afterwards every copy and the ledger hold exactly what was written, each event applied once, and
         * nothing was dead-lettered or left in an outbox.
         */
        @Test
        @Order(1)
        void kafka_stopped_for_30_s_amid_10000_writes_of_two_services_then_every_event_is_applied_once_and_none_dead_lettered() throws Exception {
            Timeline timeline = new Timeline();
            Map<String, Double> deadLetters = metricByApp("consumer_dead_letters_total");
            Map<String, Double> deadRows = metricByApp("outbox_dead_events_total");
            String clerk = userToken("clerk-" + COUNTY);
            String admin = userToken("admin-" + COUNTY);
            LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));

            // With Kafka up: 1,000 households, and two cooperatives' shareholders among them (by SQL: a stake needs a
            // household the supply platform has copied, and setting up is not what is tested).
            awaitImport(clerk, importHouseholds(clerk, "FT1A-", 0, 1_000), 1_000, timeline.deadline());
            awaitCount("the first import in the supply platform's copy", SUPPLY, copied("FT1A-"), 1_000, timeline.deadline());
            List<UUID> shareholders = householdIds("FT1A-");
            String cooperative = organisation(clerk, "故障测试合作社一");
            String association = organisation(clerk, "故障测试合作社二");
            stakes(cooperative, shareholders.subList(0, 500), today);
            stakes(association, shareholders.subList(500, 1_000), today);
            timeline.mark("1,000 households imported and copied, 1,000 stakes");

            // Then an import of 8,000 and a dividend, and once their events are arriving Kafka goes.
            String second = importHouseholds(clerk, "FT1B-", 1_000, 8_000);
            String dividend1 = declareDividend(admin, cooperative, today);
            awaitCount("the second import's first households in the supply platform's copy", SUPPLY,
                    copied("FT1B-").replace("count(*)", "least(count(*), 1)"), 1, timeline.deadline());
            long copiedWhenStopped = count(SUPPLY, copied("FT1"));
            timeline.mark("second import and first dividend under way");
            stack.kafka().stop();
            long stoppedAt = System.nanoTime();
            timeline.mark("Kafka stopped");
            String dividend2;
            try {
                // Written while the broker is away: the outboxes keep them.
                dividend2 = declareDividend(admin, association, today);
                awaitImport(clerk, second, 8_000, timeline.deadline());
                timeline.mark("second import and dividend written");
                Thread.sleep(Math.max(0, Duration.ofSeconds(30).toMillis() - (System.nanoTime() - stoppedAt) / 1_000_000));
            } finally {
                stack.kafka().restart();
            }
            timeline.mark("Kafka back");
            assertThat(copiedWhenStopped).as("households the supply platform had copied when Kafka stopped").isBetween(1_001L, 8_999L);

            awaitConverged(new Expected("FT1", 9_000, Map.of(dividend1, 500, dividend2, 500)), timeline.deadline());
            timeline.mark("converged");
            assertNothingDeadSince(deadLetters, deadRows);
            // As users see it: a shareholder of each cooperative has the one part in the ledger.
            String month = java.time.YearMonth.from(today).toString();
            assertThat(ledgerAmounts(admin, COUNTY, shareholders.get(0).toString(), month, "DIVIDEND")).containsExactly(PART_FEN);
            assertThat(ledgerAmounts(admin, COUNTY, shareholders.get(999).toString(), month, "DIVIDEND")).containsExactly(PART_FEN);
            System.out.printf("Kafka fault: %,d of 9,000 households copied when the broker stopped; %s%n", copiedWhenStopped, timeline);
        }

        /**
         * PostgreSQL stopped under every service while the events of 1,000 households and 500 dividend parts are being
         * applied, and started again 20 s later: every service recovers by itself (ready, and a user's write goes through
         * and reaches the copies), the copies and the ledger catch up to exactly what was written, and nothing is
         * dead-lettered or left in an outbox.
         */
        @Test
        @Order(2)
        void postgresql_restarted_after_20_s_while_events_flow_then_copies_catch_up_and_none_are_dead_lettered() throws Exception {
            Timeline timeline = new Timeline();
            Map<String, Double> deadLetters = metricByApp("consumer_dead_letters_total");
            Map<String, Double> deadRows = metricByApp("outbox_dead_events_total");
            String clerk = userToken("clerk-" + COUNTY);
            String admin = userToken("admin-" + COUNTY);
            LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));

            awaitImport(clerk, importHouseholds(clerk, "FT2C-", 9_000, 500), 500, timeline.deadline());
            awaitCount("the import in the supply platform's copy", SUPPLY, copied("FT2C-"), 500, timeline.deadline());
            List<UUID> shareholders = householdIds("FT2C-");
            String cooperative = organisation(clerk, "故障测试合作社三");
            stakes(cooperative, shareholders, today);
            timeline.mark("500 households imported and copied, 500 stakes");

            // Every write is committed before the database goes (an import cut off by it fails its job, by design), and
            // their events are being applied when it does.
            awaitImport(clerk, importHouseholds(clerk, "FT2E-", 9_500, 1_000), 1_000, timeline.deadline());
            String dividend = declareDividend(admin, cooperative, today);
            String ledger = "select count(*) from income_entry where county_code = '" + COUNTY + "' and origin like 'supply:dividend:" + dividend + ":%'";
            awaitCount("the dividend's first entries in the ledger", REGISTRY, ledger.replace("count(*)", "least(count(*), 1)"), 1,
                    timeline.deadline());
            long appliedWhenStopped = count(REGISTRY, ledger);
            for (String copy : copies()) {
                appliedWhenStopped += count(copy, copied("FT2E-"));
            }
            timeline.mark("1,000 households and a dividend written");
            stack.postgres().stop();
            timeline.mark("PostgreSQL stopped");
            try {
                Thread.sleep(20_000);
            } finally {
                stack.postgres().restart();
            }
            timeline.mark("PostgreSQL back");
            int inFlight = 500 + 1_000 * copies().size();
            assertThat(appliedWhenStopped).as("ledger entries and copied households when PostgreSQL stopped").isLessThan(inFlight);

            awaitReady(timeline.deadline());
            timeline.mark("every app ready");
            // A user's write is answered again and reaches the copies like the rest.
            created(send("POST", "/api/household-registry/counties/" + COUNTY + "/households", admin,
                    householdWithId("FT2X-1", villages().get(0), residentId(10_500)), null));
            awaitConverged(new Expected("FT2", 1_501, Map.of(dividend, 500)), timeline.deadline());
            timeline.mark("converged");
            assertNothingDeadSince(deadLetters, deadRows);
            System.out.printf("PostgreSQL fault: %,d of %,d applications done when the server stopped; %s%n", appliedWhenStopped, inFlight, timeline);
        }

        /** When each step of a test ended, for its printout; and the test's bound. */
        private static final class Timeline {
            private final long start = System.nanoTime();
            private final StringBuilder marks = new StringBuilder();

            long deadline() {
                return start + BOUND.toNanos();
            }

            void mark(String step) {
                marks.append(String.format(java.util.Locale.ROOT, "%n  %6.1f s  %s", (System.nanoTime() - start) / 1e9, step));
            }

            @Override
            public String toString() {
                return marks.toString();
            }
        }

        /** What the writes of a test must have led to: households whose file numbers start with the prefix, and dividends' parts. */
        private record Expected(String prefix, int households, Map<String, Integer> dividendParts) {
        }

        /**
         * Waits until every copy holds exactly the expected households, each from its one registration event, the ledger
         * holds each dividend's parts once, and no service's outbox holds a row written before the wait began unsent.
         */
        private void awaitConverged(Expected expected, long deadline) throws Exception {
            java.sql.Timestamp before = java.sql.Timestamp.from(Instant.now());
            // The events the writes produced, from the producers' outboxes: what the consumers must each have applied once.
            List<UUID> registrations = uuids(REGISTRY, """
                    select o.event_id from outbox_event o join household h on h.county_code = o.county_code and h.id::text = o.aggregate_id
                     where o.event_type = 'household.registered.v1' and h.county_code = '%s' and h.file_number like '%s%%'"""
                    .formatted(COUNTY, expected.prefix()));
            assertThat(registrations).as("registrations in the registry's outbox").hasSize(expected.households());
            List<UUID> payments = new java.util.ArrayList<>();
            for (Map.Entry<String, Integer> dividend : expected.dividendParts().entrySet()) {
                List<UUID> parts = uuids(SUPPLY, "select event_id from outbox_event where event_type = 'supply.household-income-earned.v1'"
                        + " and county_code = '" + COUNTY + "' and envelope like '%\"dividend:" + dividend.getKey() + ":%'");
                assertThat(parts).as("dividend " + dividend.getKey() + "'s parts in the supply platform's outbox").hasSize(dividend.getValue());
                payments.addAll(parts);
            }
            String unmet = "";
            long nextReport = System.nanoTime();
            while (System.nanoTime() < deadline) {
                unmet = unmet(expected, registrations, payments, before);
                if (unmet.isEmpty()) {
                    return;
                }
                // What is still catching up, every 15 s, for the log of a slow run.
                if (System.nanoTime() - nextReport >= 0) {
                    System.out.println("Catching up: " + unmet);
                    nextReport = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                }
                Thread.sleep(1000);
            }
            throw new AssertionError("Not converged within the test's bound: " + unmet);
        }

        /** What is not there yet, or "" when everything is. */
        private String unmet(Expected expected, List<UUID> registrations, List<UUID> payments, java.sql.Timestamp before) throws Exception {
            StringBuilder unmet = new StringBuilder();
            for (String copy : copies()) {
                long households = count(copy, copied(expected.prefix() + "%") + " and status = 'REGISTERED' and removed_at is null");
                long applied = countOf(copy, "select count(*) from processed_event where consumer = 'household-copy' and event_id = any(?)", registrations);
                if (households != expected.households() || applied != registrations.size()) {
                    unmet.append(copy).append(": ").append(households).append(" households, ").append(applied).append(" registrations applied of ")
                            .append(expected.households()).append("; ");
                }
            }
            for (Map.Entry<String, Integer> dividend : expected.dividendParts().entrySet()) {
                String entries = row(REGISTRY, "select count(*) || '/' || count(distinct household_id) || '/' || coalesce(sum(amount_fen), 0)"
                        + " from income_entry where county_code = '" + COUNTY + "' and source = 'DIVIDEND' and origin like 'supply:dividend:"
                        + dividend.getKey() + ":%'");
                String wanted = dividend.getValue() + "/" + dividend.getValue() + "/" + dividend.getValue() * PART_FEN;
                if (!entries.equals(wanted)) {
                    unmet.append("ledger of dividend ").append(dividend.getKey()).append(": entries/households/fen ").append(entries)
                            .append(", not ").append(wanted).append("; ");
                }
            }
            long paid = countOf(REGISTRY, "select count(*) from processed_event where consumer = 'supply-income-to-ledger' and event_id = any(?)", payments);
            if (paid != payments.size()) {
                unmet.append("registry: ").append(paid).append(" of ").append(payments.size()).append(" dividend events applied; ");
            }
            for (PlatformServices.Service service : PlatformServices.list()) {
                long pending = countOf(service.database(), "select count(*) from outbox_event where sent_at is null and created_at < ?", before);
                long dead = count(service.database(), "select count(*) from outbox_event where dead_at is not null");
                if (pending > 0 || dead > 0) {
                    unmet.append(service.name()).append("'s outbox: ").append(pending).append(" unsent, ").append(dead).append(" dead; ");
                }
            }
            return unmet.toString();
        }

        /** No dead letter and no dead outbox row in any app since the counts given (Prometheus, as an alert would see them). */
        private void assertNothingDeadSince(Map<String, Double> deadLetters, Map<String, Double> deadRows) throws Exception {
            assertThat(metricByApp("consumer_dead_letters_total")).as("consumer_dead_letters_total by app").isEqualTo(deadLetters);
            assertThat(metricByApp("outbox_dead_events_total")).as("outbox_dead_events_total by app").isEqualTo(deadRows);
        }

        /** Every app's readiness probe answers 200 again. */
        private void awaitReady(long deadline) throws Exception {
            List<String> apps = new java.util.ArrayList<>(PlatformServices.list().stream().map(PlatformServices.Service::name).toList());
            apps.add("gateway");
            apps.add("portal");
            for (String app : apps) {
                int status = 0;
                while (System.nanoTime() < deadline) {
                    try {
                        status = get(stack.managementUrl(app) + "/actuator/health/readiness").statusCode();
                    } catch (java.io.IOException e) {
                        status = -1;
                    }
                    if (status == 200) {
                        break;
                    }
                    Thread.sleep(500);
                }
                assertThat(status).as(app + "'s readiness").isEqualTo(200);
            }
        }

        /** The sum of a counter's series in each app's Prometheus answer (apps without it are left out). */
        private Map<String, Double> metricByApp(String metric) throws Exception {
            Map<String, Double> values = new java.util.TreeMap<>();
            List<String> apps = new java.util.ArrayList<>(PlatformServices.list().stream().map(PlatformServices.Service::name).toList());
            apps.add("gateway");
            for (String app : apps) {
                HttpResponse<String> metrics = get(stack.managementUrl(app) + "/actuator/prometheus");
                assertThat(metrics.statusCode()).as(app + " metrics").isEqualTo(200);
                metrics.body().lines().filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
                        .forEach(line -> values.merge(app, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum));
            }
            return values;
        }

        /** The databases of the services that keep a copy of the registry's households. */
        private List<String> copies() throws Exception {
            List<String> copies = new java.util.ArrayList<>();
            for (PlatformServices.Service service : PlatformServices.list()) {
                if (!service.database().equals(REGISTRY) && count(service.database(), "select (to_regclass('public.household') is not null)::int") == 1) {
                    copies.add(service.database());
                }
            }
            return copies;
        }

        private static String copied(String fileNumbers) {
            return "select count(*) from household where county_code = '" + COUNTY + "' and file_number like '" + fileNumbers + "%'";
        }

        /** Uploads a CSV of {@code count} one-person households through the gateway, as a clerk's import; returns the job. */
        private String importHouseholds(String token, String prefix, int first, int count) throws Exception {
            List<String> villages = villages();
            StringBuilder csv = new StringBuilder("file_number,village_code,registration_year,relation,name,resident_id,phone,labour_capacity,"
                    + "health,education,ecommerce_skills,causes,primary_cause,helper_cadre,food,clothing,compulsory_education,"
                    + "basic_medical_care,safe_housing\n");
            for (int i = first; i < first + count; i++) {
                csv.append(prefix).append(String.format("%05d", i)).append(',').append(villages.get(i % villages.size()))
                        .append(",2016,HEAD,户主").append(i).append(',').append(residentId(i))
                        .append(",,FULL,HEALTHY,PRIMARY,,ILLNESS,ILLNESS,,1,1,1,1,1\n");
            }
            String boundary = "fault-" + UUID.randomUUID();
            String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + prefix + "households.csv\"\r\n"
                    + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
            HttpResponse<String> job = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + options.gatewayPort()
                            + "/api/household-registry/counties/" + COUNTY + "/imports")).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofString(body, java.nio.charset.StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(job.statusCode()).as(job.body()).isEqualTo(202);
            return JSON.readTree(job.body()).path("id").asString();
        }

        private void awaitImport(String token, String job, int households, long deadline) throws Exception {
            JsonNode status = null;
            while (System.nanoTime() < deadline) {
                status = JSON.readTree(send("GET", "/api/household-registry/counties/" + COUNTY + "/imports/" + job, token, null, null).body());
                if (!status.path("status").asString().equals("RUNNING")) {
                    assertThat(status.path("status").asString()).as(status.toString()).isEqualTo("COMPLETED");
                    assertThat(status.path("householdsCreated").asInt()).as(status.toString()).isEqualTo(households);
                    assertThat(status.path("rowsRejected").asInt()).as(status.toString()).isZero();
                    return;
                }
                Thread.sleep(250);
            }
            throw new AssertionError("Import " + job + " still running at the test's bound: " + status);
        }

        private List<UUID> householdIds(String prefix) throws Exception {
            return uuids(REGISTRY, "select id from household where county_code = '" + COUNTY + "' and file_number like '" + prefix
                    + "%' order by file_number");
        }

        private String organisation(String token, String name) throws Exception {
            return created(send("POST", "/api/supply-platform/counties/" + COUNTY + "/organisations", token, "{\"kind\":\"COOPERATIVE\",\"name\":\""
                    + name + "\",\"legalId\":\"" + DemoSupply.legalId("COOPERATIVE", COUNTY, new java.util.Random(name.hashCode()))
                    + "\",\"contactName\":\"理事长\"}", null));
        }

        /** A 50,000-yuan stake of the industry fund for each household, invested a year ago. */
        private void stakes(String organisation, List<UUID> households, LocalDate today) throws Exception {
            try (java.sql.Connection supply = stack.database(SUPPLY);
                 java.sql.PreparedStatement insert = supply.prepareStatement("""
                         insert into shareholding (county_code, id, organisation_id, household_id, kind, amount_fen, invested_on, terms, recorded_by, recorded_at)
                         values (?, ?, ?, ?, 'FUND', 5000000, ?, '', 'fault-test', now())""")) {
                for (UUID household : households) {
                    insert.setString(1, COUNTY);
                    insert.setObject(2, UUID.randomUUID());
                    insert.setObject(3, UUID.fromString(organisation));
                    insert.setObject(4, household);
                    insert.setObject(5, today.minusYears(1));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }

        /** The organisation's dividend of the year, 10 % of each stake, declared through the gateway; its id. */
        private String declareDividend(String token, String organisation, LocalDate today) throws Exception {
            return created(send("POST", "/api/supply-platform/counties/" + COUNTY + "/organisations/" + organisation + "/dividends", token,
                    "{\"year\":" + today.getYear() + ",\"paidOn\":\"" + today + "\",\"rateBasisPoints\":1000}", null));
        }

        private List<String> villages() {
            return stack.dataset().villages().stream().filter(v -> v.countyCode().equals(COUNTY)).map(DemoData.Village::code).toList();
        }

        /**
         * A made-up resident ID number of the county, one per {@code n}: serials 900–999, which the demo data leaves to the
         * tests, on a birth date per hundred.
         */
        private static String residentId(int n) {
            String first17 = COUNTY + LocalDate.of(1960, 1, 1).plusDays(n / 100).toString().replace("-", "") + (900 + n % 100);
            return first17 + checkCharacter(first17);
        }

        private static void awaitCount(String what, String database, String sql, long expected, long deadline) throws Exception {
            long found = -1;
            while (System.nanoTime() < deadline) {
                found = count(database, sql);
                if (found == expected) {
                    return;
                }
                Thread.sleep(250);
            }
            throw new AssertionError(what + ": " + found + ", not " + expected + ", at the test's bound");
        }

        private static long count(String database, String sql) throws Exception {
            return Long.parseLong(row(database, sql));
        }

        private static String row(String database, String sql) throws Exception {
            try (java.sql.Connection connection = stack.database(database); java.sql.Statement statement = connection.createStatement();
                 java.sql.ResultSet rows = statement.executeQuery(sql)) {
                rows.next();
                return rows.getString(1);
            }
        }

        /** A count with one parameter: a list of ids (as uuid[]) or a timestamp. */
        private static long countOf(String database, String sql, Object parameter) throws Exception {
            try (java.sql.Connection connection = stack.database(database); java.sql.PreparedStatement statement = connection.prepareStatement(sql)) {
                if (parameter instanceof List<?> ids) {
                    statement.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
                } else {
                    statement.setObject(1, parameter);
                }
                try (java.sql.ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        }

        private static List<UUID> uuids(String database, String sql) throws Exception {
            List<UUID> ids = new java.util.ArrayList<>();
            try (java.sql.Connection connection = stack.database(database); java.sql.Statement statement = connection.createStatement();
                 java.sql.ResultSet rows = statement.executeQuery(sql)) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
            return ids;
        }
    }
}
