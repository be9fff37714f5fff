package org.povertyalleviation.householdregistry.household.domain;

import org.povertyalleviation.platform.domain.RuleRefusedException;

import org.povertyalleviation.platform.domain.InvalidValueException;

import java.util.stream.Collectors;

import org.povertyalleviation.platform.domain.Fen;

/** The rules of every status change; each refusal names its rule and says why in words a clerk understands. */
public final class Lifecycle {

    private Lifecycle() {
    }

    /**
     * What an exit is verified against: the household's recorded income of the year, its number of members, the
     * year's poverty line (null when none is configured) and its guarantees.
     */
    public record ExitAssessment(int year, Fen income, int members, Fen povertyLine, Guarantees guarantees) {

        public Fen perCapitaIncome() {
            return income.perCapita(members);
        }
    }

    /** REGISTERED, MONITORED or RETURNED → LIFTED: per-capita income above the year's line and every guarantee met. */
    public static void lift(HouseholdStatus current, ExitAssessment assessment) {
        requireAllowed(current, HouseholdStatus.LIFTED);
        if (assessment.povertyLine() == null) {
            throw RuleRefusedException.stateConflict("no-poverty-line",
                    "No poverty line is configured for " + assessment.year() + ", so no exit can be verified for that year");
        }
        if (assessment.members() < 1) {
            throw RuleRefusedException.stateConflict("no-members", "The household has no members");
        }
        if (assessment.perCapitaIncome().compareTo(assessment.povertyLine()) <= 0) {
            throw RuleRefusedException.stateConflict("income-below-poverty-line", "Per-capita income in " + assessment.year()
                    + " is " + assessment.perCapitaIncome() + ", not above the poverty line of " + assessment.povertyLine());
        }
        if (!assessment.guarantees().allMet()) {
            throw RuleRefusedException.stateConflict("guarantees-unmet", "Not every guarantee is met: "
                    + String.join(", ", assessment.guarantees().unmet()));
        }
    }

    /** LIFTED → MONITORED, by the early warning or a clerk's assessment; the reason is kept. */
    public static void monitor(HouseholdStatus current, String reason) {
        requireAllowed(current, HouseholdStatus.MONITORED);
        requireReason(reason);
    }

    /** MONITORED → RETURNED: the household fell back into poverty. */
    public static void returnToPoverty(HouseholdStatus current, String reason) {
        requireAllowed(current, HouseholdStatus.RETURNED);
        requireReason(reason);
    }

    private static void requireAllowed(HouseholdStatus current, HouseholdStatus target) {
        if (current == target) {
            throw RuleRefusedException.stateConflict("already-in-status", "The household is already " + target);
        }
        if (!current.mayBecome(target)) {
            throw RuleRefusedException.stateConflict("illegal-transition", "A " + current + " household cannot become " + target
                    + "; it can become " + current.next().stream().map(Enum::name).collect(Collectors.joining(" or ")));
        }
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidValueException("reason", "a reason is required");
        }
    }
}
