package org.povertyalleviation.devstack;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.povertyalleviation.platform.domain.ChinaTime;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fills the demo counties the way their people would, through the services' APIs, so that a newcomer's portal is not
 * empty: each county's household file imported as a clerk has it (Chinese headings and the national file's labels),
 * shops in part of its poor villages with the households they lift, a shop-opening subsidy submitted by the clerk,
 * approved by the admin and paid, and twelve months of sales whose shares reach the households' ledgers, and the
 * supply side (DemoSupply: organisations, products, paid deliveries, a workshop's payday, a dividend) and the
 * logistics network with tomorrow's bookings (DemoLogistics), and courses with attendance and certificates
 * (DemoTraining), and harvest pre-sales with pledges, a funded and a failed (refunded) project in the partners'
 * counties (DemoCrowdfunding). The first
 * village of each county is left empty for your own imports (and the end-to-end tests'). Figures are scaled down from
 * Longnan's (3,201 villages, about 14,000 shops): a shop in about a third of the poor villages. Seeded only into a
 * county that has no households yet, so seeding twice into the same databases adds nothing.
 */
final class DemoSeeding {

    private static final JsonMapper JSON = DemoApi.JSON;
    private static final String[] PLATFORMS = {"TAOBAO", "JD", "PINDUODUO", "DOUYIN", "WECHAT_MINI_SHOP"};

    /** What was seeded, for the start-up banner. */
    record Seeded(int households, int shops, int salesReports, int subsidies, DemoSupply.Seeded supply, DemoLogistics.Seeded logistics,
                  DemoTraining.Seeded training, DemoCrowdfunding.Seeded crowdfunding) {
    }

    private final DemoData.Dataset data;
    private final String householdRegistry;
    private final String shopManagement;
    private final String supplyPlatform;
    private final String logisticsBooking;
    private final String training;
    private final String crowdfunding;
    private final DemoApi api;

    /** @param tokenOf a demo user's access token by username (admin-<county>, clerk-<county>, operator) */
    DemoSeeding(DemoData.Dataset data, String householdRegistry, String shopManagement, String supplyPlatform, String logisticsBooking,
                String training, String crowdfunding, Function<String, String> tokenOf) {
        this.data = data;
        this.householdRegistry = householdRegistry;
        this.shopManagement = shopManagement;
        this.supplyPlatform = supplyPlatform;
        this.logisticsBooking = logisticsBooking;
        this.training = training;
        this.crowdfunding = crowdfunding;
        this.api = new DemoApi(tokenOf);
    }

    Seeded seedAll() {
        int households = 0;
        int shops = 0;
        int reports = 0;
        int subsidies = 0;
        DemoSupply.Seeded supply = new DemoSupply.Seeded(0, 0, 0, 0, 0, 0);
        DemoSupply supplySide = new DemoSupply(data, supplyPlatform, api);
        DemoLogistics.Seeded logistics = new DemoLogistics.Seeded(0, 0, 0);
        DemoLogistics logisticsSide = new DemoLogistics(data, logisticsBooking, api);
        DemoTraining.Seeded trained = new DemoTraining.Seeded(0, 0, 0);
        DemoTraining trainingSide = new DemoTraining(training, householdRegistry, api);
        DemoCrowdfunding.Seeded funded = new DemoCrowdfunding.Seeded(0, 0, 0);
        DemoCrowdfunding crowdfundingSide = new DemoCrowdfunding(data, crowdfunding, api);
        for (DemoData.County county : data.counties()) {
            if (!api.send("GET", householdRegistry + "/counties/" + county.code() + "/households?limit=1", "operator", null).equals("[]")) {
                continue;
            }
            households += importHouseholds(county);
            Map<String, List<JsonNode>> byVillage = householdsByVillage(county.code());
            Seeded seeded = shopsOf(county, byVillage);
            shops += seeded.shops();
            reports += seeded.salesReports();
            subsidies += seeded.subsidies();
            supply = supply.plus(supplySide.seed(county, byVillage));
            logistics = logistics.plus(logisticsSide.seed(county, byVillage));
            trained = trained.plus(trainingSide.seed(county, byVillage));
            funded = funded.plus(crowdfundingSide.seed(county, byVillage));
        }
        // The projects closing in seconds settle while the later counties are seeded; what is left of the wait is here.
        funded = funded.plus(new DemoCrowdfunding.Seeded(0, 0, crowdfundingSide.awaitSettled()));
        return new Seeded(households, shops, reports, subsidies, supply, logistics, trained, funded);
    }

    /** The county's households as the registry lists them (id, file number, village), by village. */
    private Map<String, List<JsonNode>> householdsByVillage(String code) {
        Map<String, List<JsonNode>> byVillage = new LinkedHashMap<>();
        String after = "";
        while (true) {
            JsonNode page = JSON.readTree(api.send("GET", householdRegistry + "/counties/" + code + "/households?limit=500&after=" + after,
                    "operator", null));
            if (page.isEmpty()) {
                return byVillage;
            }
            page.forEach(household -> byVillage.computeIfAbsent(household.path("village").asString(), v -> new ArrayList<>()).add(household));
            after = page.get(page.size() - 1).path("fileNumber").asString();
        }
    }

    /** The county's file, as its clerk exports it from the national system, through the import. */
    private int importHouseholds(DemoData.County county) {
        List<DemoData.Household> households = seeded(county.code());
        StringBuilder csv = new StringBuilder("户编号,行政村代码,识别年度,与户主关系,姓名,证件号码,联系电话,劳动能力,健康状况,文化程度,电商技能,"
                + "致贫原因,主要致贫原因,帮扶责任人,不愁吃,不愁穿,义务教育有保障,基本医疗有保障,住房安全有保障\n");
        Random random = new Random(data.seed() * 17 + Long.parseLong(county.code()));
        for (DemoData.Household household : households) {
            boolean first = true;
            for (DemoData.Member member : household.members()) {
                csv.append(household.fileNumber()).append(',')
                        .append(first ? household.villageCode() : "").append(',')
                        .append(first ? Integer.toString(household.registrationYear()) : "").append(',')
                        .append(DemoLabels.relation(member.relation())).append(',')
                        .append(member.name()).append(',')
                        .append(member.residentId()).append(',')
                        .append(member.phone()).append(',')
                        .append(DemoLabels.labour(member.labourCapacity())).append(',')
                        .append(random.nextInt(8) == 0 ? "长期慢性病" : "健康").append(',')
                        .append(DemoLabels.EDUCATION[random.nextInt(DemoLabels.EDUCATION.length)]).append(',')
                        .append(first && random.nextInt(4) == 0 ? "网店运营" : "").append(',');
                if (first) {
                    csv.append(household.causes().stream().map(DemoLabels::cause).collect(Collectors.joining("、"))).append(',')
                            .append(DemoLabels.cause(household.primaryCause())).append(',')
                            .append("驻村干部").append(random.nextInt(20) + 1).append(',')
                            .append("是,是,是,是,").append(random.nextInt(5) == 0 ? "否" : "是");
                } else {
                    csv.append(",,,,,,,");
                }
                csv.append('\n');
                first = false;
            }
        }
        String job = DemoApi.idOf(api.upload(householdRegistry + "/counties/" + county.code() + "/imports", "clerk-" + county.code(),
                "households-" + county.code() + ".csv", csv.toString()));
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (true) {
            JsonNode status = JSON.readTree(api.send("GET", householdRegistry + "/counties/" + county.code() + "/imports/" + job,
                    "clerk-" + county.code(), null));
            if (!status.path("status").asString().equals("RUNNING")) {
                if (!status.path("status").asString().equals("COMPLETED") || status.path("rowsRejected").asInt() > 0) {
                    throw new IllegalStateException("Demo import of " + county.code() + " did not complete cleanly: " + status);
                }
                return status.path("householdsCreated").asInt();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Demo import of " + county.code() + " still running after 5 minutes");
            }
            DemoApi.pause(200);
        }
    }

    /** Shops in about a third of the poor villages, each lifting two or three of the village's households. */
    private Seeded shopsOf(DemoData.County county, Map<String, List<JsonNode>> byVillage) {
        String code = county.code();
        Random random = new Random(data.seed() * 13 + Long.parseLong(code));
        YearMonth thisMonth = YearMonth.now(ChinaTime.ZONE);
        int shops = 0;
        int reports = 0;
        int subsidies = 0;
        // The year's budget for the opening subsidies below, set once by the county's admin.
        api.send("PUT", shopManagement + "/counties/" + code + "/subsidy-budgets/" + LocalDate.now(ChinaTime.ZONE).getYear(), "admin-" + code,
                Map.of("budgetFen", 200_000_000L));
        List<DemoData.Village> poor = data.villages().stream().filter(v -> v.countyCode().equals(code) && v.poor()
                && byVillage.getOrDefault(v.code(), List.of()).size() >= 3).toList();
        for (int i = 0; i < poor.size(); i++) {
            if (i % 3 != 0) {
                continue;
            }
            DemoData.Village village = poor.get(i);
            List<JsonNode> households = byVillage.get(village.code());
            JsonNode owner = households.get(0);
            awaitKnown(code, owner.path("id").asString());
            String product = county.products().get(random.nextInt(county.products().size()));
            boolean ownedByHousehold = shops % 2 == 0;
            Map<String, Object> shop = new LinkedHashMap<>();
            shop.put("village", village.code());
            shop.put("name", village.nameZh() + product + (ownedByHousehold ? "小店" : "合作社网店"));
            shop.put("platform", PLATFORMS[random.nextInt(PLATFORMS.length)]);
            shop.put("ownerCategory", ownedByHousehold ? "POOR_HOUSEHOLD" : "COOPERATIVE");
            if (ownedByHousehold) {
                shop.put("ownerHousehold", owner.path("id").asString());
            }
            shop.put("productCategories", List.of(product));
            shop.put("status", "OPEN");
            String shopId = DemoApi.idOf(api.send("POST", shopManagement + "/counties/" + code + "/shops", "admin-" + code, shop));
            shops++;
            for (int h = 1; h < Math.min(households.size(), 4); h++) {
                String household = households.get(h).path("id").asString();
                awaitKnown(code, household);
                Map<String, Object> link = h == 1
                        ? Map.of("role", "SUPPLIER", "rule", "SALES_SHARE", "sharePercent", 5 + random.nextInt(6))
                        : Map.of("role", "EMPLOYEE", "rule", "FIXED_MONTHLY", "fixedAmountFen", (200 + random.nextInt(400)) * 100L);
                api.send("PUT", shopManagement + "/counties/" + code + "/shops/" + shopId + "/households/" + household, "admin-" + code, link);
            }
            // Twelve whole months of sales before this one (a shop reports up to twelve months back): 3,000 to 12,000 yuan a
            // month with the season's swing, so that a supplier's share is a few hundred yuan a month, as in Longnan.
            long base = (3_000 + random.nextInt(9_000)) * 100L;
            for (int m = 12; m >= 1; m--) {
                YearMonth month = thisMonth.minusMonths(m);
                double season = 1 + 0.6 * Math.sin((month.getMonthValue() - 3) * Math.PI / 6);
                long gross = Math.round(base * season * (0.8 + 0.4 * random.nextDouble()) / 100) * 100;
                api.send("POST", shopManagement + "/counties/" + code + "/shops/" + shopId + "/sales-reports", "operator",
                        Map.of("month", month.toString(), "orders", (int) (gross / 6_000) + 1, "grossFen", gross,
                                "refundsFen", gross / 50));
                reports++;
            }
            if (ownedByHousehold) {
                subsidy(code, shopId);
                subsidies++;
            }
        }
        return new Seeded(0, shops, reports, subsidies, null, null, null, null);
    }

    /** The clerk submits the shop's opening subsidy, the admin approves it, the clerk records the payment. */
    private void subsidy(String county, String shop) {
        String subsidy = DemoApi.idOf(api.send("POST", shopManagement + "/counties/" + county + "/subsidies", "clerk-" + county, Map.of("shop", shop)));
        api.send("POST", shopManagement + "/counties/" + county + "/subsidies/" + subsidy + "/approval", "admin-" + county, Map.of());
        api.send("POST", shopManagement + "/counties/" + county + "/subsidies/" + subsidy + "/payment", "clerk-" + county,
                Map.of("paidOn", LocalDate.now(ChinaTime.ZONE).toString(), "reference", "DEMO-" + subsidy.substring(0, 8)));
    }

    /** Shop management learns of households from the registry's events: wait until it knows this one. */
    private void awaitKnown(String county, String household) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (api.status("GET", shopManagement + "/counties/" + county + "/households/" + household + "/shops", "operator") != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Shop management did not learn of household " + household + " within 2 minutes");
            }
            DemoApi.pause(200);
        }
    }

    private List<DemoData.Household> seeded(String county) {
        String keptEmpty = data.villages().stream().filter(v -> v.countyCode().equals(county)).findFirst().orElseThrow().code();
        return data.households().stream().filter(h -> h.countyCode().equals(county) && !h.villageCode().equals(keptEmpty)).toList();
    }

}
