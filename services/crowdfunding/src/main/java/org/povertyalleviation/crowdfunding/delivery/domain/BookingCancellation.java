package org.povertyalleviation.crowdfunding.delivery.domain;

/**
 * What a cancelled project did to its rewards' shipments: the bookings not yet picked up, cancelled in the logistics
 * service; those it refused or could not be asked about (a later cancellation of the booking is the county's, in
 * logistics); and the shipments already under way, which the carrier returns.
 */
public record BookingCancellation(int cancelled, int notCancelled, int underway) {

    public static final BookingCancellation NONE = new BookingCancellation(0, 0, 0);
}
