package org.povertyalleviation.crowdfunding.settlement.domain;

/**
 * Why a paid pledge is given back: the goal was missed, the county cancelled the project (the harvest failed), the
 * backer's reward was not delivered, or the payment arrived after the pledge had been dropped or had failed.
 */
public enum RefundReason {
    GOAL_MISSED, PROJECT_CANCELLED, UNDELIVERED, LATE_PAYMENT
}
