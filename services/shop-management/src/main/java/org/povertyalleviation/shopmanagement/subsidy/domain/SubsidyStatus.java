package org.povertyalleviation.shopmanagement.subsidy.domain;

import org.povertyalleviation.platform.domain.RuleRefusedException;

/**
 * A shop-opening subsidy: a clerk submits it, a county admin approves it (within the year's budget) or rejects it
 * with a reason, then its payment is recorded. A rejected application leaves the household free to apply again.
 */
public enum SubsidyStatus {
    SUBMITTED, APPROVED, REJECTED, PAID;

    public void requireDecidable() {
        if (this != SUBMITTED) {
            throw RuleRefusedException.stateConflict("already-decided", "The subsidy is " + this + "; only a SUBMITTED one is approved or rejected", "status");
        }
    }

    public void requirePayable() {
        if (this != APPROVED) {
            throw RuleRefusedException.stateConflict("not-approved", "The subsidy is " + this + "; only an APPROVED one is paid", "status");
        }
    }
}
