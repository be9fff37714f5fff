package org.povertyalleviation.platform.problem;

import org.povertyalleviation.platform.domain.InvalidValueException;
import org.povertyalleviation.platform.domain.RuleRefusedException;

/**
 * The kernel's refusals (platform-domain) as problem answers, so that no service maps them itself: an invalid value
 * is a 400 naming its field, a rule refused by the record's state a 409, any other refused rule a 422, each naming
 * the rule.
 */
public final class DomainRefusals {

    private DomainRefusals() {
    }

    /** The problem for a domain refusal, or null when {@code error} is not one. */
    public static ProblemException problem(Throwable error) {
        if (error instanceof InvalidValueException invalid) {
            return InvalidRequestException.field(invalid.field() == null ? "value" : invalid.field(), invalid.getMessage());
        }
        if (error instanceof RuleRefusedException refused) {
            if (refused.isStateConflict()) {
                return refused.field() == null
                        ? new ConflictException(refused.rule(), refused.getMessage())
                        : new ConflictException(refused.rule(), refused.getMessage(), refused.field());
            }
            return refused.field() == null
                    ? new RuleViolatedException(refused.rule(), refused.getMessage())
                    : new RuleViolatedException(refused.rule(), refused.getMessage(), refused.field());
        }
        return null;
    }
}
