package org.povertyalleviation.householdregistry.household.domain;

/** A status change the rules do not allow, with the rule that refused it (answered 409). */
public class TransitionRefusedException extends RuntimeException {

    private final String rule;

    public TransitionRefusedException(String rule, String reason) {
        super(reason);
        this.rule = rule;
    }

    /** A stable name for the rule, e.g. {@code income-below-poverty-line}. */
    public String rule() {
        return rule;
    }
}
