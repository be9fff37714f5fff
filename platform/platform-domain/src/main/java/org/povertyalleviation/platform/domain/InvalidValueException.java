package org.povertyalleviation.platform.domain;

/**
 * A value the domain refuses, answered 400 with the field named in {@code invalid-params}. Value types that do not
 * know which request field they came from leave it null; {@link #named} gives it once the caller knows.
 */
public class InvalidValueException extends IllegalArgumentException {

    private final String field;

    public InvalidValueException(String reason) {
        this(null, reason);
    }

    public InvalidValueException(String field, String reason) {
        super(reason);
        this.field = field;
    }

    /** The field, when known; null for a bare value whose caller has not named it. */
    public String field() {
        return field;
    }

    /** The same refusal, naming the field it came from (a field named already keeps its name). */
    public InvalidValueException named(String field) {
        return this.field != null ? this : new InvalidValueException(field, getMessage());
    }

    /** Runs a value's construction, naming the field if it refuses: {@code InvalidValueException.in("village", () -> new VillageCode(v))}. */
    public static <T> T in(String field, java.util.function.Supplier<T> value) {
        try {
            return value.get();
        } catch (InvalidValueException e) {
            throw e.named(field);
        }
    }
}
