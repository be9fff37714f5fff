package org.povertyalleviation.shopmanagement.shop.messaging;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import org.povertyalleviation.platform.outbox.Outbox;
import org.povertyalleviation.shopmanagement.shop.domain.ShopStatus;
import org.povertyalleviation.shopmanagement.shop.messaging.ShopEventRecords.HouseholdIncomeEarned;
import org.povertyalleviation.shopmanagement.shop.messaging.ShopEventRecords.ShopOpened;
import org.povertyalleviation.shopmanagement.shop.messaging.ShopEventRecords.ShopSalesReported;
import org.povertyalleviation.shopmanagement.shop.messaging.ShopEventRecords.ShopStatusChanged;
import org.povertyalleviation.shopmanagement.shop.messaging.ShopEventRecords.SubsidyApproved;
import org.povertyalleviation.shopmanagement.shop.messaging.ShopEventRecords.SubsidyPaid;
import org.povertyalleviation.shopmanagement.shop.persistence.ShopRepository.ShopRow;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Appends shop management's events (ShopEventRecords) to the outbox in the transaction of the change.
 */
@Component
public class ShopEvents {

    public static final String TOPIC = ShopEventRecords.TOPIC;

    /** Who moved a shop's status. */
    public enum Detector {
        CLERK, DORMANCY_CHECK, SALES_REPORT
    }

    private final Outbox outbox;

    public ShopEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Mono<Void> opened(ShopRow shop) {
        return outbox.publish(new ShopOpened(shop.countyCode(), shop.id().toString(), shop.villageCode(), shop.name(),
                shop.platform().name(), shop.ownerCategory().name(), shop.ownerHousehold() == null ? null : shop.ownerHousehold().toString(),
                shop.productCategories(), shop.openedAt().toString()));
    }

    /** @param households the households linked to the shop now: the registry's early warning watches them */
    public Mono<Void> statusChanged(ShopRow shop, ShopStatus from, Detector detectedBy, List<UUID> households) {
        return outbox.publish(new ShopStatusChanged(shop.countyCode(), shop.id().toString(), shop.villageCode(), from.name(),
                shop.status().name(), shop.statusReason(), detectedBy.name(), households.stream().map(UUID::toString).toList(),
                shop.statusChangedAt().toString()));
    }

    public Mono<Void> salesReported(ShopRow shop, YearMonth month, int orders, long grossFen, long refundsFen, int revision,
                                    String reportedBy, long distributedFen) {
        return outbox.publish(new ShopSalesReported(shop.countyCode(), shop.id().toString(), shop.villageCode(), month.toString(), orders,
                grossFen, refundsFen, grossFen - refundsFen, revision, reportedBy, distributedFen));
    }

    /** The household's share of the month, with the report's revision: a correction replaces it in the ledger. */
    public HouseholdIncomeEarned householdIncomeEarned(String county, UUID shop, UUID household, YearMonth month, long amountFen,
                                                       int revision, String rule, String role) {
        return new HouseholdIncomeEarned(county, shop.toString(), household.toString(), month.toString(), amountFen, revision, rule, role);
    }

    /** A report's shares in one statement. */
    public Mono<Void> appendAll(List<HouseholdIncomeEarned> events) {
        return outbox.publishAll(events);
    }

    public Mono<Void> subsidyApproved(String county, UUID subsidy, UUID household, UUID shop, long amountFen, int budgetYear, Instant approvedAt) {
        return outbox.publish(new SubsidyApproved(county, subsidy.toString(), household.toString(), shop.toString(), amountFen, budgetYear,
                approvedAt.toString()));
    }

    public Mono<Void> subsidyPaid(String county, UUID subsidy, UUID household, UUID shop, long amountFen, java.time.LocalDate paidOn,
                                  String paymentReference) {
        return outbox.publish(new SubsidyPaid(county, subsidy.toString(), household.toString(), shop.toString(), amountFen,
                paidOn.toString(), YearMonth.from(paidOn).toString(), paymentReference));
    }
}
