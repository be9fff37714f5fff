package org.povertyalleviation.portal.county;

/** A county the signed-in user may not read (or that does not exist): the page is a 404, as the gateway's refusal. */
public final class UnknownCounty extends RuntimeException {

    private final String code;

    public UnknownCounty(String code) {
        super("County " + code + " is not among the user's counties", null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
