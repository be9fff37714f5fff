package org.povertyalleviation.householdregistry.household.domain;

/** The causes of poverty recorded in a household's file (致贫原因). */
public enum PovertyCause {
    ILLNESS, DISABILITY, LACK_OF_EDUCATION, LACK_OF_SKILLS, LACK_OF_LABOUR, LACK_OF_FUNDS, LACK_OF_LAND,
    LACK_OF_WATER, NATURAL_DISASTER, POOR_TRANSPORT,
    /** 自身发展动力不足: the national file's cause for a household that lacks the will or plan to develop. */
    LACK_OF_DRIVE, OTHER
}
