package org.povertyalleviation.crowdfunding.settlement.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A project's money in and out: a paid pledge in; a confirmed refund and each household's payout out. Its balance is
 * what the payment partner still holds for the project. It balances when the balance equals the paid pledges not yet
 * given back or paid out; a settled project ends at zero once its refunds are confirmed or its proceeds paid out.
 */
public record MoneyLedger(UUID project, long inFen, long refundedFen, long paidOutFen, long pendingRefundFen, int pendingRefunds,
                          List<Entry> entries) {

    public enum Kind { PLEDGE_PAID, REFUND_CONFIRMED, PAYOUT }

    public record Entry(UUID id, Kind kind, long amountFen, UUID pledge, UUID refund, UUID household, Instant bookedAt) {
    }

    public long balanceFen() {
        return inFen - refundedFen - paidOutFen;
    }
}
