package org.povertyalleviation.devstack;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.povertyalleviation.platform.domain.ChinaTime;
import tools.jackson.databind.JsonNode;

/**
 * The supply side of each demo county, through the supply platform's API: ten organisations (two enterprises, seven
 * cooperatives, an e-commerce association) with member households, about 130 products (Longnan's 90 supply platforms
 * and 1,200 online products, across nine counties) with their geographical indications, a green-food certificate about
 * to expire, one expired (the product delisted) and a failed inspection (suspended), market reference prices, a purchase order per enterprise whose
 * deliveries are paid, a workshop with last month's wage sheet and its payday, and a cooperative whose shareholding
 * households were paid last year's 10 % dividend: so the households' ledgers show ORDER_PREMIUM, WORKSHOP_WAGE and
 * DIVIDEND income. Wen County's herb company buys Codonopsis and Sichuan pepper from three villages as in Longnan's own
 * account (320,000 kg and 60,000 kg a season), scaled down 1:100 like the rest of the demo.
 */
final class DemoSupply {

    /** What was seeded, for the start-up banner. */
    record Seeded(int organisations, int products, int paidDeliveries, int wageRecords, int dividendParts, int tracedLots) {

        Seeded plus(Seeded other) {
            return new Seeded(organisations + other.organisations, products + other.products, paidDeliveries + other.paidDeliveries,
                    wageRecords + other.wageRecords, dividendParts + other.dividendParts, tracedLots + other.tracedLots);
        }
    }

    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final String[] VARIANTS = {"特级", "一级", "二级", "精选", "礼盒装", "家庭装", "500克", "1千克", "2.5千克", "5千克",
            "散装", "有机", "原产地直发"};

    private final DemoData.Dataset data;
    private final String supply;
    private final DemoApi api;

    DemoSupply(DemoData.Dataset data, String supplyPlatform, DemoApi api) {
        this.data = data;
        this.supply = supplyPlatform;
        this.api = api;
    }

    /**
     * The county's supply side, for the households of its villages (id, village) the registry holds; nothing when the
     * county has organisations already.
     */
    Seeded seed(DemoData.County county, Map<String, List<JsonNode>> householdsByVillage) {
        String code = county.code();
        String base = supply + "/counties/" + code;
        if (!api.send("GET", base + "/organisations?limit=1", "operator", null).equals("[]")) {
            return new Seeded(0, 0, 0, 0, 0, 0);
        }
        Random random = new Random(data.seed() * 31 + Long.parseLong(code));
        LocalDate today = LocalDate.now(ChinaTime.ZONE);
        YearMonth lastMonth = YearMonth.from(today).minusMonths(1);
        List<DemoData.Village> villages = data.villages().stream()
                .filter(v -> v.countyCode().equals(code) && householdsByVillage.getOrDefault(v.code(), List.of()).size() >= 4).toList();
        String clerk = "clerk-" + code;
        String admin = "admin-" + code;

        List<String> enterprises = new ArrayList<>();
        List<String> cooperatives = new ArrayList<>();
        Map<String, DemoData.Village> homeOf = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            String kind = i < 2 ? "ENTERPRISE" : i < 9 ? "COOPERATIVE" : "ASSOCIATION";
            DemoData.Village village = villages.get((i * 7) % villages.size());
            String product = county.products().get(i % county.products().size());
            String name = switch (kind) {
                case "ENTERPRISE" -> county.nameZh() + product + (i == 0 ? "产业开发有限公司" : "农产品贸易有限公司");
                case "COOPERATIVE" -> village.nameZh() + product + "专业合作社";
                default -> county.nameZh() + "电子商务协会";
            };
            Map<String, Object> organisation = new LinkedHashMap<>();
            organisation.put("kind", kind);
            organisation.put("name", name);
            organisation.put("legalId", legalId(kind, code, random));
            organisation.put("contactName", kind.equals("ENTERPRISE") ? "采购部" : kind.equals("COOPERATIVE") ? "理事长" : "秘书处");
            organisation.put("village", village.code());
            String id = DemoApi.idOf(api.send("POST", base + "/organisations", clerk, organisation));
            homeOf.put(id, village);
            (kind.equals("ENTERPRISE") ? enterprises : cooperatives).add(id);
        }

        // About 130 products: each county speciality in its grades and packs, offered by the organisations in turn.
        // Each organisation offers the speciality it is named after (organisation i: speciality i mod their number).
        List<String> organisations = new ArrayList<>(homeOf.keySet());
        Map<String, String> productOf = new LinkedHashMap<>();
        int products = 0;
        for (int s = 0; s < county.products().size(); s++) {
            String speciality = county.products().get(s);
            List<String> owners = new ArrayList<>();
            for (int i = 0; i < organisations.size(); i++) {
                if (i % county.products().size() == s) {
                    owners.add(organisations.get(i));
                }
            }
            for (int v = 0; v < VARIANTS.length * 3 + 4 && products < 130; v++) {
                String owner = owners.get(v % owners.size());
                String name = speciality + " " + VARIANTS[v % VARIANTS.length] + (v >= VARIANTS.length ? " " + (v / VARIANTS.length + 1) + "号" : "");
                Map<String, Object> product = new LinkedHashMap<>(Map.of("organisation", owner, "name", name, "category", category(speciality),
                        "unit", "KG"));
                // The speciality's geographical indication; a green-food label about to expire; one that expired (delisted).
                String required = v == 0 ? "GEOGRAPHICAL_INDICATION" : v == 1 && s > 0 ? "GREEN_FOOD" : null;
                if (required != null) {
                    product.put("requiredCertification", required);
                }
                String id = DemoApi.idOf(api.send("POST", base + "/products", clerk, product));
                if (required != null) {
                    LocalDate validTo = v == 0 ? today.plusYears(3) : s == 1 ? today.plusDays(20) : today.minusDays(40);
                    api.send("POST", base + "/products/" + id + "/certifications", clerk, Map.of("kind", required,
                            "issuer", v == 0 ? "农业农村部" : "中国绿色食品发展中心", "number", (v == 0 ? "AGI-" : "LB-") + code + "-" + s + v,
                            "document", "docs/certificates/" + code + "-" + s + v + ".pdf", "validFrom", validTo.minusYears(3).toString(),
                            "validTo", validTo.toString()));
                }
                if (s == 0 && v == 2) {
                    // A failed inspection: suspended until a passing one.
                    api.send("POST", base + "/products/" + id + "/inspections", clerk, Map.of("sample", name + " 2 千克",
                            "sampledOn", today.minusDays(12).toString(), "result", "FAIL", "lab", "陇南市农产品质量安全检测中心",
                            "report", "LNJC-" + code + "-012"));
                }
                productOf.putIfAbsent(speciality, id);
                products++;
            }
        }

        // Cooperatives' members: households of their village.
        for (String cooperative : cooperatives) {
            for (JsonNode household : householdsByVillage.get(homeOf.get(cooperative).code()).subList(0, 4)) {
                api.sendOnceKnown("PUT", base + "/organisations/" + cooperative + "/members/" + household.path("id").asString(), clerk,
                        Map.of("joinedOn", today.minusYears(1).withDayOfMonth(1).toString()));
            }
        }

        // Purchase orders: each enterprise buys a speciality from the households of three villages, last month.
        int paid = 0;
        for (int e = 0; e < enterprises.size(); e++) {
            String speciality = county.products().get(e % county.products().size());
            String product = productOf.get(speciality);
            long reference = (20 + random.nextInt(60)) * 100L;
            for (int m = 0; m < 3; m++) {
                api.send("PUT", base + "/products/" + product + "/reference-prices/" + lastMonth.minusMonths(m), clerk,
                        Map.of("priceFen", reference + m * 100L));
            }
            List<JsonNode> sellers = new ArrayList<>();
            for (int v = 0; v < 3; v++) {
                List<JsonNode> village = householdsByVillage.get(villages.get((e * 5 + v * 3 + 1) % villages.size()).code());
                // Wen County's company buys from every household of the three villages; elsewhere four a village sell.
                sellers.addAll(code.equals("621222") ? village : village.subList(0, 4));
            }
            Map<String, Object> order = new LinkedHashMap<>();
            order.put("organisation", enterprises.get(e));
            order.put("product", product);
            order.put("season", lastMonth.getYear());
            order.put("priceFen", reference + 500);
            order.put("households", sellers.stream().map(h -> h.path("id").asString()).toList());
            String orderId = DemoApi.idOf(api.sendOnceKnown("POST", base + "/purchase-orders", clerk, order));
            // Wen County's herb company buys Codonopsis and pepper from three villages: Longnan's account of 320,000 kg and
            // 60,000 kg a season scaled down 1:100 like the rest of the demo (its villages hold a few households, Longnan's
            // a hundred or more), so that each household delivers what a household grows.
            long seasonKg = code.equals("621222") ? (e == 0 ? 3_200 : 600) : (400 + random.nextInt(1_200));
            for (int s = 0; s < sellers.size(); s++) {
                long kg = seasonKg / sellers.size() + (s == 0 ? seasonKg % sellers.size() : 0);
                LocalDate day = lastMonth.atDay(1 + s % 20);
                String delivery = DemoApi.idOf(api.send("POST", base + "/purchase-orders/" + orderId + "/deliveries", clerk,
                        Map.of("household", sellers.get(s).path("id").asString(), "deliveredOn", day.toString(), "quantity", kg,
                                "grade", s % 3 == 0 ? "特级" : "一级")));
                if (s % 4 != 3) {
                    api.send("POST", base + "/purchase-orders/" + orderId + "/deliveries/" + delivery + "/payment", clerk,
                            Map.of("paidOn", day.plusDays(5).isAfter(today) ? today.toString() : day.plusDays(5).toString()));
                    paid++;
                }
            }
        }

        // A workshop of the first enterprise: five people sort and pack on twelve days of last month, one day below the minimum.
        String workshop = DemoApi.idOf(api.send("POST", base + "/workshops", clerk, Map.of("organisation", enterprises.get(0),
                "name", homeOf.get(enterprises.get(0)).nameZh() + "扶贫车间", "village", homeOf.get(enterprises.get(0)).code())));
        List<JsonNode> workers = householdsByVillage.get(homeOf.get(enterprises.get(0)).code()).subList(0, 4);
        int wages = 0;
        for (int day = 1; day <= 12; day++) {
            for (int w = 0; w < workers.size(); w++) {
                boolean piece = w == 3;
                Map<String, Object> wage = new LinkedHashMap<>();
                wage.put("household", workers.get(w).path("id").asString());
                wage.put("worker", "W-" + code.substring(4) + String.format("%02d", w + 1));
                wage.put("workedOn", lastMonth.atDay(day * 2).toString());
                wage.put("basis", piece ? "PIECE" : "DAY");
                wage.put("task", piece ? "包装" : "分拣");
                if (piece) {
                    wage.put("pieces", 80 + random.nextInt(60));
                }
                wage.put("amountFen", day == 5 && w == 0 ? 8_000 : (110 + random.nextInt(40)) * 100L);
                api.sendOnceKnown("POST", base + "/workshops/" + workshop + "/wages", clerk, wage);
                wages++;
            }
        }
        api.send("POST", base + "/workshops/" + workshop + "/paydays", admin, Map.of("paidOn", lastMonth.atEndOfMonth().toString()));

        // The first cooperative's members and their neighbours put their industry fund in as shares; last year's 10 % was paid.
        String cooperative = cooperatives.get(0);
        List<JsonNode> holders = householdsByVillage.get(homeOf.get(cooperative).code());
        int parts = Math.min(holders.size(), 10);
        for (int h = 0; h < parts; h++) {
            api.sendOnceKnown("POST", base + "/organisations/" + cooperative + "/shareholdings", clerk, Map.of("household",
                    holders.get(h).path("id").asString(), "kind", h % 3 == 2 ? "LAND" : "FUND", "amountFen", 5_000_000,
                    "investedOn", today.minusYears(2).withDayOfMonth(1).toString(), "terms", "年分红 10%，期限 5 年"));
        }
        api.send("POST", base + "/organisations/" + cooperative + "/dividends", admin, Map.of("year", today.getYear() - 1,
                "paidOn", lastMonth.atDay(10).toString(), "rateBasisPoints", 1_000));
        // The cooperative is named after the speciality of its place among the organisations.
        String speciality = county.products().get(organisations.indexOf(cooperative) % county.products().size());
        traceLot(county, cooperative, speciality, homeOf.get(cooperative), householdsByVillage.get(homeOf.get(cooperative).code()).subList(0, 4),
                today);
        return new Seeded(homeOf.size(), products + 1, paid, wages, parts, 1);
    }

    /**
     * A traced lot of the first cooperative: its speciality from a base in its village, supplied by four member
     * households, harvested, inspected, processed (a private step), packed and shipped, published with every step but
     * processing, and a print run of 24 pack labels. The coordinates are the demo's, around Longnan, not surveyed.
     */
    private void traceLot(DemoData.County county, String cooperative, String speciality, DemoData.Village village, List<JsonNode> suppliers,
                          LocalDate today) {
        String base = supply + "/counties/" + county.code();
        String clerk = "clerk-" + county.code();
        String supplyBase = DemoApi.idOf(api.send("POST", base + "/organisations/" + cooperative + "/bases", clerk, Map.of("village", village.code(),
                "areaMu", 86.5, "crop", speciality)));
        String product = DemoApi.idOf(api.send("POST", base + "/products", clerk, Map.of("organisation", cooperative, "name", speciality + " 溯源装",
                "category", category(speciality), "unit", "KG", "bases", List.of(supplyBase))));
        LocalDate harvest = today.minusDays(20);
        String lot = DemoApi.idOf(api.send("POST", base + "/lots", clerk, Map.of("product", product, "base", supplyBase,
                "lotNumber", "SY-" + county.code().substring(4) + "-" + harvest, "quantity", 1_200, "harvestDate", harvest.toString(), "grade", "特级",
                "households", suppliers.stream().map(h -> h.path("id").asString()).toList())));
        double latitude = 33.0 + Integer.parseInt(county.code().substring(4)) % 10 * 0.08;
        double longitude = 104.6 + Integer.parseInt(county.code().substring(4)) % 7 * 0.09;
        String[][] steps = {
                {"HARVESTING", village.nameZh() + "种植基地", "0", "0"},
                {"INSPECTING", county.nameZh() + "农产品质量检测站", "0.05", "0.04"},
                {"PROCESSING", village.nameZh() + "合作社加工车间", "0.01", "0.01"},
                {"PACKING", county.nameZh() + "电商产业园", "0.08", "0.06"},
                {"SHIPPING", county.nameZh() + "物流园区", "0.10", "0.11"}};
        for (int i = 0; i < steps.length; i++) {
            api.sendOnceKnown("POST", base + "/lots/" + lot + "/events", clerk, Map.of("eventId", "demo-" + lot + "-" + i, "businessStep", steps[i][0],
                    "eventTime", harvest.plusDays(i * 3L) + String.format("T%02d:00:00+08:00", 8 + i), "readPoint", steps[i][1],
                    "latitude", Math.round((latitude + Double.parseDouble(steps[i][2])) * 1e6) / 1e6,
                    "longitude", Math.round((longitude + Double.parseDouble(steps[i][3])) * 1e6) / 1e6));
        }
        api.send("PUT", base + "/lots/" + lot + "/publication", clerk, Map.of("published", true,
                "publicSteps", List.of("HARVESTING", "INSPECTING", "PACKING", "SHIPPING")));
        api.send("POST", base + "/lots/" + lot + "/print-runs", clerk, Map.of("labels", 24));
    }

    private static String category(String speciality) {
        if (speciality.contains("花椒")) {
            return "SICHUAN_PEPPER";
        }
        if (speciality.contains("核桃")) {
            return "WALNUT";
        }
        if (speciality.contains("橄榄")) {
            return "OLIVE";
        }
        if (speciality.contains("蜜")) {
            return "HONEY";
        }
        if (speciality.contains("茶")) {
            return "TEA";
        }
        if (speciality.contains("苹果")) {
            return "APPLE";
        }
        if (speciality.contains("木耳") || speciality.contains("菌")) {
            return "EDIBLE_FUNGUS";
        }
        if (speciality.contains("蒜") || speciality.contains("土豆") || speciality.contains("蕨")) {
            return "VEGETABLE";
        }
        if (speciality.contains("鸡蛋")) {
            return "LIVESTOCK";
        }
        if (List.of("纹党参", "当归", "黄芪", "红芪", "半夏", "大黄", "中药材").contains(speciality)) {
            return "MEDICINAL_HERB";
        }
        return "OTHER";
    }

    /**
     * A unified social credit code of the county: 9 (farmers' cooperatives 93, enterprises 91) or 5 (associations 51),
     * the county code, eight random characters and the check character.
     */
    static String legalId(String kind, String county, Random random) {
        StringBuilder first17 = new StringBuilder(switch (kind) {
            case "ENTERPRISE" -> "91";
            case "COOPERATIVE" -> "93";
            default -> "51";
        }).append(county);
        while (first17.length() < 17) {
            first17.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        return first17.toString() + ALPHABET.charAt((31 - sum % 31) % 31);
    }
}
