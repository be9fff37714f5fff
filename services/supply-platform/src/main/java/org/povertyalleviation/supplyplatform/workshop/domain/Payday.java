package org.povertyalleviation.supplyplatform.workshop.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.RuleRefusedException;

/**
 * A workshop's payday: every unpaid wage record up to paidThrough is paid on paidOn. Each household's wages of the
 * payday become one WORKSHOP_WAGE ledger entry (origin payday:<payday>:<household>).
 */
public record Payday(UUID id, CountyCode county, UUID workshop, LocalDate paidOn, LocalDate paidThrough, int records, long totalFen,
                     String paidBy, Instant paidAt) {

    public static void requireDates(LocalDate paidOn, LocalDate paidThrough, LocalDate today) {
        if (paidThrough.isAfter(paidOn)) {
            throw RuleRefusedException.violated("paid-before-worked", "A payday pays work done on or before it", "paidThrough");
        }
        if (paidOn.isAfter(today)) {
            throw RuleRefusedException.violated("payday-in-future", "A payday is recorded when it has happened", "paidOn");
        }
    }
}
