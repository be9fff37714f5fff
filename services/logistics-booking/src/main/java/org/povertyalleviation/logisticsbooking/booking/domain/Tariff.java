package org.povertyalleviation.logisticsbooking.booking.domain;

import org.povertyalleviation.logisticsbooking.network.domain.NodeLevel;
import org.povertyalleviation.platform.domain.InvalidValueException;

/**
 * What a shipment costs and how much of it the county pays for a registered poor household.
 *
 * <p>The rounding rule: each leg costs its rate × the weight, rounded <em>up</em> to the whole fen, and at least the
 * leg's minimum; the price is the sum of its legs. The subsidy is the price × the percentage, rounded <em>down</em> to
 * the whole fen, and at most the cap; the household pays the price less the subsidy. So the parts always add up to the
 * price and the county never pays a fraction of a fen more than its percentage.
 *
 * <p>A shipment from a village post travels the village–township and the township–county legs; from a township
 * station, the township–county leg; at the county's park, none (the carrier's own price is outside the platform).
 */
public record Tariff(long villageTownshipFenPerKg, long villageTownshipMinimumFen, long townshipCountyFenPerKg, long townshipCountyMinimumFen,
                     int subsidyPercent, long subsidyCapFen) {

    public static final long MAX_FEN = 100_000_00L;

    /** A county that has set no tariff ships at no charge through the platform. */
    public static final Tariff NONE = new Tariff(0, 0, 0, 0, 0, 0);

    public Tariff {
        check("villageTownship.fenPerKg", villageTownshipFenPerKg);
        check("villageTownship.minimumFen", villageTownshipMinimumFen);
        check("townshipCounty.fenPerKg", townshipCountyFenPerKg);
        check("townshipCounty.minimumFen", townshipCountyMinimumFen);
        check("subsidyCapFen", subsidyCapFen);
        if (subsidyPercent < 0 || subsidyPercent > 100) {
            throw new InvalidValueException("subsidyPercent", "must be 0 to 100");
        }
    }

    /** A booking's price and the part of it the county pays. */
    public record Price(long priceFen, long subsidyFen) {

        public long payableFen() {
            return priceFen - subsidyFen;
        }
    }

    public Price price(NodeLevel from, long grams, boolean poorHousehold) {
        long price = switch (from) {
            case VILLAGE_POST -> leg(villageTownshipFenPerKg, villageTownshipMinimumFen, grams) + leg(townshipCountyFenPerKg, townshipCountyMinimumFen, grams);
            case TOWNSHIP_STATION -> leg(townshipCountyFenPerKg, townshipCountyMinimumFen, grams);
            case COUNTY_PARK -> 0;
        };
        long subsidy = poorHousehold ? Math.min(subsidyCapFen, price * subsidyPercent / 100) : 0;
        return new Price(price, subsidy);
    }

    private static long leg(long fenPerKg, long minimumFen, long grams) {
        // Ceiling of grams × fen/kg ÷ 1000 in whole numbers (grams ≤ 10^8 and fen/kg ≤ 10^7: no overflow).
        long cost = (grams * fenPerKg + 999) / 1000;
        return Math.max(cost, minimumFen);
    }

    private static void check(String field, long fen) {
        if (fen < 0 || fen > MAX_FEN) {
            throw new InvalidValueException(field, "must be 0 to " + MAX_FEN + " fen");
        }
    }
}
