package org.povertyalleviation.shopmanagement.shop.domain;

/** Who runs the shop; a registered poor household is named by its registry id. */
public enum OwnerCategory {
    POOR_HOUSEHOLD, VILLAGE_CADRE, COOPERATIVE, ENTERPRISE, ASSOCIATION, RETURNING_YOUTH, GRADUATE, DISABLED_ENTREPRENEUR
}
