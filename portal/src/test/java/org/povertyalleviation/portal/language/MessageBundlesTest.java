package org.povertyalleviation.portal.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every word a page shows comes from the message bundles, in both languages: the two bundles have the same keys,
 * every key a template names exists, every value a service sends that a page translates by prefix (statuses, income
 * sources, …) has its message, and no template carries text of its own.
 */
class MessageBundlesTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/templates");

    /** The values the services send that pages translate as prefix + value (the services' enums). */
    private static final Map<String, List<String>> TRANSLATED_VALUES = Map.ofEntries(
            Map.entry("status.", List.of("REGISTERED", "LIFTED", "MONITORED", "RETURNED")),
            Map.entry("shop.status.", List.of("PLANNED", "OPEN", "DORMANT", "CLOSED")),
            Map.entry("subsidy.status.", List.of("SUBMITTED", "APPROVED", "REJECTED", "PAID")),
            Map.entry("source.", List.of("SHOP_SHARE", "ORDER_PREMIUM", "WORKSHOP_WAGE", "DIVIDEND", "CROWDFUNDING", "SUBSIDY", "OTHER")),
            Map.entry("cause.", List.of("ILLNESS", "DISABILITY", "LACK_OF_EDUCATION", "LACK_OF_SKILLS", "LACK_OF_LABOUR", "LACK_OF_FUNDS",
                    "LACK_OF_LAND", "LACK_OF_WATER", "NATURAL_DISASTER", "POOR_TRANSPORT", "OTHER")),
            Map.entry("relation.", List.of("HEAD", "SPOUSE", "CHILD", "CHILD_IN_LAW", "GRANDCHILD", "PARENT", "GRANDPARENT", "SIBLING", "OTHER")),
            Map.entry("labour.", List.of("FULL", "PARTIAL", "NONE")),
            Map.entry("health.", List.of("HEALTHY", "CHRONIC_ILLNESS", "SERIOUS_ILLNESS", "DISABLED")),
            Map.entry("platform.", List.of("TAOBAO", "JD", "PINDUODUO", "DOUYIN", "WECHAT_MINI_SHOP", "OWN_SITE", "OTHER")),
            Map.entry("owner.", List.of("POOR_HOUSEHOLD", "VILLAGE_CADRE", "COOPERATIVE", "ENTERPRISE", "ASSOCIATION", "RETURNING_YOUTH",
                    "GRADUATE", "DISABLED_ENTREPRENEUR")),
            Map.entry("role.", List.of("SUPPLIER", "EMPLOYEE", "SHAREHOLDER")),
            Map.entry("import.status.", List.of("RUNNING", "COMPLETED", "FAILED")),
            Map.entry("transition.", List.of("LIFTED", "MONITORED", "RETURNED")),
            Map.entry("organisation.kind.", List.of("ENTERPRISE", "COOPERATIVE", "ASSOCIATION")),
            Map.entry("product.category.", List.of("WALNUT", "SICHUAN_PEPPER", "OLIVE", "MEDICINAL_HERB", "TEA", "APPLE", "HONEY", "SMALL_GRAIN",
                    "EDIBLE_FUNGUS", "VEGETABLE", "LIVESTOCK", "EMBROIDERY", "OTHER")),
            Map.entry("unit.", List.of("KG", "PIECE", "BOX", "LITRE")),
            Map.entry("stake.kind.", List.of("MONEY", "LAND", "FUND")),
            Map.entry("certification.kind.", List.of("POLLUTION_FREE", "GREEN_FOOD", "ORGANIC", "GEOGRAPHICAL_INDICATION", "SC_LICENCE")),
            Map.entry("listing.reason.", List.of("CERTIFICATION_MISSING", "CERTIFICATION_EXPIRED", "INSPECTION_FAILED")),
            Map.entry("inspection.result.", List.of("PASS", "FAIL")),
            Map.entry("trace.step.", List.of("HARVESTING", "INSPECTING", "PROCESSING", "PACKING", "SHIPPING", "RECEIVING")),
            Map.entry("suspicions.reason.", List.of("MANY_PLACES", "MANY_SCANS")),
            Map.entry("logistics.level.", List.of("COUNTY_PARK", "TOWNSHIP_STATION", "VILLAGE_POST")),
            Map.entry("logistics.operator.", List.of("CARRIER", "VILLAGE_AGENT", "COUNTY")),
            Map.entry("logistics.reason.", List.of("OWN_POST", "WITHIN_REACH", "TOO_FAR", "NO_PLACE", "NO_NODES")),
            Map.entry("logistics.slot.kind.", List.of("PICKUP", "DELIVERY")),
            Map.entry("logistics.direction.", List.of("UPLINK", "DOWNLINK")),
            Map.entry("logistics.state.", List.of("BOOKED", "PICKED_UP", "AT_TOWNSHIP", "AT_COUNTY_PARK", "HANDED_TO_CARRIER", "AT_VILLAGE_POST",
                    "DELIVERED", "FAILED", "RETURNED", "CANCELLED")),
            Map.entry("logistics.sender.", List.of("HOUSEHOLD", "SHOP", "COOPERATIVE", "WORKSHOP", "MERCHANT")),
            Map.entry("logistics.carries.", List.of("ORDER_DELIVERY", "CROWDFUNDING_REWARD", "TRACE_LOT", "GOODS")),
            Map.entry("logistics.backhaul.", List.of("up-matched", "up-unmatched", "down-unloaded")),
            Map.entry("milkrun.status.", List.of("PLANNED", "SUPERSEDED")),
            Map.entry("milkrun.reason.", List.of("COLD", "CAPACITY", "WINDOW", "WORKING_DAY", "NOT_PLACED")),
            Map.entry("training.level.", List.of("BASICS", "SHOP_OPERATION", "LIVE_STREAMING", "PRODUCT_PHOTOGRAPHY", "PACKAGING_AND_LOGISTICS",
                    "CUSTOMER_SERVICE", "CADRE")),
            Map.entry("training.group.", List.of("POOR_HOUSEHOLD_MEMBER", "VILLAGE_CADRE", "RETURNING_YOUTH", "GRADUATE", "PERSON_WITH_DISABILITY",
                    "OTHER")),
            Map.entry("training.skill.", List.of("SHOP_OPERATION", "LIVE_STREAMING", "PRODUCT_PHOTOGRAPHY", "CUSTOMER_SERVICE", "PACKING_AND_SHIPPING")),
            Map.entry("training.place.", List.of("COUNTY_COLLEGE", "TOWNSHIP", "VILLAGE", "ONLINE")),
            Map.entry("training.method.", List.of("QR", "CODE", "MANUAL")),
            Map.entry("training.flag.", List.of("LATE", "DUPLICATE")),
            Map.entry("training.standing.", List.of("VALID", "EXPIRED", "REVOKED")),
            Map.entry("crowdfunding.status.", List.of("DRAFT", "SUBMITTED", "REVIEWED", "PUBLISHED", "FUNDED", "FAILED", "CANCELLED", "DELIVERED")),
            Map.entry("crowdfunding.owner.", List.of("HOUSEHOLD", "COOPERATIVE")),
            Map.entry("crowdfunding.pledge.", List.of("PENDING", "PAID", "FAILED", "DROPPED", "REFUNDING", "REFUNDED")),
            Map.entry("crowdfunding.refund.", List.of("REQUESTED", "SENT", "CONFIRMED")),
            Map.entry("crowdfunding.reason.", List.of("GOAL_MISSED", "PROJECT_CANCELLED", "UNDELIVERED", "LATE_PAYMENT")),
            Map.entry("crowdfunding.outcome.", List.of("FUNDED", "FAILED")),
            Map.entry("crowdfunding.entry.", List.of("PLEDGE_PAID", "REFUND_CONFIRMED", "PAYOUT")),
            Map.entry("problem.code.project-", List.of("four-eyes", "frozen", "shares-sum", "deadline-passed", "not-cancellable", "wrong-status",
                    "refunds-pending", "unknown-lot")),
            Map.entry("problem.code.", List.of("unknown-course", "already-enrolled", "app-person-required", "already-cancelled", "not-enrolled",
                    "no-sittings", "attendance-below-threshold", "assessment-not-passed", "certificate-issued", "already-revoked", "outside-sitting",
                    "token-invalid", "token-expired", "token-of-another-sitting", "code-invalid", "lot-of-another-county", "lot-missing",
                    "dispatch-in-progress", "rewards-not-dispatched", "logistics-refused", "not-paid")));

    @Test
    void chinese_and_english_have_the_same_keys() throws IOException {
        Set<String> chinese = new TreeSet<>(load("messages.properties").stringPropertyNames());
        Set<String> english = new TreeSet<>(load("messages_en.properties").stringPropertyNames());
        assertThat(english).as("keys only in Chinese").containsAll(chinese);
        assertThat(chinese).as("keys only in English").containsAll(english);
    }

    @Test
    void chinese_is_written_in_chinese() throws IOException {
        Properties chinese = load("messages.properties");
        Pattern han = Pattern.compile("\\p{IsHan}");
        List<String> untranslated = chinese.stringPropertyNames().stream()
                .filter(key -> !key.startsWith("platform.") && !key.startsWith("problem.reference"))
                .filter(key -> !han.matcher(chinese.getProperty(key)).find()).sorted().toList();
        assertThat(untranslated).as("Chinese messages without a Chinese character").isEmpty();
    }

    @Test
    void every_key_a_template_names_exists() throws IOException {
        Properties chinese = load("messages.properties");
        Pattern key = Pattern.compile("#\\{([a-zA-Z0-9.\\-]+)[(}]");
        Set<String> missing = new TreeSet<>();
        for (Path template : templates()) {
            Matcher matcher = key.matcher(Files.readString(template));
            while (matcher.find()) {
                if (!chinese.containsKey(matcher.group(1))) {
                    missing.add(template.getFileName() + ": " + matcher.group(1));
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void every_value_a_page_translates_has_its_message() throws IOException {
        Properties chinese = load("messages.properties");
        Set<String> missing = new TreeSet<>();
        TRANSLATED_VALUES.forEach((prefix, values) -> values.stream().map(value -> prefix + value)
                .filter(name -> !chinese.containsKey(name)).forEach(missing::add));
        assertThat(missing).isEmpty();
    }

    /** Text between tags must come from th:text; only whitespace, entities-free punctuation and the language names may stand. */
    @Test
    void templates_carry_no_text_of_their_own() throws IOException {
        Pattern text = Pattern.compile(">([^<]+)<");
        Set<String> found = new TreeSet<>();
        for (Path template : templates()) {
            String html = Files.readString(template).replaceAll("(?s)<!--.*?-->", "");
            Matcher matcher = text.matcher(html);
            while (matcher.find()) {
                String content = matcher.group(1).strip();
                // Each language's own name is written in that language on purpose: the switch must be readable by
                // someone who does not read the current one.
                if (!content.isEmpty() && !content.equals("English") && !content.equals("中文")) {
                    found.add(template.getFileName() + ": " + content);
                }
            }
        }
        assertThat(found).isEmpty();
    }

    private static List<Path> templates() throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            return files.filter(file -> file.toString().endsWith(".html")).sorted().toList();
        }
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources", name), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
