package org.povertyalleviation.logisticsbooking.booking.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

import org.povertyalleviation.platform.domain.ChinaTime;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.InvalidValueException;

/**
 * A pickup or delivery window at a node on a day, with the room it has. What is booked never exceeds the room: a
 * booking takes its share in one conditional update (SlotRepository.take), and the table's check is the last guard.
 *
 * @param carrier the carrier serving the window; its bookings are assigned to it (null: assigned later)
 */
public record Slot(UUID id, CountyCode county, UUID node, LocalDate day, SlotKind kind, LocalTime windowStart, LocalTime windowEnd,
                   long capacityGrams, int capacityParcels, long bookedGrams, int bookedParcels, boolean cold, UUID carrier) {

    public static final int MAX_CAPACITY_KG = 100_000;
    public static final int MAX_CAPACITY_PARCELS = 10_000;
    /** How far ahead a window may be opened. */
    public static final int MAX_DAYS_AHEAD = 366;

    public Slot {
        if (day == null) {
            throw new InvalidValueException("day", "is required");
        }
        if (kind == null) {
            throw new InvalidValueException("kind", "is required");
        }
        if (windowStart == null) {
            throw new InvalidValueException("windowStart", "is required");
        }
        if (windowEnd == null || !windowEnd.isAfter(windowStart)) {
            throw new InvalidValueException("windowEnd", "must be after windowStart");
        }
        if (capacityGrams < 1 || capacityGrams > MAX_CAPACITY_KG * 1000L) {
            throw new InvalidValueException("capacityKg", "must be 1 to " + MAX_CAPACITY_KG);
        }
        if (capacityParcels < 1 || capacityParcels > MAX_CAPACITY_PARCELS) {
            throw new InvalidValueException("capacityParcels", "must be 1 to " + MAX_CAPACITY_PARCELS);
        }
    }

    /** A new window; one that has closed already (China time) cannot be opened. */
    public static Slot open(CountyCode county, UUID node, LocalDate day, SlotKind kind, LocalTime windowStart, LocalTime windowEnd,
                            int capacityKg, int capacityParcels, boolean cold, UUID carrier, Instant now) {
        LocalDate today = now.atZone(ChinaTime.ZONE).toLocalDate();
        if (day != null && day.isAfter(today.plusDays(MAX_DAYS_AHEAD))) {
            throw new InvalidValueException("day", "must be within " + MAX_DAYS_AHEAD + " days");
        }
        Slot slot = new Slot(UUID.randomUUID(), county, node, day, kind, windowStart, windowEnd, capacityKg * 1000L, capacityParcels, 0, 0, cold,
                carrier);
        if (slot.closed(now)) {
            throw new InvalidValueException(day.isBefore(today) ? "day" : "windowEnd", "the window is in the past");
        }
        return slot;
    }

    public Instant closesAt() {
        return day.atTime(windowEnd).atZone(ChinaTime.ZONE).toInstant();
    }

    public boolean closed(Instant now) {
        return !closesAt().isAfter(now);
    }

    public long freeGrams() {
        return capacityGrams - bookedGrams;
    }

    public int freeParcels() {
        return capacityParcels - bookedParcels;
    }

    public boolean hasRoomFor(long grams, int parcels) {
        return grams <= freeGrams() && parcels <= freeParcels();
    }
}
