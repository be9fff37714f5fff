package org.povertyalleviation.logisticsbooking.booking.domain;

/**
 * What a shipment carries, so that the service it belongs to can follow it: an order's delivery (supply platform), a
 * crowdfunding reward, a traceability lot (its code), or plain goods.
 */
public enum CarriesKind {
    ORDER_DELIVERY, CROWDFUNDING_REWARD, TRACE_LOT, GOODS
}
