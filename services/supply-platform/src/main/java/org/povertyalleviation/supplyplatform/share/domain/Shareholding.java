package org.povertyalleviation.supplyplatform.share.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.RuleRefusedException;

/** A household's stake in an organisation (资产收益扶贫): money, land or its fund, valued in fen, on terms. */
public record Shareholding(UUID id, CountyCode county, UUID organisation, UUID household, StakeKind kind, long amountFen, LocalDate investedOn,
                           String terms, String recordedBy, Instant recordedAt) {

    public static final long MAX_AMOUNT_FEN = 10_000_000_000L;
    public static final int MAX_TERMS = 500;

    public Shareholding {
        if (amountFen <= 0 || amountFen > MAX_AMOUNT_FEN) {
            throw RuleRefusedException.violated("invalid-amount", "A stake is above 0 and at most 100,000,000 yuan", "amountFen");
        }
    }
}
