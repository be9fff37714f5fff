package org.povertyalleviation.supplyplatform.income.messaging;

import org.povertyalleviation.platform.events.EventType;
import org.povertyalleviation.platform.events.PublishedEvent;

/**
 * supply.household-income-earned.v1 (docs/events/): a household earned income from an order's paid delivery
 * (ORDER_PREMIUM), a workshop's payday (WORKSHOP_WAGE) or a dividend (DIVIDEND). The household registry turns it
 * into a ledger entry whose origin is this event's origin: a redelivery is counted once, a correction (a higher
 * revision of the same origin) replaces the amount. Keyed by household, so one household's income arrives in order.
 * No personal data.
 */
@EventType(value = "supply.household-income-earned.v1", topic = "supply.events")
public record HouseholdIncomeEarned(String county, String household, String source, String origin, String organisation,
                                    String month, String paidOn, long amountFen, Long premiumFen, int revision) implements PublishedEvent {

    public static final String ORDER_PREMIUM = "ORDER_PREMIUM";
    public static final String WORKSHOP_WAGE = "WORKSHOP_WAGE";
    public static final String DIVIDEND = "DIVIDEND";

    @Override
    public String subject() {
        return household;
    }
}
