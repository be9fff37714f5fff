package org.povertyalleviation.supplyplatform.order.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.RuleRefusedException;

/**
 * "Enterprise (or cooperative) + poor households": an organisation's agreed price per unit of a product for a season
 * with registered households. A delivery is accepted in the season's year or the next (a harvest sold in winter).
 */
public record PurchaseOrder(UUID id, CountyCode county, UUID organisation, UUID product, int season, long priceFen, String agreedBy,
                            Instant agreedAt) {

    public static final int MAX_HOUSEHOLDS = 2000;

    public PurchaseOrder {
        if (priceFen <= 0 || priceFen > DeliveryPayment.MAX_PRICE_FEN) {
            throw RuleRefusedException.violated("invalid-price", "An order's price is above 0 and at most 1,000,000 yuan a unit", "priceFen");
        }
    }

    public void requireInSeason(LocalDate deliveredOn) {
        if (deliveredOn.getYear() != season && deliveredOn.getYear() != season + 1) {
            throw RuleRefusedException.violated("outside-season", "The order is for the " + season + " season: deliveries fall in "
                    + season + " or " + (season + 1), "deliveredOn");
        }
    }
}
