package org.povertyalleviation.supplyplatform.trace.domain;

import java.util.UUID;

/** A part of one lot taken into another by a split or a merge. */
public record LotPart(UUID parent, UUID child, long quantityMilli) {
}
