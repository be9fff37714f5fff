package org.povertyalleviation.shopmanagement.shop.domain;

import org.povertyalleviation.platform.domain.RuleRefusedException;

import java.util.Map;
import java.util.Set;

/**
 * PLANNED → OPEN → DORMANT → CLOSED, and back from DORMANT to OPEN. A planned shop that never opens may be closed;
 * a closed shop stays closed (a new shop is registered instead, so that its history stays its own).
 */
public enum ShopStatus {
    PLANNED, OPEN, DORMANT, CLOSED;

    private static final Map<ShopStatus, Set<ShopStatus>> NEXT = Map.of(
            PLANNED, Set.of(OPEN, CLOSED),
            OPEN, Set.of(DORMANT, CLOSED),
            DORMANT, Set.of(OPEN, CLOSED),
            CLOSED, Set.of());

    /** @throws RuleRefusedException when the lifecycle has no such step */
    public void requireStepTo(ShopStatus target) {
        if (!NEXT.get(this).contains(target)) {
            throw RuleRefusedException.stateConflict("illegal-transition", "A " + this + " shop cannot become " + target
                    + (this == CLOSED ? "; a closed shop stays closed" : "; from " + this + " it can become " + NEXT.get(this)), "status");
        }
    }
}
