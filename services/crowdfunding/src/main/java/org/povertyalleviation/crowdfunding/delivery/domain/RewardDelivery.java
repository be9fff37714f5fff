package org.povertyalleviation.crowdfunding.delivery.domain;

import java.util.UUID;

/**
 * A paid pledge's reward as the county follows it: the backer (the partner's pseudonymous reference), the tier, the lot
 * it ships from with the lot's public trace page, and its shipment (null until dispatched).
 */
public record RewardDelivery(UUID pledge, String client, String backerRef, int quantity, UUID tier, String tierName, String lotCode,
                             String traceUrl, RewardShipment shipment) {
}
