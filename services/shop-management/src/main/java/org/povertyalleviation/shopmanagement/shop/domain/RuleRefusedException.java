package org.povertyalleviation.shopmanagement.shop.domain;

/**
 * A well-formed request a rule refuses, named by the rule. A conflict with the record's current state (a transition
 * that does not exist from here) is a 409; a request no state would allow (shares above the whole) is a 422.
 */
public class RuleRefusedException extends RuntimeException {

    private final String rule;
    private final String field;
    private final boolean stateConflict;

    public RuleRefusedException(String rule, String message, String field, boolean stateConflict) {
        super(message);
        this.rule = rule;
        this.field = field;
        this.stateConflict = stateConflict;
    }

    public static RuleRefusedException stateConflict(String rule, String message, String field) {
        return new RuleRefusedException(rule, message, field, true);
    }

    public boolean isStateConflict() {
        return stateConflict;
    }

    public String rule() {
        return rule;
    }

    public String field() {
        return field;
    }
}
