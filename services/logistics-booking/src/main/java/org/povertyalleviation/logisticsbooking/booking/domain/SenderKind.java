package org.povertyalleviation.logisticsbooking.booking.domain;

/** Who sends (uplink) or receives (downlink) through the village network. */
public enum SenderKind {
    HOUSEHOLD, SHOP, COOPERATIVE, WORKSHOP, MERCHANT
}
