package org.povertyalleviation.supplyplatform.order.domain;

/** A delivery is recorded when the goods arrive and paid once; a paid delivery is corrected, never paid again. */
public enum DeliveryStatus {
    RECORDED, PAID
}
