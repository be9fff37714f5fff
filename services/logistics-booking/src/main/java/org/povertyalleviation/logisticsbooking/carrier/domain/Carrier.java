package org.povertyalleviation.logisticsbooking.carrier.domain;

import java.time.Instant;
import java.util.UUID;

import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.InvalidValueException;

/**
 * A logistics company the county works with. Its partner client (the OAuth2 client id it calls the gateway with) is
 * what binds bookings to it: it reads and tracks only the bookings assigned to it, and only in counties that granted it.
 *
 * @param client the partner client id; null for a carrier that reports through county staff only
 */
public record Carrier(UUID id, CountyCode county, String name, String client, Instant createdAt) {

    public static final int MAX_NAME = 100;

    public Carrier {
        if (name == null || name.isBlank() || name.strip().length() > MAX_NAME) {
            throw new InvalidValueException("name", "must be 1 to " + MAX_NAME + " characters");
        }
        name = name.strip();
        if (client != null && !client.matches("[a-z0-9][a-z0-9-]{1,62}")) {
            throw new InvalidValueException("client", "must be a client id: lower-case letters, digits and dashes, 2 to 63 characters");
        }
    }

    public static Carrier register(CountyCode county, String name, String client, Instant now) {
        return new Carrier(UUID.randomUUID(), county, name, client == null || client.isBlank() ? null : client.strip(), now);
    }
}
