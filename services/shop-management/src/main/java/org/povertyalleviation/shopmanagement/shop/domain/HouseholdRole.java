package org.povertyalleviation.shopmanagement.shop.domain;

/** What a linked household does for the shop. */
public enum HouseholdRole {
    SUPPLIER, EMPLOYEE, SHAREHOLDER
}
