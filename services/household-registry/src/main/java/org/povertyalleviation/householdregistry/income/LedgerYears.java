package org.povertyalleviation.householdregistry.income;

import java.time.Clock;
import java.time.Year;

import org.povertyalleviation.platform.problem.InvalidRequestException;

/** The years a summary of the ledger may be asked for: every endpoint that takes a {@code year} answers alike. */
public final class LedgerYears {

    /** The first year the ledger takes entries for, as households are registered from then (Household). */
    public static final int FIRST = 2013;

    private LedgerYears() {
    }

    /**
     * @param year  the requested year, or null for the current one
     * @param clock China's clock: a summary asked for on 1 January at 07:00 is of the new year
     * @throws InvalidRequestException naming {@code year} when it is before {@link #FIRST} or after the current year
     */
    public static int requested(Integer year, Clock clock) {
        int current = Year.now(clock).getValue();
        if (year != null && (year < FIRST || year > current)) {
            throw InvalidRequestException.field("year", "must be between " + FIRST + " and " + current);
        }
        return year == null ? current : year;
    }
}
