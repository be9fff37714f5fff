package org.povertyalleviation.logisticsbooking.milkrun.domain;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.InvalidValueException;

/**
 * What a dispatcher asks for: a township of the county, a day from today on (China's calendar), and how long the
 * solver may search.
 */
public record MilkRunOrder(CountyCode county, String township, LocalDate day, int budgetSeconds) {

    public static final int DEFAULT_BUDGET_SECONDS = 10;
    private static final Pattern NINE_DIGITS = Pattern.compile("\\d{9}");

    /** @param today the day in China; @throws InvalidValueException naming township, day or budgetSeconds */
    public static MilkRunOrder of(CountyCode county, String township, String day, Integer budgetSeconds, LocalDate today) {
        if (township == null || !NINE_DIGITS.matcher(township).matches()) {
            throw new InvalidValueException("township", "is required: the township's 9 digits");
        }
        if (!township.startsWith(county.value())) {
            throw new InvalidValueException("township", township + " is not a township of county " + county);
        }
        if (day == null) {
            throw new InvalidValueException("day", "is required (YYYY-MM-DD)");
        }
        LocalDate parsed;
        try {
            parsed = LocalDate.parse(day);
        } catch (DateTimeParseException e) {
            throw new InvalidValueException("day", "must be a date (YYYY-MM-DD)");
        }
        return new MilkRunOrder(county, township, requireNotPast(parsed, today), budget(budgetSeconds));
    }

    /** @throws InvalidValueException naming day when it is before today */
    public static LocalDate requireNotPast(LocalDate day, LocalDate today) {
        if (day.isBefore(today)) {
            throw new InvalidValueException("day", day + " has passed (today is " + today + " in China)");
        }
        return day;
    }

    /** The solver's budget: {@value #DEFAULT_BUDGET_SECONDS} s when not given, else 1 to 60 s. */
    public static int budget(Integer budgetSeconds) {
        if (budgetSeconds == null) {
            return DEFAULT_BUDGET_SECONDS;
        }
        if (budgetSeconds < MilkRunPlanner.MIN_BUDGET_SECONDS || budgetSeconds > MilkRunPlanner.MAX_BUDGET_SECONDS) {
            throw new InvalidValueException("budgetSeconds", "must be between " + MilkRunPlanner.MIN_BUDGET_SECONDS + " and "
                    + MilkRunPlanner.MAX_BUDGET_SECONDS + " seconds");
        }
        return budgetSeconds;
    }
}
