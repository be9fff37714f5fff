package org.povertyalleviation.logisticsbooking.network.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.povertyalleviation.platform.domain.InvalidValueException;

/**
 * A point on the map (WGS 84, six decimals, about 0.1 m).
 *
 * <p>Where no road is recorded between two places, the drive is estimated from the straight line: its length × 1.4
 * (mountain roads wind; the county's recorded legs in Longnan's hills run 1.3–1.6× the straight line) at 30 km/h, rounded
 * up to a whole minute. A recorded leg always wins over the estimate.
 */
public record Place(BigDecimal latitude, BigDecimal longitude) {

    public static final double WINDING = 1.4;
    public static final double KM_PER_HOUR = 30.0;
    private static final double EARTH_KM = 6371.0088;

    public Place {
        if (latitude == null || latitude.abs().compareTo(BigDecimal.valueOf(90)) > 0) {
            throw new InvalidValueException("latitude", "must be between -90 and 90");
        }
        if (longitude == null || longitude.abs().compareTo(BigDecimal.valueOf(180)) > 0) {
            throw new InvalidValueException("longitude", "must be between -180 and 180");
        }
        latitude = latitude.setScale(6, RoundingMode.HALF_UP);
        longitude = longitude.setScale(6, RoundingMode.HALF_UP);
    }

    public static Place of(double latitude, double longitude) {
        return new Place(BigDecimal.valueOf(latitude), BigDecimal.valueOf(longitude));
    }

    /** The great-circle distance in kilometres (haversine). */
    public double kilometresTo(Place other) {
        double lat1 = Math.toRadians(latitude.doubleValue());
        double lat2 = Math.toRadians(other.latitude.doubleValue());
        double dLat = lat2 - lat1;
        double dLon = Math.toRadians(other.longitude.doubleValue() - longitude.doubleValue());
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    /** The estimated drive in whole minutes where no leg is recorded (see the class comment). */
    public int estimatedDriveMinutesTo(Place other) {
        return (int) Math.ceil(kilometresTo(other) * WINDING / KM_PER_HOUR * 60.0);
    }
}
