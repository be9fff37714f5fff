package org.povertyalleviation.supplyplatform.product.domain;

import java.time.Instant;
import java.util.UUID;

import org.povertyalleviation.platform.domain.CountyCode;

/** A supply base run by an organisation: where a crop grows, in a village, on an area in hundredths of a mu. */
public record SupplyBase(UUID id, CountyCode county, UUID organisation, String village, long areaCentimu, String crop, Instant registeredAt) {

    public static final int MAX_CROP = 50;
    public static final long MAX_AREA_CENTIMU = 100_000_000L;
}
