package org.povertyalleviation.shopmanagement.shop.messaging;

import java.time.Instant;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.povertyalleviation.platform.events.EventCodec;
import org.povertyalleviation.platform.events.EventEnvelope;
import org.povertyalleviation.platform.outbox.Outbox;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.shopmanagement.shop.domain.ShopStatus;
import org.povertyalleviation.shopmanagement.shop.persistence.ShopRepository.ShopRow;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The shop and subsidy events (docs/events/shop.*.v1 and subsidy.*.v1), appended to the outbox in the transaction
 * of the change. All go to one topic keyed by county and subject, so one shop's events keep their order. They name
 * households by their registry id only: no personal data.
 */
@Component
public class ShopEvents {

    public static final String SOURCE = "/services/shop-management";
    public static final String TOPIC = "shop.events";
    public static final String OPENED = "shop.opened.v1";
    public static final String STATUS_CHANGED = "shop.status-changed.v1";
    public static final String SALES_REPORTED = "shop.sales-reported.v1";
    public static final String HOUSEHOLD_INCOME_EARNED = "shop.household-income-earned.v1";
    public static final String SUBSIDY_APPROVED = "subsidy.approved.v1";
    public static final String SUBSIDY_PAID = "subsidy.paid.v1";

    /** Who moved a shop's status. */
    public enum Detector {
        CLERK, DORMANCY_CHECK, SALES_REPORT
    }

    private final Outbox outbox;
    private final EventCodec codec;

    public ShopEvents(Outbox outbox, EventCodec codec) {
        this.outbox = outbox;
        this.codec = codec;
    }

    public Mono<Void> opened(ShopRow shop) {
        Map<String, Object> data = identity(shop);
        data.put("name", shop.name());
        data.put("platform", shop.platform().name());
        data.put("ownerCategory", shop.ownerCategory().name());
        if (shop.ownerHousehold() != null) {
            data.put("ownerHousehold", shop.ownerHousehold().toString());
        }
        data.put("productCategories", shop.productCategories());
        data.put("openedAt", shop.openedAt().toString());
        return append(OPENED, shop.countyCode(), shop.id(), data);
    }

    /** @param households the households linked to the shop now: the registry's early warning watches them */
    public Mono<Void> statusChanged(ShopRow shop, ShopStatus from, Detector detectedBy, List<UUID> households) {
        Map<String, Object> data = identity(shop);
        data.put("from", from.name());
        data.put("to", shop.status().name());
        if (shop.statusReason() != null) {
            data.put("reason", shop.statusReason());
        }
        data.put("detectedBy", detectedBy.name());
        data.put("households", households.stream().map(UUID::toString).toList());
        data.put("changedAt", shop.statusChangedAt().toString());
        return append(STATUS_CHANGED, shop.countyCode(), shop.id(), data);
    }

    public Mono<Void> salesReported(ShopRow shop, YearMonth month, int orders, long grossFen, long refundsFen, int revision,
                                    String reportedBy, long distributedFen) {
        Map<String, Object> data = identity(shop);
        data.put("month", month.toString());
        data.put("orders", orders);
        data.put("grossFen", grossFen);
        data.put("refundsFen", refundsFen);
        data.put("netFen", grossFen - refundsFen);
        data.put("revision", revision);
        data.put("reportedBy", reportedBy);
        data.put("distributedFen", distributedFen);
        return append(SALES_REPORTED, shop.countyCode(), shop.id(), data);
    }

    /** The household's share of the month, with the report's revision: a correction replaces it in the ledger. */
    public EventEnvelope householdIncomeEarned(String county, UUID shop, UUID household, YearMonth month, long amountFen, int revision,
                                               String rule, String role) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("county", county);
        data.put("shop", shop.toString());
        data.put("household", household.toString());
        data.put("month", month.toString());
        data.put("amountFen", amountFen);
        data.put("revision", revision);
        data.put("rule", rule);
        data.put("role", role);
        return EventEnvelope.create(SOURCE, HOUSEHOLD_INCOME_EARNED, CountyCode.of(county), shop.toString(), codec.toTree(data));
    }

    public Mono<Void> appendAll(List<EventEnvelope> events) {
        return events.isEmpty() ? Mono.empty() : outbox.appendAll(TOPIC, events);
    }

    public Mono<Void> subsidyApproved(String county, UUID subsidy, UUID household, UUID shop, long amountFen, int budgetYear, Instant approvedAt) {
        Map<String, Object> data = subsidy(county, subsidy, household, shop, amountFen);
        data.put("budgetYear", budgetYear);
        data.put("approvedAt", approvedAt.toString());
        return append(SUBSIDY_APPROVED, county, subsidy, data);
    }

    public Mono<Void> subsidyPaid(String county, UUID subsidy, UUID household, UUID shop, long amountFen, java.time.LocalDate paidOn,
                                  String paymentReference) {
        Map<String, Object> data = subsidy(county, subsidy, household, shop, amountFen);
        data.put("paidOn", paidOn.toString());
        data.put("month", YearMonth.from(paidOn).toString());
        if (paymentReference != null) {
            data.put("paymentReference", paymentReference);
        }
        return append(SUBSIDY_PAID, county, subsidy, data);
    }

    private Mono<Void> append(String type, String county, UUID subject, Map<String, Object> data) {
        return outbox.append(TOPIC, EventEnvelope.create(SOURCE, type, CountyCode.of(county), subject.toString(), codec.toTree(data)));
    }

    private static Map<String, Object> identity(ShopRow shop) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("county", shop.countyCode());
        data.put("shop", shop.id().toString());
        data.put("village", shop.villageCode());
        return data;
    }

    private static Map<String, Object> subsidy(String county, UUID subsidy, UUID household, UUID shop, long amountFen) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("county", county);
        data.put("subsidy", subsidy.toString());
        data.put("household", household.toString());
        data.put("shop", shop.toString());
        data.put("amountFen", amountFen);
        return data;
    }
}
