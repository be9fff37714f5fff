package org.povertyalleviation.householdregistry.household.domain;

/** A value the domain refuses; the message says why. Value types leave the field to the caller to name. */
public class InvalidValueException extends IllegalArgumentException {

    private final String field;

    public InvalidValueException(String reason) {
        this(null, reason);
    }

    public InvalidValueException(String field, String reason) {
        super(reason);
        this.field = field;
    }

    /** The field, when the rule concerns one of the aggregate's own fields; null for a bare value. */
    public String field() {
        return field;
    }
}
