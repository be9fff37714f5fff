package org.povertyalleviation.supplyplatform.product.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.povertyalleviation.platform.domain.CountyCode;

/** A quality inspection of a product's sample (from one of its bases, or from stock), with the lab's report. */
public record Inspection(UUID id, CountyCode county, UUID product, UUID base, String sample, LocalDate sampledOn, InspectionResult result,
                         String lab, String report, String recordedBy, Instant recordedAt) {

    public static final int MAX_SAMPLE = 100;
    public static final int MAX_LAB = 100;
    public static final int MAX_REPORT = 50;
}
