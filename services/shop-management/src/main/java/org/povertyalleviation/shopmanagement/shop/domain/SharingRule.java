package org.povertyalleviation.shopmanagement.shop.domain;

/** How a linked household's monthly income from the shop is set. */
public enum SharingRule {
    /** A share of the month's net sales (gross minus refunds). */
    SALES_SHARE,
    /** A fixed amount for every month the shop reports. */
    FIXED_MONTHLY
}
