package org.povertyalleviation.householdregistry.household.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * "Two no-worries, three guarantees" (两不愁三保障): enough food and clothing, compulsory education for the
 * children, basic medical care and safe housing. A household exits poverty only when all five are met.
 */
public record Guarantees(boolean food, boolean clothing, boolean compulsoryEducation, boolean basicMedicalCare,
                         boolean safeHousing) {

    public static final Guarantees NONE_MET = new Guarantees(false, false, false, false, false);

    public List<String> unmet() {
        List<String> unmet = new ArrayList<>();
        if (!food) {
            unmet.add("food");
        }
        if (!clothing) {
            unmet.add("clothing");
        }
        if (!compulsoryEducation) {
            unmet.add("compulsoryEducation");
        }
        if (!basicMedicalCare) {
            unmet.add("basicMedicalCare");
        }
        if (!safeHousing) {
            unmet.add("safeHousing");
        }
        return unmet;
    }

    public boolean allMet() {
        return unmet().isEmpty();
    }
}
