package org.povertyalleviation.shopmanagement.shop.messaging;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.povertyalleviation.platform.events.EventType;
import org.povertyalleviation.platform.events.PublishedEvent;

/**
 * The events shop management publishes, one record per type, each exactly its contract in docs/events (checked by
 * EventsTest against the catalogued example). All go to shop.events keyed by county and subject, so one shop's (or one
 * subsidy's) events keep their order. They name households by their registry id only: no personal data.
 */
public final class ShopEventRecords {

    static final String TOPIC = "shop.events";

    private ShopEventRecords() {
    }

    @EventType(value = "shop.opened.v1", topic = TOPIC)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ShopOpened(String county, String shop, String village, String name, String platform, String ownerCategory,
                             String ownerHousehold, List<String> productCategories, String openedAt) implements PublishedEvent {
        @Override
        public String subject() {
            return shop;
        }
    }

    @EventType(value = "shop.status-changed.v1", topic = TOPIC)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ShopStatusChanged(String county, String shop, String village, String from, String to, String reason,
                                    String detectedBy, List<String> households, String changedAt) implements PublishedEvent {
        @Override
        public String subject() {
            return shop;
        }
    }

    @EventType(value = "shop.sales-reported.v1", topic = TOPIC)
    public record ShopSalesReported(String county, String shop, String village, String month, int orders, long grossFen,
                                    long refundsFen, long netFen, int revision, String reportedBy, long distributedFen)
            implements PublishedEvent {
        @Override
        public String subject() {
            return shop;
        }
    }

    /** The household's share of the month, with the report's revision: a correction replaces it in the ledger. */
    @EventType(value = "shop.household-income-earned.v1", topic = TOPIC)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HouseholdIncomeEarned(String county, String shop, String household, String month, long amountFen, int revision,
                                        String rule, String role) implements PublishedEvent {
        @Override
        public String subject() {
            return shop;
        }
    }

    @EventType(value = "subsidy.approved.v1", topic = TOPIC)
    public record SubsidyApproved(String county, String subsidy, String household, String shop, long amountFen, int budgetYear,
                                  String approvedAt) implements PublishedEvent {
        @Override
        public String subject() {
            return subsidy;
        }
    }

    @EventType(value = "subsidy.paid.v1", topic = TOPIC)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SubsidyPaid(String county, String subsidy, String household, String shop, long amountFen, String paidOn,
                              String month, String paymentReference) implements PublishedEvent {
        @Override
        public String subject() {
            return subsidy;
        }
    }
}
