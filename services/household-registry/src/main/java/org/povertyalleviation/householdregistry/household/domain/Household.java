package org.povertyalleviation.householdregistry.household.domain;

import org.povertyalleviation.platform.domain.VillageCode;

import org.povertyalleviation.platform.domain.InvalidValueException;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/** A registered poor household's file: what the county records about it, without its members and ledger. */
public record Household(UUID id, String fileNumber, VillageCode village, int registrationYear, String helperCadre,
                        Guarantees guarantees, Set<PovertyCause> causes, PovertyCause primaryCause) {

    public Household {
        if (fileNumber == null || fileNumber.isBlank() || fileNumber.length() > 40 || !fileNumber.strip().equals(fileNumber)
                || fileNumber.chars().anyMatch(c -> Character.isISOControl(c) || c == ',')) {
            throw new InvalidValueException("fileNumber", "must be 1 to 40 characters without commas or surrounding spaces");
        }
        if (registrationYear < 2013 || registrationYear > 2100) {
            // Targeted registration (精准扶贫建档立卡) began in 2014; 2013 allows the pilot files.
            throw new InvalidValueException("registrationYear", "must be between 2013 and 2100");
        }
        if (helperCadre != null && helperCadre.length() > 100) {
            throw new InvalidValueException("helperCadre", "must be at most 100 characters");
        }
        if (guarantees == null) {
            throw new InvalidValueException("guarantees", "is required");
        }
        if (causes == null || causes.isEmpty()) {
            throw new InvalidValueException("causes", "name at least one cause of poverty");
        }
        causes = Set.copyOf(EnumSet.copyOf(causes));
        if (primaryCause == null) {
            throw new InvalidValueException("primaryCause", "is required");
        }
        if (!causes.contains(primaryCause)) {
            throw new InvalidValueException("primaryCause", "must be one of the causes");
        }
    }
}
