package org.povertyalleviation.training.session.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.InvalidValueException;
import org.povertyalleviation.platform.domain.VillageCode;

/**
 * A course held at a place on dates, with a lecturer and a capacity. Enrolled people never exceed the capacity (a
 * conditional update takes a place; the table's check is the last guard); the rest wait in order.
 *
 * @param partnerClient the partner learning app the session runs on (its people enrol and check in through it); null for none
 */
public record Session(UUID id, CountyCode county, UUID course, PlaceKind placeKind, String township, VillageCode village, String address,
                      String lecturer, int capacity, int enrolled, LocalDate startsOn, LocalDate endsOn, String partnerClient, Instant createdAt) {

    public static final int MAX_CAPACITY = 1000;
    public static final int MAX_TEXT = 200;

    public Session {
        if (placeKind == null) {
            throw new InvalidValueException("placeKind", "is required");
        }
        if (placeKind == PlaceKind.VILLAGE && village == null) {
            throw new InvalidValueException("village", "a village session names its village");
        }
        if (placeKind == PlaceKind.TOWNSHIP && (township == null || !township.matches("\\d{9}") || !township.startsWith(county.value()))) {
            throw new InvalidValueException("township", "a township session names a township of county " + county + " (9 digits)");
        }
        if (village != null && !village.isIn(county)) {
            throw new InvalidValueException("village", "village " + village + " is not in county " + county);
        }
        address = text("address", address);
        lecturer = text("lecturer", lecturer);
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new InvalidValueException("capacity", "must be 1 to " + MAX_CAPACITY);
        }
        if (startsOn == null) {
            throw new InvalidValueException("startsOn", "is required");
        }
        if (endsOn == null || endsOn.isBefore(startsOn)) {
            throw new InvalidValueException("endsOn", "must be on or after startsOn");
        }
        if (partnerClient != null && !partnerClient.matches("[a-z0-9][a-z0-9-]{1,62}")) {
            throw new InvalidValueException("partnerClient", "must be a client id");
        }
    }

    public static Session schedule(CountyCode county, UUID course, PlaceKind placeKind, String township, String village, String address, String lecturer,
                                   int capacity, LocalDate startsOn, LocalDate endsOn, String partnerClient, LocalDate today, Instant now) {
        if (startsOn != null && startsOn.isBefore(today)) {
            throw new InvalidValueException("startsOn", "is in the past");
        }
        VillageCode code = village == null ? null : InvalidValueException.in("village", () -> VillageCode.of(village));
        String ofTownship = township != null ? township : code != null ? code.value().substring(0, 9) : null;
        return new Session(UUID.randomUUID(), county, course, placeKind, ofTownship, code, address, lecturer, capacity, 0, startsOn, endsOn,
                partnerClient == null || partnerClient.isBlank() ? null : partnerClient.strip(), now);
    }

    private static String text(String field, String value) {
        if (value == null || value.isBlank() || value.strip().length() > MAX_TEXT) {
            throw new InvalidValueException(field, "must be 1 to " + MAX_TEXT + " characters");
        }
        return value.strip();
    }
}
