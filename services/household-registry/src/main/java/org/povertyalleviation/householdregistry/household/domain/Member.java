package org.povertyalleviation.householdregistry.household.domain;

import org.povertyalleviation.platform.domain.InvalidValueException;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/** A person of a household, with the personal data the file requires. */
public record Member(UUID id, String name, Relation relation, ResidentId residentId, PhoneNumber phone,
                     LabourCapacity labourCapacity, Health health, Education education, Set<EcommerceSkill> ecommerceSkills) {

    public Member {
        if (name == null || name.isBlank() || name.length() > 50) {
            throw new InvalidValueException("name", "must be 1 to 50 characters");
        }
        name = name.strip();
        require(relation, "relation");
        require(residentId, "residentId");
        require(labourCapacity, "labourCapacity");
        require(health, "health");
        require(education, "education");
        ecommerceSkills = ecommerceSkills == null || ecommerceSkills.isEmpty()
                ? Set.of() : Set.copyOf(EnumSet.copyOf(ecommerceSkills));
    }

    private static void require(Object value, String field) {
        if (value == null) {
            throw new InvalidValueException(field, "is required");
        }
    }
}
