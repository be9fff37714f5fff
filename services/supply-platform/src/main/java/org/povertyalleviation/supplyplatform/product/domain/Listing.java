package org.povertyalleviation.supplyplatform.product.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Whether a product is listed for sale, and why not: listed while it holds a valid certificate of the kind it requires
 * (if it requires one) on the day, and no failed inspection stands against it (a later passing one clears it).
 */
public record Listing(boolean certified, boolean inspectionFailed) {

    /** Why a product is not listed. */
    public enum Reason { CERTIFICATION_MISSING, CERTIFICATION_EXPIRED, INSPECTION_FAILED }

    public boolean listed() {
        return certified && !inspectionFailed;
    }

    /** The listing on a day, from the product's certificates of the required kind (none required: certified). */
    public static boolean certifiedOn(LocalDate day, CertificationKind required, Collection<Certification> certifications) {
        return required == null || certifications.stream().anyMatch(c -> c.kind() == required && c.covers(day));
    }

    /** Why it is not listed on the day: none when listed. */
    public List<Reason> reasons(LocalDate day, CertificationKind required, Collection<Certification> certifications) {
        List<Reason> reasons = new ArrayList<>();
        if (!certified) {
            boolean expired = certifications.stream().anyMatch(c -> c.kind() == required && c.validTo().isBefore(day));
            reasons.add(expired ? Reason.CERTIFICATION_EXPIRED : Reason.CERTIFICATION_MISSING);
        }
        if (inspectionFailed) {
            reasons.add(Reason.INSPECTION_FAILED);
        }
        return reasons;
    }

    public Listing certified(boolean now) {
        return new Listing(now, inspectionFailed);
    }

    public Listing inspected(InspectionResult result) {
        return new Listing(certified, result == InspectionResult.FAIL);
    }
}
