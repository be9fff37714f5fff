package org.povertyalleviation.platform.events;

/** An event that can never be processed (unparsable, wrong shape): it goes straight to the dead-letter topic. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
