package org.povertyalleviation.bench.portal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

import org.povertyalleviation.devstack.DemoData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Gives Wen County (621222) what a county in use has, through the gateway's APIs as its administrator: a household
 * file imported (the devstack's demo households of the county, topped up with generated ones), income recorded for
 * some households, shops registered and linked to households, their sales reported, a subsidy budget and
 * applications. Each step that fails is logged with the answer and the rest goes on with what exists: the pages are
 * measured with whatever data the county ended up with (the summary says what that was).
 */
final class WenCountySeed {

    private static final Logger log = LoggerFactory.getLogger(WenCountySeed.class);

    static final String COUNTY = "621222";
    private static final String REGISTRY = "/api/household-registry/counties/" + COUNTY;
    private static final String SHOPS = "/api/shop-management/counties/" + COUNTY;
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final String[] PLATFORMS = {"TAOBAO", "JD", "PINDUODUO", "DOUYIN", "WECHAT_MINI_SHOP"};
    private static final String[] INCOME_SOURCES = {"WORKSHOP_WAGE", "ORDER_PREMIUM", "DIVIDEND", "CROWDFUNDING"};
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "苟", "雷", "蒲", "马", "何"};
    private static final String[] GIVEN = {"建", "国", "明", "芳", "秀", "英", "军", "平", "兰", "霞", "强", "红", "德", "春", "海"};
    private static final String[] HEALTH = {"HEALTHY", "HEALTHY", "HEALTHY", "CHRONIC_ILLNESS", "SERIOUS_ILLNESS", "DISABLED"};
    private static final String[] EDUCATION = {"PRIMARY", "JUNIOR_SECONDARY", "JUNIOR_SECONDARY", "SENIOR_SECONDARY", "NONE", "VOCATIONAL"};

    /** What the county has after seeding; {@code household} is the one whose page is measured (null if none). */
    record Seeded(int households, int incomeEntries, int lifted, int shops, int links, int salesReports, int subsidies,
                  String household, List<String> problems) {

        String summary() {
            return String.format(Locale.ROOT, "%d households, %d income entries, %d lifted, %d shops, %d household links, %d sales reports, "
                    + "%d subsidy applications", households, incomeEntries, lifted, shops, links, salesReports, subsidies);
        }
    }

    /** A household as the registry lists it. */
    private record Listed(String id, String fileNumber, String village, int members) {
    }

    private final GatewayCalls api;
    /** Submits the subsidy applications that the admin approves (four eyes: one submits, another approves). */
    private final GatewayCalls clerk;
    private final DemoData.Dataset dataset;
    private final BenchSettings settings;
    private final Random random;
    private final List<String> problems = new ArrayList<>();

    WenCountySeed(GatewayCalls api, GatewayCalls clerk, DemoData.Dataset dataset, BenchSettings settings) {
        this.api = api;
        this.clerk = clerk;
        this.dataset = dataset;
        this.settings = settings;
        this.random = new Random(settings.seed());
    }

    Seeded seed() {
        step("importing the household file", () -> {
            importHouseholds();
            return null;
        }, null);
        List<Listed> households = step("listing the households", this::listHouseholds, List.of());
        List<Listed> earning = households.subList(0, Math.min(40, households.size()));
        List<Listed> leaving = earning.subList(0, Math.min(15, earning.size()));
        int incomeEntries = step("recording income", () -> recordIncome(earning, leaving.size()), 0);
        int lifted = step("lifting households", () -> lift(leaving), 0);
        List<String> openShops = new ArrayList<>();
        List<String> poorHouseholdShops = new ArrayList<>();
        int shops = step("registering shops", () -> registerShops(households, openShops, poorHouseholdShops), 0);
        int links = step("linking households to shops", () -> link(openShops, earning), 0);
        int reports = step("reporting sales", () -> reportSales(openShops), 0);
        int subsidies = step("applying for subsidies", () -> subsidies(poorHouseholdShops), 0);
        String household = earning.isEmpty() ? (households.isEmpty() ? null : households.get(0).id()) : earning.get(0).id();
        return new Seeded(households.size(), incomeEntries, lifted, shops, links, reports, subsidies, household, List.copyOf(problems));
    }

    // --- households --------------------------------------------------------------------------------------------

    private void importHouseholds() {
        byte[] csv = householdFile();
        long start = System.nanoTime();
        // The registry answers 404 until the county's county.joined.v1 has reached it (the devstack onboards at start).
        GatewayCalls.Answer accepted = retry(Duration.ofSeconds(120), answer -> answer.status() == 404,
                () -> api.upload(REGISTRY + "/imports", "file", "wen-county-households.csv", "text/csv", csv));
        if (accepted.status() != 202) {
            problem("The household import was refused: " + accepted.brief());
            return;
        }
        String job = api.parse(accepted).path("id").asString();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            GatewayCalls.Answer answer = api.get(REGISTRY + "/imports/" + job);
            if (!answer.ok()) {
                problem("Reading the import job answered " + answer.brief());
                return;
            }
            JsonNode status = api.parse(answer);
            if (!"RUNNING".equals(status.path("status").asString())) {
                log.info("Import {} in {} s: {} households created, {} unchanged, {} rows rejected", status.path("status").asString(),
                        String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9), status.path("householdsCreated").asString(),
                        status.path("householdsUnchanged").asString(), status.path("rowsRejected").asString());
                if (status.path("rowsRejected").asInt() > 0) {
                    problem(status.path("rowsRejected").asInt() + " rows of the household file were rejected (see the import's page)");
                }
                return;
            }
            sleep(Duration.ofMillis(500));
        }
        problem("The household import had not ended after 5 minutes; measuring with what it imported so far");
    }

    /**
     * The import's CSV (one row per person, head first; household columns repeated on every row of a household): the
     * devstack's demo households of Wen County, then generated ones up to {@code --households}.
     */
    private byte[] householdFile() {
        StringBuilder csv = new StringBuilder("file_number,village_code,registration_year,relation,name,resident_id,phone,labour_capacity,"
                + "health,education,causes,primary_cause,helper_cadre,food,clothing,compulsory_education,basic_medical_care,safe_housing\n");
        Set<String> residentIds = new HashSet<>();
        List<DemoData.Village> villages = villages();
        int written = 0;
        for (DemoData.Household household : dataset.households()) {
            if (written == settings.households()) {
                break;
            }
            if (household.countyCode().equals(COUNTY) && household.members().stream().allMatch(m -> residentIds.add(m.residentId()))) {
                appendHousehold(csv, household);
                written++;
            }
        }
        int demo = written;
        for (int sequence = 1; written < settings.households(); sequence++) {
            DemoData.Household household = generated(villages.get(random.nextInt(villages.size())).code(), sequence, residentIds);
            appendHousehold(csv, household);
            written++;
        }
        log.info("Household file: {} households ({} of the devstack's demo households of Wen County, {} generated)", written, demo, written - demo);
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void appendHousehold(StringBuilder csv, DemoData.Household household) {
        String helper = "驻村干部" + SURNAMES[Math.abs(household.fileNumber().hashCode()) % SURNAMES.length] + "同志";
        // About one household in eight still lacks a guarantee (safe housing, most often), as in a real file.
        boolean housing = Math.abs(household.fileNumber().hashCode()) % 8 != 0;
        for (DemoData.Member member : household.members()) {
            int birthYear = Integer.parseInt(member.residentId().substring(6, 10));
            int age = LocalDate.now(CHINA).getYear() - birthYear;
            String education = age < 7 ? "PRESCHOOL" : EDUCATION[Math.abs(member.residentId().hashCode()) % EDUCATION.length];
            String health = HEALTH[Math.abs((member.residentId() + "h").hashCode()) % HEALTH.length];
            csv.append(String.join(",", household.fileNumber(), household.villageCode(), Integer.toString(household.registrationYear()),
                    member.relation(), member.name(), member.residentId(), member.phone(), member.labourCapacity(), health, education,
                    String.join(";", household.causes()), household.primaryCause(), helper, "true", "true", "true", "true",
                    Boolean.toString(housing))).append('\n');
        }
    }

    /** A household like the devstack's: a head, up to four others, made-up names and ID numbers (valid check digit). */
    private DemoData.Household generated(String village, int sequence, Set<String> residentIds) {
        String surname = SURNAMES[random.nextInt(SURNAMES.length)];
        LocalDate headBirth = LocalDate.of(1955 + random.nextInt(35), 1 + random.nextInt(12), 1 + random.nextInt(28));
        List<DemoData.Member> members = new ArrayList<>();
        members.add(new DemoData.Member(surname + GIVEN[random.nextInt(GIVEN.length)] + GIVEN[random.nextInt(GIVEN.length)], "HEAD",
                residentId(headBirth, residentIds), "1990" + String.format("%07d", random.nextInt(10_000_000)), "FULL"));
        int others = random.nextInt(5);
        for (int m = 0; m < others; m++) {
            boolean spouse = m == 0;
            LocalDate birth = spouse ? headBirth.plusYears(random.nextInt(5) - 2) : headBirth.plusYears(22 + random.nextInt(10));
            if (birth.getYear() > 2019) {
                birth = LocalDate.of(2019, 6, 1);
            }
            members.add(new DemoData.Member((spouse ? SURNAMES[random.nextInt(SURNAMES.length)] : surname) + GIVEN[random.nextInt(GIVEN.length)],
                    spouse ? "SPOUSE" : "CHILD", residentId(birth, residentIds), "", random.nextBoolean() ? "FULL" : "PARTIAL"));
        }
        List<String> causes = random.nextBoolean() ? List.of("LACK_OF_FUNDS", "LACK_OF_SKILLS") : List.of("ILLNESS");
        return new DemoData.Household(COUNTY, village, COUNTY + "-9" + String.format("%04d", sequence), 2014 + random.nextInt(3),
                causes.get(0), causes, members);
    }

    private String residentId(LocalDate birth, Set<String> taken) {
        while (true) {
            String first17 = COUNTY + birth.toString().replace("-", "") + String.format("%03d", 1 + random.nextInt(999));
            int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
            int sum = 0;
            for (int i = 0; i < 17; i++) {
                sum += (first17.charAt(i) - '0') * weights[i];
            }
            String id = first17 + "10X98765432".charAt(sum % 11);
            if (taken.add(id)) {
                return id;
            }
        }
    }

    private List<Listed> listHouseholds() {
        List<Listed> households = new ArrayList<>();
        String after = null;
        while (true) {
            GatewayCalls.Answer answer = api.get(REGISTRY + "/households?limit=500" + (after == null ? "" : "&after=" + after));
            if (!answer.ok()) {
                problem("Listing the households answered " + answer.brief());
                return households;
            }
            JsonNode page = api.parse(answer);
            for (JsonNode household : page) {
                households.add(new Listed(household.path("id").asString(), household.path("fileNumber").asString(),
                        household.path("village").asString(), Math.max(1, household.path("members").asInt())));
            }
            if (page.size() < 500) {
                return households;
            }
            after = households.get(households.size() - 1).fileNumber();
        }
    }

    /**
     * Six complete months of e-commerce income (a workshop wage, an order premium, …) for each household given; the
     * first {@code leaving} earn enough per member to be above the poverty line (7,500 yuan a year in the devstack).
     */
    private int recordIncome(List<Listed> households, int leaving) {
        int recorded = 0;
        YearMonth lastComplete = YearMonth.now(CHINA).minusMonths(1);
        for (int h = 0; h < households.size(); h++) {
            Listed household = households.get(h);
            for (int m = 0; m < 6; m++) {
                YearMonth month = lastComplete.minusMonths(m);
                String source = INCOME_SOURCES[(h + m) % INCOME_SOURCES.length];
                long fen = h < leaving ? household.members() * (140_000L + random.nextInt(40_000)) : 20_000 + random.nextInt(130_000);
                GatewayCalls.Answer answer = api.post(REGISTRY + "/households/" + household.id() + "/income", String.format(Locale.ROOT,
                        "{\"month\":\"%s\",\"source\":\"%s\",\"amountFen\":%d,\"reference\":\"BENCH-%s-%s\",\"note\":\"%s\"}",
                        month, source, fen, household.fileNumber(), month, "村电商服务站 " + month.getMonthValue() + " 月"));
                if (answer.ok()) {
                    recorded++;
                } else {
                    problem("Recording income for " + household.fileNumber() + " answered " + answer.brief());
                    return recorded;
                }
            }
        }
        log.info("Recorded {} income entries for {} households", recorded, households.size());
        return recorded;
    }

    /** Tries to lift each household (its exit is verified against the year's poverty line); refusals are counted, not fixed. */
    private int lift(List<Listed> households) {
        int lifted = 0;
        String refusal = null;
        for (Listed household : households) {
            // Verified against the year of the last complete month, the year the income above was recorded in.
            GatewayCalls.Answer answer = api.post(REGISTRY + "/households/" + household.id() + "/status",
                    "{\"status\":\"LIFTED\",\"year\":" + YearMonth.now(CHINA).minusMonths(1).getYear() + "}");
            if (answer.ok()) {
                lifted++;
            } else {
                refusal = answer.brief();
            }
        }
        log.info("Lifted {} of {} households{}", lifted, households.size(), refusal == null ? "" : "; last refusal: " + refusal);
        return lifted;
    }

    // --- shops ---------------------------------------------------------------------------------------------------

    /**
     * Shops in the county's villages, poor villages first and one per village, so that some poor villages stay
     * uncovered (the dashboard lists them); every third is a poor household's own shop (it may apply for the subsidy).
     */
    private int registerShops(List<Listed> households, List<String> open, List<String> poorHouseholds) {
        List<DemoData.Village> villages = new ArrayList<>(villages());
        villages.sort((a, b) -> Boolean.compare(b.poor(), a.poor()));
        List<String> products = dataset.counties().stream().filter(c -> c.code().equals(COUNTY)).findFirst()
                .map(DemoData.County::products).orElse(List.of("纹党参"));
        int registered = 0;
        for (int s = 0; s < settings.shops(); s++) {
            boolean ownedByPoorHousehold = s % 3 == 2 && s / 3 < households.size();
            Listed owner = ownedByPoorHousehold ? households.get(households.size() - 1 - s / 3) : null;
            String village = owner != null ? owner.village() : villages.get(s % villages.size()).code();
            String villageName = villages.stream().filter(v -> v.code().equals(village)).map(DemoData.Village::nameZh).findFirst().orElse("");
            String product = products.get(s % products.size());
            boolean planned = s % 5 == 4;
            String body = String.format(Locale.ROOT, "{\"village\":\"%s\",\"name\":\"%s\",\"platform\":\"%s\",\"url\":\"https://shop.example.cn/%s-%d\","
                            + "\"ownerCategory\":\"%s\",%s\"productCategories\":[\"%s\"],\"status\":\"%s\"}",
                    village, villageName + product + (owner != null ? "小店" : "合作社"), PLATFORMS[s % PLATFORMS.length], COUNTY, s,
                    owner != null ? "POOR_HOUSEHOLD" : (s % 2 == 0 ? "COOPERATIVE" : "ENTERPRISE"),
                    owner != null ? "\"ownerHousehold\":\"" + owner.id() + "\"," : "", product, planned ? "PLANNED" : "OPEN");
            // Shop management learns of villages and households from events: a 422 may only mean "not yet".
            GatewayCalls.Answer answer = retry(Duration.ofSeconds(60), a -> a.status() == 422, () -> api.post(SHOPS + "/shops", body));
            if (!answer.ok()) {
                problem("Registering shop " + s + " answered " + answer.brief());
                continue;
            }
            registered++;
            String id = api.parse(answer).path("id").asString();
            if (!planned) {
                open.add(id);
            }
            if (owner != null) {
                poorHouseholds.add(id);
            }
        }
        log.info("Registered {} shops ({} open, {} owned by poor households)", registered, open.size(), poorHouseholds.size());
        return registered;
    }

    /** Two households per open shop: a supplier on a 5 % share of net sales and an employee on a fixed monthly wage. */
    private int link(List<String> shops, List<Listed> households) {
        int links = 0;
        for (int s = 0; s < shops.size() && households.size() >= 2; s++) {
            Listed supplier = households.get((2 * s) % households.size());
            Listed employee = households.get((2 * s + 1) % households.size());
            links += link(shops.get(s), supplier, "{\"role\":\"SUPPLIER\",\"rule\":\"SALES_SHARE\",\"sharePercent\":5}") ? 1 : 0;
            links += link(shops.get(s), employee, "{\"role\":\"EMPLOYEE\",\"rule\":\"FIXED_MONTHLY\",\"fixedAmountFen\":30000}") ? 1 : 0;
        }
        log.info("Linked {} households to shops", links);
        return links;
    }

    private boolean link(String shop, Listed household, String body) {
        GatewayCalls.Answer answer = retry(Duration.ofSeconds(60), a -> a.status() == 422,
                () -> api.put(SHOPS + "/shops/" + shop + "/households/" + household.id(), body));
        if (!answer.ok()) {
            problem("Linking " + household.fileNumber() + " to shop " + shop + " answered " + answer.brief());
        }
        return answer.ok();
    }

    /** The last four complete months of each open shop, as a partner platform would report them. */
    private int reportSales(List<String> shops) {
        int reports = 0;
        YearMonth lastComplete = YearMonth.now(CHINA).minusMonths(1);
        for (String shop : shops) {
            for (int m = 3; m >= 0; m--) {
                int orders = 20 + random.nextInt(180);
                long gross = orders * (3_000L + random.nextInt(12_000));
                GatewayCalls.Answer answer = api.post(SHOPS + "/shops/" + shop + "/sales-reports", String.format(Locale.ROOT,
                        "{\"month\":\"%s\",\"orders\":%d,\"grossFen\":%d,\"refundsFen\":%d}", lastComplete.minusMonths(m), orders, gross, gross / 40));
                if (answer.ok()) {
                    reports++;
                } else {
                    problem("Reporting sales of shop " + shop + " answered " + answer.brief());
                }
            }
        }
        log.info("Reported {} months of sales", reports);
        return reports;
    }

    /** This year's budget, and an application per poor household's shop: the first approved, the rest in the queue. */
    private int subsidies(List<String> shops) {
        int year = LocalDate.now(CHINA).getYear();
        GatewayCalls.Answer budget = api.put(SHOPS + "/subsidy-budgets/" + year, "{\"budgetFen\":50000000}");
        if (!budget.ok()) {
            problem("Setting the subsidy budget answered " + budget.brief());
        }
        int submitted = 0;
        for (String shop : shops) {
            GatewayCalls.Answer answer = clerk.post(SHOPS + "/subsidies", "{\"shop\":\"" + shop + "\"}");
            if (!answer.ok()) {
                problem("Applying for the subsidy of shop " + shop + " answered " + answer.brief());
                continue;
            }
            if (submitted++ == 0) {
                GatewayCalls.Answer approval = api.post(SHOPS + "/subsidies/" + api.parse(answer).path("id").asString() + "/approval", "{}");
                if (!approval.ok()) {
                    problem("Approving a subsidy answered " + approval.brief());
                }
            }
        }
        log.info("Submitted {} subsidy applications", submitted);
        return submitted;
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    /** A seeding step that fails (a refused connection, an unexpected answer) is a problem to report, not the end of the run. */
    private <T> T step(String name, Supplier<T> step, T fallback) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            problem(name + " failed: " + e);
            return fallback;
        }
    }

    private List<DemoData.Village> villages() {
        return dataset.villages().stream().filter(v -> v.countyCode().equals(COUNTY)).toList();
    }

    private static GatewayCalls.Answer retry(Duration patience, java.util.function.Predicate<GatewayCalls.Answer> notYet,
                                             Supplier<GatewayCalls.Answer> call) {
        long deadline = System.nanoTime() + patience.toNanos();
        GatewayCalls.Answer answer = call.get();
        while (notYet.test(answer) && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(500));
            answer = call.get();
        }
        return answer;
    }

    private void problem(String message) {
        log.warn("Seeding: {}", message);
        problems.add(message);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
