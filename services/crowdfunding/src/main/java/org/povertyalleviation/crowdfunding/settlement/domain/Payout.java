package org.povertyalleviation.crowdfunding.settlement.domain;

import java.time.LocalDate;
import java.util.UUID;

/** A household's share of a delivered project's proceeds, paid out on the day the delivery was confirmed. */
public record Payout(UUID household, int basisPoints, long amountFen, LocalDate paidOn) {
}
