package org.povertyalleviation.supplyplatform.product.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.RuleRefusedException;

/** A certificate of a product: who issued it, its number and scan, and the days it is valid (both ends included). */
public record Certification(UUID id, CountyCode county, UUID product, CertificationKind kind, String issuer, String number, String document,
                            LocalDate validFrom, LocalDate validTo, String recordedBy, Instant recordedAt) {

    public static final int MAX_ISSUER = 100;
    public static final int MAX_NUMBER = 50;
    public static final int MAX_DOCUMENT = 200;

    public Certification {
        if (validTo.isBefore(validFrom)) {
            throw RuleRefusedException.violated("valid-to-before-valid-from", "A certificate is valid to a day on or after it is valid from", "validTo");
        }
    }

    public boolean covers(LocalDate day) {
        return !day.isBefore(validFrom) && !day.isAfter(validTo);
    }
}
