package org.povertyalleviation.supplyplatform.share.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A dividend as declared, with its total and how many households it paid. */
public record DividendSummary(UUID id, UUID organisation, int year, Integer rateBasisPoints, Long declaredFen, long totalFen, LocalDate paidOn,
                                  long households, String declaredBy, Instant declaredAt) {
}
