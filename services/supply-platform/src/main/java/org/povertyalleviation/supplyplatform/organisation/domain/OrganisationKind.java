package org.povertyalleviation.supplyplatform.organisation.domain;

/** Who carries the county's supply: companies, farmer cooperatives and e-commerce associations. */
public enum OrganisationKind {
    ENTERPRISE, COOPERATIVE, ASSOCIATION;

    /** Cooperatives and associations have registered households as members; an enterprise employs or buys from them. */
    public boolean hasMembers() {
        return this != ENTERPRISE;
    }
}
