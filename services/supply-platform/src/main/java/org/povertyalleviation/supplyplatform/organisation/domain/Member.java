package org.povertyalleviation.supplyplatform.organisation.domain;

import java.time.LocalDate;
import java.util.UUID;

/** A member household as the household copy knows it (no personal data). */
public record Member(UUID household, String fileNumber, String village, LocalDate joinedOn) {
}
