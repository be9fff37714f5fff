package org.povertyalleviation.logisticsbooking.network.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.povertyalleviation.platform.domain.InvalidValueException;

/** A point on the map (WGS 84, six decimals, about 0.1 m). Drives between points: {@link DriveTimes}. */
public record Place(BigDecimal latitude, BigDecimal longitude) {

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

    /** The great-circle distance in kilometres. */
    public double kilometresTo(Place other) {
        return DriveTimes.haversineKm(latitude.doubleValue(), longitude.doubleValue(), other.latitude.doubleValue(), other.longitude.doubleValue());
    }

    /** The estimated drive in whole minutes where no leg is recorded ({@link DriveTimes#estimatedMinutes}). */
    public int estimatedDriveMinutesTo(Place other) {
        return DriveTimes.estimatedMinutes(at(null), other.at(null));
    }

    /** This point as the drive times know a node's place. */
    public DriveTimes.Place at(java.util.UUID node) {
        return new DriveTimes.Place(node, latitude.doubleValue(), longitude.doubleValue());
    }
}
