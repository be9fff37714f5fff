package org.povertyalleviation.training.course.domain;

/** Whom a course is for, and whom an enrolled person counts as. */
public enum TargetGroup {
    POOR_HOUSEHOLD_MEMBER, VILLAGE_CADRE, RETURNING_YOUTH, GRADUATE, PERSON_WITH_DISABILITY, OTHER
}
