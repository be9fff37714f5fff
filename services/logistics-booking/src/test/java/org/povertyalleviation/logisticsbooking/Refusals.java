package org.povertyalleviation.logisticsbooking;

import org.assertj.core.api.Assertions;
import org.assertj.core.api.ThrowableAssert;
import org.povertyalleviation.platform.domain.InvalidValueException;
import org.povertyalleviation.platform.domain.RuleRefusedException;

/** What the domain's refusals name, for its tests. */
public final class Refusals {

    private Refusals() {
    }

    /** The field a refusal names (a bad value's or a broken rule's); fails when the call is not refused. */
    public static String refusedField(ThrowableAssert.ThrowingCallable call) {
        Throwable thrown = Assertions.catchThrowable(call);
        if (thrown instanceof InvalidValueException invalid) {
            return invalid.field();
        }
        if (thrown instanceof RuleRefusedException refused) {
            return refused.field();
        }
        throw new AssertionError("expected a refusal naming a field, got " + thrown, thrown);
    }
}
