package org.povertyalleviation.supplyplatform.product.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.povertyalleviation.platform.domain.CountyCode;

/**
 * A county speciality an organisation offers, priced and delivered in one unit, with the certification it requires (if
 * any) and whether it is listed for sale (Listing).
 */
public record Product(UUID id, CountyCode county, UUID organisation, String name, ProductCategory category, ProductUnit unit,
                      CertificationKind requiredCertification, Listing listing, LocalDate listingChangedOn, Instant registeredAt) {

    public static final int MAX_NAME = 100;
}
