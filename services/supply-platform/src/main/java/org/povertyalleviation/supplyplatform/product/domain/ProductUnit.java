package org.povertyalleviation.supplyplatform.product.domain;

/** The unit a product is priced and delivered in. */
public enum ProductUnit {
    KG, PIECE, BOX, LITRE
}
