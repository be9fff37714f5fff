package org.povertyalleviation.crowdfunding.project.domain;

import java.util.UUID;

import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.InvalidValueException;

/**
 * A reward tier: a quantity of a product at a price, at most {@code limit} rewards. {@code taken} counts the rewards of
 * pending and paid pledges. Before delivery the county names the traceability lot it ships from ({@code lotCode}).
 */
public record Tier(UUID id, CountyCode county, UUID project, int position, String name, String product, String quantity, int weightGrams,
                   long priceFen, int limit, int taken, String lotCode, String lotProduct) {

    public static final int MAX_NAME = 60;
    public static final int MAX_PRODUCT = 60;
    public static final int MAX_QUANTITY = 40;
    public static final int MAX_LIMIT = 100_000;
    public static final long MAX_PRICE_FEN = 10_000_000L;
    public static final int MAX_WEIGHT_GRAMS = 50_000;

    public static Tier of(CountyCode county, UUID project, int position, String name, String product, String quantity, Integer weightGrams,
                          Long priceFen, Integer limit) {
        String field = "tiers[" + position + "].";
        return new Tier(UUID.randomUUID(), county, project, position, Project.text(field + "name", name, MAX_NAME),
                Project.text(field + "product", product, MAX_PRODUCT), Project.text(field + "quantity", quantity, MAX_QUANTITY),
                (int) Project.between(field + "weightKg", weightGrams == null ? null : weightGrams.longValue(), 1, MAX_WEIGHT_GRAMS),
                Project.between(field + "priceFen", priceFen, 1, MAX_PRICE_FEN),
                (int) Project.between(field + "limit", limit == null ? null : limit.longValue(), 1, MAX_LIMIT), 0, null, null);
    }

    public int left() {
        return limit - taken;
    }

    /** What {@code quantity} rewards cost, in fen. */
    public long priceOf(int quantity) {
        if (quantity < 1) {
            throw new InvalidValueException("quantity", "must be at least 1");
        }
        return Math.multiplyExact(priceFen, (long) quantity);
    }
}
