package org.povertyalleviation.logisticsbooking.network.domain;

import java.util.UUID;

import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.InvalidValueException;

/** A road between two nodes, either way. On mountain roads the drive time, not the distance, is what plans use. */
public record Leg(UUID id, CountyCode county, UUID from, UUID to, int distanceMetres, int driveMinutes) {

    /** Longer than any road inside one county (Longnan's longest county is about 200 km across). */
    public static final int MAX_DISTANCE_METRES = 500_000;
    public static final int MAX_DRIVE_MINUTES = 24 * 60;

    public Leg {
        if (from == null) {
            throw new InvalidValueException("from", "is required");
        }
        if (to == null) {
            throw new InvalidValueException("to", "is required");
        }
        if (from.equals(to)) {
            throw new InvalidValueException("to", "is the same node as from");
        }
        if (distanceMetres < 1 || distanceMetres > MAX_DISTANCE_METRES) {
            throw new InvalidValueException("distanceMetres", "must be 1 to " + MAX_DISTANCE_METRES);
        }
        if (driveMinutes < 1 || driveMinutes > MAX_DRIVE_MINUTES) {
            throw new InvalidValueException("driveMinutes", "must be 1 to " + MAX_DRIVE_MINUTES);
        }
    }

    public static Leg add(CountyCode county, UUID from, UUID to, int distanceMetres, int driveMinutes) {
        return new Leg(UUID.randomUUID(), county, from, to, distanceMetres, driveMinutes);
    }

    /** The leg as the drive times know it. */
    public DriveTimes.Road road() {
        return new DriveTimes.Road(from, to, driveMinutes, distanceMetres);
    }
}
