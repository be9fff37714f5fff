package org.povertyalleviation.platform.problem;

/** One offending field of a request: its JSON path (e.g. {@code members[0].residentId}) and why it was refused. */
public record InvalidParam(String name, String reason) {
}
