package org.povertyalleviation.supplyplatform.product.domain;

import java.time.YearMonth;

import org.povertyalleviation.platform.domain.RuleRefusedException;

/**
 * A product's market reference price per unit for a month: what an order's price is held against. Entered by the
 * county (source COUNTY) or posted by a partner's price feed (source PARTNER:<client>); the later one replaces it.
 */
public record ReferencePrice(YearMonth month, long priceFen, String source, String setBy) {

    public static final long MAX_PRICE_FEN = 100_000_000L;

    public ReferencePrice {
        if (priceFen <= 0 || priceFen > MAX_PRICE_FEN) {
            throw RuleRefusedException.violated("invalid-price", "A reference price is above 0 and at most 1,000,000 yuan a unit", "priceFen");
        }
    }
}
