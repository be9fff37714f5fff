package org.povertyalleviation.supplyplatform.product.domain;

/** The county specialities the platform's supply bases grow or make. */
public enum ProductCategory {
    WALNUT, SICHUAN_PEPPER, OLIVE, MEDICINAL_HERB, TEA, APPLE, HONEY, SMALL_GRAIN, EDIBLE_FUNGUS, VEGETABLE, LIVESTOCK, EMBROIDERY, OTHER
}
