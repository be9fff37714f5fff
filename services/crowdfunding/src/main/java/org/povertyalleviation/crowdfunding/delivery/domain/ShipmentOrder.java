package org.povertyalleviation.crowdfunding.delivery.domain;

import java.math.BigDecimal;
import java.util.UUID;

import org.povertyalleviation.crowdfunding.pledge.domain.Pledge;
import org.povertyalleviation.crowdfunding.project.domain.OwnerKind;
import org.povertyalleviation.crowdfunding.project.domain.Project;
import org.povertyalleviation.crowdfunding.project.domain.Tier;

/**
 * A reward's booking as the logistics service takes it (its POST /counties/{county}/bookings). The household (or the
 * cooperative) sends; the recipient is the partner platform's pseudonymous reference of the backer, because this
 * platform never holds a backer's name or address: the partner hands the parcel on. What it carries is the pledge, so
 * the logistics service's events find their way back to it.
 */
public record ShipmentOrder(UUID slot, String senderKind, String senderRef, UUID household, String recipient, BigDecimal weightKg, int parcels,
                            long declaredValueFen, String carriesKind, String carriesRef) {

    /** The logistics service's limits (its Booking.MAX_REF and MAX_RECIPIENT). */
    public static final int MAX_REF = 100;
    public static final int MAX_RECIPIENT = 50;
    public static final String CARRIES = "CROWDFUNDING_REWARD";

    public static ShipmentOrder of(UUID slot, Project project, Tier tier, Pledge pledge) {
        boolean household = project.ownerKind() == OwnerKind.HOUSEHOLD;
        String recipient = pledge.client() + ":" + pledge.backerRef();
        // Grams to kilograms exactly: three decimals, as the logistics service takes them.
        BigDecimal kilograms = BigDecimal.valueOf((long) tier.weightGrams() * pledge.quantity(), 3);
        return new ShipmentOrder(slot, household ? "HOUSEHOLD" : "COOPERATIVE", cut(project.id().toString(), MAX_REF),
                household ? project.household() : null, cut(recipient, MAX_RECIPIENT), kilograms, pledge.quantity(), pledge.amountFen(),
                CARRIES, pledge.id().toString());
    }

    private static String cut(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
