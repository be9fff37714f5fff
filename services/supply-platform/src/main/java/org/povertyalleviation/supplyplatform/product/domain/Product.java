package org.povertyalleviation.supplyplatform.product.domain;

import java.time.Instant;
import java.util.UUID;

import org.povertyalleviation.platform.domain.CountyCode;

/** A county speciality an organisation offers, priced and delivered in one unit. */
public record Product(UUID id, CountyCode county, UUID organisation, String name, ProductCategory category, ProductUnit unit,
                      Instant registeredAt) {

    public static final int MAX_NAME = 100;
}
