package org.povertyalleviation.crowdfunding.settlement.domain;

import java.time.Instant;
import java.util.UUID;

/** How a project settled at its deadline, written once in the transaction that settled it. */
public record Settlement(UUID project, Outcome outcome, long raisedFen, long goalFen, int paidPledges, int droppedPledges, int refunds,
                         Instant settledAt, String settledBy) {

    public enum Outcome { FUNDED, FAILED }

    /** All or nothing: funded when the paid pledges reach the goal. */
    public static Outcome outcome(long raisedFen, long goalFen) {
        return raisedFen >= goalFen ? Outcome.FUNDED : Outcome.FAILED;
    }
}
