package org.povertyalleviation.crowdfunding.settlement.messaging;

import java.time.Instant;

import org.povertyalleviation.crowdfunding.settlement.domain.Settlement;
import org.povertyalleviation.platform.events.EventType;
import org.povertyalleviation.platform.events.PublishedEvent;

/**
 * crowdfunding.project-settled.v1 (docs/events/): a project's outcome at its deadline, or its cancellation. Figures
 * only: no backer, no household.
 */
@EventType(value = "crowdfunding.project-settled.v1", topic = "crowdfunding.events")
public record ProjectSettled(String county, String project, String village, String outcome, long goalFen, long raisedFen, int paidPledges,
                             int refunds, Instant settledAt) implements PublishedEvent {

    public static ProjectSettled of(String county, String village, Settlement settlement) {
        return new ProjectSettled(county, settlement.project().toString(), village, settlement.outcome().name(), settlement.goalFen(),
                settlement.raisedFen(), settlement.paidPledges(), settlement.refunds(), settlement.settledAt());
    }

    public static ProjectSettled cancelled(String county, String project, String village, long goalFen, long raisedFen, int paidPledges, int refunds,
                                           Instant at) {
        return new ProjectSettled(county, project, village, "CANCELLED", goalFen, raisedFen, paidPledges, refunds, at);
    }

    @Override
    public String subject() {
        return project;
    }
}
