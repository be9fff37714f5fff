package org.povertyalleviation.householdregistry.importing.domain;

/** A row that was not imported: its line, the household's file number if known, the field and why. */
public record Rejection(int line, String fileNumber, String field, String reason) {
}
