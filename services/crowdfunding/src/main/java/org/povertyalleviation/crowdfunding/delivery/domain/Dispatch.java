package org.povertyalleviation.crowdfunding.delivery.domain;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a dispatch did: the rewards it booked (pledge and booking), how many paid rewards are still without a booking,
 * and, when it stopped at a full window, the logistics service's next windows with room (as it sent them).
 */
public record Dispatch(List<Booked> booked, int remaining, List<Map<String, Object>> alternatives) {

    public record Booked(UUID pledge, UUID booking) {
    }
}
