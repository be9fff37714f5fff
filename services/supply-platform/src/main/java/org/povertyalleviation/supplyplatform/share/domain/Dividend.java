package org.povertyalleviation.supplyplatform.share.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.RuleRefusedException;

/** A declared dividend of an organisation for a year, by rate or by amount, and its parts (DividendSplit). */
public record Dividend(UUID id, CountyCode county, UUID organisation, int year, Integer rateBasisPoints, Long declaredFen, LocalDate paidOn,
                       List<DividendSplit.Part> parts, String declaredBy, Instant declaredAt) {

    public long totalFen() {
        return parts.stream().mapToLong(DividendSplit.Part::amountFen).sum();
    }

    /** Shares the dividend among the stakes held on the day it is paid. */
    public static Dividend declare(CountyCode county, UUID organisation, int year, Integer rateBasisPoints, Long declaredFen, LocalDate paidOn,
                                   java.util.Map<UUID, Long> stakes, String declaredBy, Instant now) {
        if ((rateBasisPoints == null) == (declaredFen == null)) {
            throw RuleRefusedException.violated("rate-or-amount", "A dividend is declared as a rate or as an amount, one of the two", "rateBasisPoints");
        }
        List<DividendSplit.Part> parts = rateBasisPoints != null
                ? DividendSplit.byRate(stakes, rateBasisPoints) : DividendSplit.byAmount(stakes, declaredFen);
        return new Dividend(UUID.randomUUID(), county, organisation, year, rateBasisPoints, declaredFen, paidOn, parts, declaredBy, now);
    }
}
