package org.povertyalleviation.crowdfunding.pledge.domain;

/**
 * A pledge waits for its payment (PENDING), is PAID or FAILED by the payment partner's word, DROPPED when still unpaid
 * after the deadline's grace, and REFUNDING then REFUNDED when the money goes back.
 */
public enum PledgeStatus {
    PENDING, PAID, FAILED, DROPPED, REFUNDING, REFUNDED;

    /** Whether the pledge holds a reward of its tier. */
    public boolean holdsReward() {
        return this == PENDING || this == PAID;
    }
}
