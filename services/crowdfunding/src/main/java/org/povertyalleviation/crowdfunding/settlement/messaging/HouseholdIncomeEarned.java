package org.povertyalleviation.crowdfunding.settlement.messaging;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.UUID;

import org.povertyalleviation.platform.events.EventType;
import org.povertyalleviation.platform.events.PublishedEvent;

/**
 * crowdfunding.household-income-earned.v1 (docs/events/): a household's share of a project's proceeds, paid out when the
 * project's delivery is confirmed. The household registry books it as CROWDFUNDING income under its origin.
 */
@EventType(value = "crowdfunding.household-income-earned.v1", topic = "crowdfunding.events")
public record HouseholdIncomeEarned(String county, String household, String source, String origin, String project, String month, LocalDate paidOn,
                                    long amountFen, int revision) implements PublishedEvent {

    public static HouseholdIncomeEarned of(String county, UUID project, UUID household, LocalDate paidOn, long amountFen) {
        return new HouseholdIncomeEarned(county, household.toString(), "CROWDFUNDING", "project:" + project + ":" + household, project.toString(),
                YearMonth.from(paidOn).toString(), paidOn, amountFen, 1);
    }

    @Override
    public String subject() {
        return household;
    }
}
