package org.povertyalleviation.shopmanagement.web;

import org.povertyalleviation.platform.problem.ConflictException;
import org.povertyalleviation.platform.problem.InvalidRequestException;
import org.povertyalleviation.platform.problem.RuleViolatedException;
import org.povertyalleviation.shopmanagement.shop.domain.InvalidValueException;
import org.povertyalleviation.shopmanagement.shop.domain.RuleRefusedException;
import reactor.core.publisher.Mono;

/** The domain's refusals as problem answers: a bad value is a 400 naming its field, a refused rule a 409 or 422. */
public final class DomainErrors {

    private DomainErrors() {
    }

    public static RuntimeException problem(RuntimeException e) {
        if (e instanceof InvalidValueException invalid) {
            return InvalidRequestException.field(invalid.field(), invalid.getMessage());
        }
        if (e instanceof RuleRefusedException refused) {
            return refused.isStateConflict()
                    ? new ConflictException(refused.rule(), refused.getMessage(), refused.field())
                    : new RuleViolatedException(refused.rule(), refused.getMessage(), refused.field());
        }
        return e;
    }

    /** Runs domain code, turning its refusals into problems. */
    public static <T> T check(java.util.function.Supplier<T> domain) {
        try {
            return domain.get();
        } catch (InvalidValueException | RuleRefusedException e) {
            throw problem(e);
        }
    }

    /** For reactive chains: maps the domain's refusals wherever they are thrown inside. */
    public static <T> Mono<T> mapped(Mono<T> work) {
        return work.onErrorMap(e -> e instanceof InvalidValueException || e instanceof RuleRefusedException, e -> problem((RuntimeException) e));
    }
}
