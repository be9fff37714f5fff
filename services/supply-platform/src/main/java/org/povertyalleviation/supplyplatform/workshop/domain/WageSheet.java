package org.povertyalleviation.supplyplatform.workshop.domain;

/** What a workshop owes (unpaid wage records and their sum) and how many day wages fell below the minimum. */
public record WageSheet(long unpaidRecords, long unpaidFen, long belowMinimum) {
}
