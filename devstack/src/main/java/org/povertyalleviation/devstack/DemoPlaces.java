package org.povertyalleviation.devstack;

import java.util.Map;
import java.util.Random;

/**
 * Where the demo's places lie: each county around its real seat (approximate), each township within about 20 km of
 * it, each village within about 12 km of its township. Drawn from a random of the place's own code, so that the demo
 * data's other draws do not move, and the same seed always puts a village in the same place.
 */
final class DemoPlaces {

    /** A point (WGS 84). */
    record Place(double latitude, double longitude) {
    }

    /** Longnan's nine county seats, approximately. */
    private static final Map<String, Place> SEATS = Map.of(
            "621202", new Place(33.39, 104.93), "621221", new Place(33.75, 105.74), "621222", new Place(32.94, 104.68),
            "621223", new Place(34.04, 104.40), "621224", new Place(33.33, 105.61), "621225", new Place(34.01, 105.30),
            "621226", new Place(34.19, 105.18), "621227", new Place(33.77, 106.08), "621228", new Place(33.91, 106.31));

    private DemoPlaces() {
    }

    static Place county(String county) {
        return SEATS.getOrDefault(county, new Place(33.40, 105.00));
    }

    static Place township(String township) {
        return around(county(township.substring(0, 6)), township, 0.18);
    }

    static Place village(String village) {
        return around(township(village.substring(0, 9)), village, 0.11);
    }

    private static Place around(Place centre, String code, double spread) {
        Random random = new Random(Long.parseLong(code) * 7_919);
        return new Place(round(centre.latitude() + (random.nextDouble() * 2 - 1) * spread),
                round(centre.longitude() + (random.nextDouble() * 2 - 1) * spread));
    }

    private static double round(double degrees) {
        return Math.round(degrees * 1_000_000) / 1_000_000.0;
    }
}
