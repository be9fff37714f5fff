package org.povertyalleviation.devstack;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.povertyalleviation.platform.domain.ChinaTime;
import org.povertyalleviation.platform.fakes.PaymentPartnerSimulator;
import tools.jackson.databind.JsonNode;

/**
 * Harvest pre-sales of the demo partner's counties (Wen and Kang) through the crowdfunding API, as the county and
 * the partners would make them: households' projects drafted, submitted and reviewed by the clerk and approved by the
 * admin (four eyes); backers' pledges posted by the partner platform ({@link DemoRealm#PARTNER}) and paid by the
 * payment partner's signed callbacks ({@link DemoRealm#PAYMENT_PARTNER}). Per county: one open project with paid and
 * pending pledges, one that reached its goal and settled FUNDED, one that missed it and settled FAILED with every pledge
 * refunded through the simulated payment partner, and one waiting for its review. The funded and failed ones close
 * 20 seconds after they open; {@link #awaitSettled()} waits for their settlement once every county is seeded, so
 * the rest of the seeding fills the wait.
 */
final class DemoCrowdfunding {

    /** What was seeded, for the start-up banner. */
    record Seeded(int projects, int pledges, int refunds) {

        Seeded plus(Seeded other) {
            return new Seeded(projects + other.projects, pledges + other.pledges, refunds + other.refunds);
        }
    }

    private record Settling(String county, String project, String outcome, int paidPledges) {
    }

    private static final Duration CLOSES_AFTER = Duration.ofSeconds(20);

    private final DemoData.Dataset data;
    private final String crowdfunding;
    private final DemoApi api;
    private final List<Settling> settling = new ArrayList<>();

    DemoCrowdfunding(DemoData.Dataset data, String crowdfunding, DemoApi api) {
        this.data = data;
        this.crowdfunding = crowdfunding;
        this.api = api;
    }

    /** The county's projects; nothing outside the partners' counties (no partner could pledge) or when it has projects. */
    Seeded seed(DemoData.County county, Map<String, List<JsonNode>> householdsByVillage) {
        String code = county.code();
        String base = crowdfunding + "/counties/" + code;
        if (!DemoRealm.PARTNER_COUNTIES.contains(code) || !api.send("GET", base + "/projects?limit=1", "clerk-" + code, null).equals("[]")) {
            return new Seeded(0, 0, 0);
        }
        List<JsonNode> owners = householdsByVillage.values().stream().filter(households -> households.size() >= 2)
                .map(households -> households.get(households.size() - 1)).limit(4).toList();
        if (owners.size() < 4) {
            return new Seeded(0, 0, 0);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        int pledges = 0;
        // Open for a month: six backers paid, two still paying.
        String open = publish(code, project(county, owners.get(0), 0, 3_000_000L, now.plus(Duration.ofDays(30))));
        pledges += pledge(code, open, 8, 6);
        // Closing in seconds: one reaches its small goal, one falls far short of its large one.
        String funded = publish(code, project(county, owners.get(1), 1, 40_000L, Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(CLOSES_AFTER)));
        pledges += pledge(code, funded, 3, 3);
        settling.add(new Settling(code, funded, "FUNDED", 3));
        String failed = publish(code, project(county, owners.get(2), 2, 2_000_000L, Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(CLOSES_AFTER)));
        pledges += pledge(code, failed, 4, 4);
        settling.add(new Settling(code, failed, "FAILED", 4));
        // Submitted, waiting for the clerk's review.
        String submitted = DemoApi.idOf(api.send("POST", base + "/projects", "clerk-" + code,
                project(county, owners.get(3), 0, 1_500_000L, now.plus(Duration.ofDays(45)))));
        api.send("POST", base + "/projects/" + submitted + "/submission", "clerk-" + code, Map.of());
        return new Seeded(4, pledges, 0);
    }

    /** Waits until the closing projects settled and the failed ones' backers were refunded; answers the refunds. */
    int awaitSettled() {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        int refunds = 0;
        for (Settling project : settling) {
            String url = crowdfunding + "/counties/" + project.county() + "/projects/" + project.project() + "/settlement";
            while (true) {
                JsonNode settlement = DemoApi.JSON.readTree(api.send("GET", url, "admin-" + project.county(), null));
                JsonNode money = settlement.path("money");
                boolean done = project.outcome().equals(settlement.path("status").asString())
                        && (project.outcome().equals("FUNDED") || money.path("refundedFen").asLong() == money.path("inFen").asLong()
                        && money.path("pendingRefunds").asInt() == 0);
                if (done) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Demo crowdfunding project " + project.project() + " did not settle " + project.outcome()
                            + " with its refunds within 3 minutes: " + settlement);
                }
                DemoApi.pause(500);
            }
            refunds += project.outcome().equals("FAILED") ? project.paidPledges() : 0;
        }
        settling.clear();
        return refunds;
    }

    /** Drafted, submitted and reviewed by the clerk, approved by the admin: published. */
    private String publish(String county, Map<String, Object> project) {
        String clerk = "clerk-" + county;
        String base = crowdfunding + "/counties/" + county + "/projects";
        // Crowdfunding learns of the registry's households from its events, a moment after they were imported.
        String id = DemoApi.idOf(api.sendOnceKnown("POST", base, clerk, project));
        api.send("POST", base + "/" + id + "/submission", clerk, Map.of());
        api.send("POST", base + "/" + id + "/review", clerk, Map.of("approve", true));
        api.send("POST", base + "/" + id + "/approval", "admin-" + county, Map.of("approve", true, "note", "村里核实过"));
        return id;
    }

    /** {@code count} backers pledge through the partner platform, the first {@code paid} of them paid; answers count. */
    private int pledge(String county, String project, int count, int paid) {
        String base = crowdfunding + "/counties/" + county;
        JsonNode tiers = DemoApi.JSON.readTree(api.send("GET", base + "/projects/" + project, "clerk-" + county, null)).path("tiers");
        for (int i = 0; i < count; i++) {
            JsonNode tier = tiers.get(i % tiers.size());
            int quantity = 1 + i % 2;
            long amount = tier.path("priceFen").asLong() * quantity;
            String ref = "demo-pay-" + project.substring(0, 8) + "-" + i;
            api.send("POST", base + "/projects/" + project + "/pledges", DemoRealm.PARTNER, Map.of("pledgeKey", "demo-" + project.substring(0, 8) + "-" + i,
                    "tier", tier.path("id").asString(), "backerRef", "demo-backer-" + (1000 + i), "quantity", quantity, "amountFen", amount,
                    "paymentPartner", DemoRealm.PAYMENT_PARTNER, "paymentRef", ref));
            if (i < paid) {
                Map<String, Object> callback = new LinkedHashMap<>();
                callback.put("callbackId", "demo-cb-" + ref);
                callback.put("kind", "PAYMENT");
                callback.put("paymentRef", ref);
                callback.put("status", "PAID");
                callback.put("amountFen", amount);
                callback.put("occurredAt", Instant.now().toString());
                String body = DemoApi.JSON.writeValueAsString(callback);
                api.sendWithHeader(base + "/payment-callbacks", DemoRealm.PAYMENT_PARTNER, body, PaymentPartnerSimulator.SIGNATURE_HEADER,
                        PaymentPartnerSimulator.sign(DemoRealm.PAYMENT_SIGNING_SECRET, body.getBytes(StandardCharsets.UTF_8)));
            }
        }
        return count;
    }

    /** A household's pre-sale of one of the county's products, from its village. */
    private Map<String, Object> project(DemoData.County county, JsonNode household, int product, long goalFen, Instant deadline) {
        String village = household.path("village").asString();
        String villageName = data.villages().stream().filter(v -> v.code().equals(village)).findFirst().map(DemoData.Village::nameZh).orElse("");
        String name = county.products().get(product % county.products().size());
        LocalDate deadlineDay = deadline.atZone(ChinaTime.ZONE).toLocalDate();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ownerKind", "HOUSEHOLD");
        body.put("household", household.path("id").asString());
        body.put("village", village);
        body.put("title", villageName + "的" + name + "，预售今年新货");
        body.put("story", "我家在" + villageName + "种" + name + "多年，今年长势很好。预售的钱用来买农资、雇人采收，收成后按档位发货。");
        body.put("photos", List.of("projects/demo/" + county.code() + "-" + product + ".jpg"));
        body.put("goalFen", goalFen);
        body.put("startsAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(1)).toString());
        body.put("deadline", deadline.toString());
        body.put("deliveryFrom", deadlineDay.plusDays(7).toString());
        body.put("deliveryTo", deadlineDay.plusDays(40).toString());
        body.put("tiers", List.of(
                Map.of("name", "尝鲜装", "product", name, "quantity", "500 g", "weightGrams", 600, "priceFen", 6_800L, "limit", 200),
                Map.of("name", "家庭装", "product", name, "quantity", "2.5 kg", "weightGrams", 2_700, "priceFen", 29_800L, "limit", 100)));
        return body;
    }
}
