package org.povertyalleviation.crowdfunding.pledge.domain;

import java.time.Instant;
import java.util.UUID;

import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.InvalidValueException;
import org.povertyalleviation.platform.domain.RuleRefusedException;

/**
 * A backer's pledge, posted by a partner platform ({@code client}) under its own key, for a quantity of a tier's
 * rewards, paid through a payment partner under the partner's payment reference. The backer is the platform's
 * pseudonymous reference: no name, phone or address reaches this service.
 */
public record Pledge(UUID id, CountyCode county, UUID project, UUID tier, String client, String pledgeKey, String backerRef, int quantity,
                     long amountFen, String paymentPartner, String paymentRef, PledgeStatus status, Instant createdAt, Instant paidAt,
                     Instant closedAt) {

    public static final int MAX_KEY = 64;
    public static final int MAX_QUANTITY = 100;
    public static final String REFERENCE = "[A-Za-z0-9._:-]{1,64}";

    public static Pledge of(CountyCode county, UUID project, UUID tier, String client, String pledgeKey, String backerRef, Integer quantity,
                            Long amountFen, String paymentPartner, String paymentRef, Instant now) {
        if (tier == null) {
            throw new InvalidValueException("tier", "is required");
        }
        if (quantity == null || quantity < 1 || quantity > MAX_QUANTITY) {
            throw new InvalidValueException("quantity", "must be 1 to " + MAX_QUANTITY);
        }
        if (amountFen == null || amountFen < 1) {
            throw new InvalidValueException("amountFen", "is required and positive");
        }
        return new Pledge(UUID.randomUUID(), county, project, tier, client, reference("pledgeKey", pledgeKey), reference("backerRef", backerRef),
                quantity, amountFen, reference("paymentPartner", paymentPartner), reference("paymentRef", paymentRef), PledgeStatus.PENDING, now,
                null, null);
    }

    /** The same pledge posted again under its key: the same content answers it, other content is a mistake. */
    public boolean sameAs(Pledge other) {
        return tier.equals(other.tier) && backerRef.equals(other.backerRef) && quantity == other.quantity && amountFen == other.amountFen
                && paymentPartner.equals(other.paymentPartner) && paymentRef.equals(other.paymentRef) && project.equals(other.project);
    }

    /** Checks the amount against the tier's price: the partner charges what the project asks, to the fen. */
    public void requireAmount(long expectedFen) {
        if (amountFen != expectedFen) {
            throw RuleRefusedException.violated("amount-mismatch", "The pledge's amount is " + amountFen + " fen; " + quantity
                    + " of the tier cost " + expectedFen + " fen", "amountFen");
        }
    }

    public Pledge withStatus(PledgeStatus next, Instant at) {
        return new Pledge(id, county, project, tier, client, pledgeKey, backerRef, quantity, amountFen, paymentPartner, paymentRef, next, createdAt,
                next == PledgeStatus.PAID ? at : paidAt, next == PledgeStatus.PAID || next == PledgeStatus.PENDING ? closedAt : at);
    }

    private static String reference(String field, String value) {
        if (value == null || !value.matches(REFERENCE)) {
            throw new InvalidValueException(field, "is required: 1 to 64 letters, digits or . _ : -");
        }
        return value;
    }
}
