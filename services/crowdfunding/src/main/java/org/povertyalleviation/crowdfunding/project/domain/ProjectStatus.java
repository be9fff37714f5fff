package org.povertyalleviation.crowdfunding.project.domain;

/**
 * A project's life: drafted, submitted, reviewed by a clerk, approved (published) by an admin, then settled at its
 * deadline as funded or failed; a funded project ends delivered (its proceeds paid out) or cancelled (harvest failed).
 */
public enum ProjectStatus {
    DRAFT, SUBMITTED, REVIEWED, PUBLISHED, FUNDED, FAILED, CANCELLED, DELIVERED;

    /** Once published, the goal, dates and tiers are what backers pledged against. */
    public boolean frozen() {
        return this != DRAFT;
    }
}
