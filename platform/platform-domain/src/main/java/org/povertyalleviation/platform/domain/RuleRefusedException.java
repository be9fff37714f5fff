package org.povertyalleviation.platform.domain;

/**
 * A well-formed request a domain rule refuses, named by the rule (a stable, machine-readable name such as
 * {@code income-below-poverty-line}). A clash with the record's current state (a transition that does not exist from
 * here, a concurrent change) is answered 409; a request that no state would allow (shares above the whole, a budget
 * exhausted) is answered 422.
 */
public class RuleRefusedException extends RuntimeException {

    /** How the refusal is answered: {@code STATE_CONFLICT} 409, {@code RULE_VIOLATED} 422. */
    public enum Kind { STATE_CONFLICT, RULE_VIOLATED }

    private final String rule;
    private final String field;
    private final Kind kind;

    public RuleRefusedException(String rule, String message, String field, Kind kind) {
        super(message);
        this.rule = java.util.Objects.requireNonNull(rule, "rule");
        this.field = field;
        this.kind = java.util.Objects.requireNonNull(kind, "kind");
    }

    /** A rule no state would allow (422). @param field the request field it concerns, or null */
    public static RuleRefusedException violated(String rule, String message, String field) {
        return new RuleRefusedException(rule, message, field, Kind.RULE_VIOLATED);
    }

    /** A clash with the current state (409). @param field the request field it concerns, or null */
    public static RuleRefusedException stateConflict(String rule, String message, String field) {
        return new RuleRefusedException(rule, message, field, Kind.STATE_CONFLICT);
    }

    public static RuleRefusedException stateConflict(String rule, String message) {
        return stateConflict(rule, message, null);
    }

    public boolean isStateConflict() {
        return kind == Kind.STATE_CONFLICT;
    }

    public Kind kind() {
        return kind;
    }

    public String rule() {
        return rule;
    }

    /** The request field the rule concerns; null when it concerns the request as a whole. */
    public String field() {
        return field;
    }
}
