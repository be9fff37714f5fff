package org.povertyalleviation.shopmanagement.shop.domain;

/** A value the domain refuses, with the field it came from so that the answer can name it. */
public class InvalidValueException extends RuntimeException {

    private final String field;

    public InvalidValueException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
