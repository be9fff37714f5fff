package org.povertyalleviation.supplyplatform.order.domain;

import java.math.BigInteger;
import java.math.RoundingMode;

import org.povertyalleviation.platform.domain.RuleRefusedException;

/**
 * What a delivery pays: the quantity (in thousandths of the unit) times the order's price, and the part of it above
 * the month's market reference price, the premium. Rounding: each amount is rounded half up to the fen once, the
 * whole at the order's price and the reference part at the reference price; the premium is their difference, so the
 * reference part and the premium add up to the whole exactly.
 */
public record DeliveryPayment(long amountFen, long referenceFen, long premiumFen) {

    /** Up to a million units in one delivery, a million yuan a unit: their product stays far inside a long. */
    public static final long MAX_QUANTITY_MILLI = 1_000_000_000L;
    public static final long MAX_PRICE_FEN = 100_000_000L;

    public static DeliveryPayment of(long quantityMilli, long priceFen, long referencePriceFen) {
        if (quantityMilli <= 0 || quantityMilli > MAX_QUANTITY_MILLI) {
            throw RuleRefusedException.violated("invalid-quantity", "A delivery's quantity is above 0 and at most 1,000,000 units", "quantity");
        }
        if (priceFen < referencePriceFen) {
            throw RuleRefusedException.violated("below-reference-price", "The order's price of " + priceFen
                    + " fen is below the month's market reference price of " + referencePriceFen + " fen", "deliveredOn");
        }
        long amount = fen(quantityMilli, priceFen);
        long reference = fen(quantityMilli, referencePriceFen);
        return new DeliveryPayment(amount, reference, amount - reference);
    }

    private static long fen(long quantityMilli, long priceFen) {
        return new java.math.BigDecimal(BigInteger.valueOf(quantityMilli).multiply(BigInteger.valueOf(priceFen)))
                .divide(java.math.BigDecimal.valueOf(1000), 0, RoundingMode.HALF_UP).longValueExact();
    }
}
