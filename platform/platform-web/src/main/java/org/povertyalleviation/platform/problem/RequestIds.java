package org.povertyalleviation.platform.problem;

import java.util.UUID;

/** Record ids from paths and parameters, the way {@code CountyCode.fromRequest} reads county codes. */
public final class RequestIds {

    private RequestIds() {
    }

    /** @throws InvalidRequestException (400 naming {@code field}) when the value is not a UUID */
    public static UUID uuid(String field, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw InvalidRequestException.field(field, "must be a UUID");
        }
    }
}
