package org.povertyalleviation.supplyplatform.workshop.domain;

import org.povertyalleviation.platform.domain.RuleRefusedException;

/**
 * One person's pay for one day's task. A day's wage below the county's minimum is kept and flagged (the county
 * follows it up with the workshop), not refused: the person did the work and is owed what was agreed.
 */
public record Wage(WageBasis basis, Integer pieces, long amountFen, boolean belowMinimum) {

    public static final long MAX_AMOUNT_FEN = 10_000_000L;

    public static Wage of(WageBasis basis, Integer pieces, long amountFen, long dailyMinimumFen) {
        if (amountFen <= 0 || amountFen > MAX_AMOUNT_FEN) {
            throw RuleRefusedException.violated("invalid-wage", "A day's wage is above 0 and at most 100,000 yuan", "amountFen");
        }
        if (basis == WageBasis.PIECE && (pieces == null || pieces <= 0)) {
            throw RuleRefusedException.violated("pieces-required", "Work paid by the piece says how many pieces", "pieces");
        }
        if (basis == WageBasis.DAY && pieces != null) {
            throw RuleRefusedException.violated("pieces-only-by-the-piece", "A day's wage has no pieces", "pieces");
        }
        return new Wage(basis, pieces, amountFen, basis == WageBasis.DAY && amountFen < dailyMinimumFen);
    }
}
