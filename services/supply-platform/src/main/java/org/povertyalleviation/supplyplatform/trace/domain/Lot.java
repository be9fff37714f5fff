package org.povertyalleviation.supplyplatform.trace.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

import org.povertyalleviation.platform.domain.CountyCode;

/**
 * A harvest or production lot of a product: what one code stands for.
 *
 * @param base          the supply base it came from; null for a lot merged from several bases
 * @param code          its random code, printed on its packs and in the public page's address
 * @param quantityMilli how much, in thousandths of the product's unit
 * @param publicSteps   the business steps its public page shows (every other step stays private)
 * @param published     whether it has a public page at all
 */
public record Lot(UUID id, CountyCode county, UUID product, UUID organisation, UUID base, String code, String lotNumber, long quantityMilli,
                  LocalDate harvestDate, String grade, Set<BusinessStep> publicSteps, boolean published, String createdBy, Instant createdAt) {

    public static final int MAX_LOT_NUMBER = 40;
    public static final int MAX_GRADE = 20;
    /** 10 million units in thousandths: a county's whole harvest of one product fits many times over. */
    public static final long MAX_QUANTITY_MILLI = 10_000_000_000L;

    public Lot {
        publicSteps = Set.copyOf(publicSteps);
    }

    public Lot withPublication(boolean published, Set<BusinessStep> publicSteps) {
        return new Lot(id, county, product, organisation, base, code, lotNumber, quantityMilli, harvestDate, grade, publicSteps, published, createdBy,
                createdAt);
    }
}
