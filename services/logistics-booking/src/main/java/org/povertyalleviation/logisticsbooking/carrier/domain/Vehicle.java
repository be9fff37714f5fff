package org.povertyalleviation.logisticsbooking.carrier.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.InvalidValueException;

/**
 * A carrier's vehicle, based at a node (the township station its runs start from), with what it carries.
 *
 * @param workingDays the days of the week it runs
 */
public record Vehicle(UUID id, CountyCode county, UUID carrier, String plate, int capacityKg, int capacityParcels, boolean cold,
                      Set<DayOfWeek> workingDays, UUID base) {

    public static final int MAX_CAPACITY_KG = 40_000;
    public static final int MAX_CAPACITY_PARCELS = 5_000;

    public Vehicle {
        if (plate == null || !plate.strip().matches("[\\p{IsHan}A-Z0-9·\\-]{5,12}")) {
            throw new InvalidValueException("plate", "must be a licence plate, e.g. 甘K·12345");
        }
        plate = plate.strip();
        if (capacityKg < 1 || capacityKg > MAX_CAPACITY_KG) {
            throw new InvalidValueException("capacityKg", "must be 1 to " + MAX_CAPACITY_KG);
        }
        if (capacityParcels < 1 || capacityParcels > MAX_CAPACITY_PARCELS) {
            throw new InvalidValueException("capacityParcels", "must be 1 to " + MAX_CAPACITY_PARCELS);
        }
        if (workingDays == null || workingDays.isEmpty()) {
            throw new InvalidValueException("workingDays", "must name at least one day");
        }
        if (base == null) {
            throw new InvalidValueException("base", "is required: the node its runs start from");
        }
        workingDays = Set.copyOf(new TreeSet<>(workingDays));
    }

    public static Vehicle register(CountyCode county, UUID carrier, String plate, int capacityKg, int capacityParcels, boolean cold,
                                   Set<DayOfWeek> workingDays, UUID base) {
        return new Vehicle(UUID.randomUUID(), county, carrier, plate, capacityKg, capacityParcels, cold, workingDays, base);
    }

    public boolean worksOn(LocalDate day) {
        return workingDays.contains(day.getDayOfWeek());
    }
}
