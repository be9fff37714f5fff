package org.povertyalleviation.logisticsbooking.booking.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.InvalidValueException;
import org.povertyalleviation.platform.domain.RuleRefusedException;
import org.povertyalleviation.platform.domain.VillageCode;

/**
 * A pickup (uplink) or delivery (downlink) booked into a window, and where it is now.
 *
 * <p>Tracking: the shipment moves one step of its direction at a time ({@link Direction#steps()}); a report that skips
 * steps moves it only with a reason (a scanner that was offline). Reports arrive out of order: one of a step the
 * shipment has passed already is kept in the timeline and moves nothing. A failure keeps how far it had come; the next
 * step, a delivery or a return follows it. Delivered, returned and cancelled shipments move no more.
 *
 * @param village         the village of its village post; null at a township station or the park
 * @param household       the registered household sending or receiving it (pseudonymous id), if any
 * @param poorHousehold   whether the county's shipping subsidy applied
 * @param recipient       who receives it (personal data: masked for partners and cadres)
 * @param carriesRef      the id of what it carries in the service it belongs to (an order delivery, a reward, a lot code)
 * @param carrier         the carrier it is assigned to (null: not yet)
 * @param progress        its index in the direction's steps (0 = booked)
 * @param bookedByPartner the partner client that booked it (null when county staff did)
 */
public record Booking(UUID id, CountyCode county, UUID slot, Direction direction, UUID node, VillageCode village, SenderKind senderKind,
                      String senderRef, UUID household, boolean poorHousehold, String recipient, long weightGrams, int parcels, boolean cold,
                      long declaredValueFen, CarriesKind carriesKind, String carriesRef, long priceFen, long subsidyFen, UUID carrier,
                      ShipmentState state, int progress, String bookedBy, String bookedByPartner, Instant bookedAt, Instant updatedAt) {

    public static final int MAX_REF = 100;
    public static final int MAX_RECIPIENT = 50;
    public static final int MAX_PARCELS = 1_000;
    public static final long MAX_WEIGHT_GRAMS = 20_000_000L;
    public static final long MAX_DECLARED_FEN = 1_000_000_00L;

    public Booking {
        if (senderKind == null) {
            throw new InvalidValueException("senderKind", "is required");
        }
        if (senderRef == null || senderRef.isBlank() || senderRef.length() > MAX_REF) {
            throw new InvalidValueException("senderRef", "must be 1 to " + MAX_REF + " characters");
        }
        if (recipient == null || recipient.isBlank() || recipient.strip().length() > MAX_RECIPIENT) {
            throw new InvalidValueException("recipient", "must be 1 to " + MAX_RECIPIENT + " characters");
        }
        recipient = recipient.strip();
        if (parcels < 1 || parcels > MAX_PARCELS) {
            throw new InvalidValueException("parcels", "must be 1 to " + MAX_PARCELS);
        }
        if (declaredValueFen < 0 || declaredValueFen > MAX_DECLARED_FEN) {
            throw new InvalidValueException("declaredValueFen", "must be 0 to " + MAX_DECLARED_FEN);
        }
        if (carriesKind == null) {
            throw new InvalidValueException("carriesKind", "is required");
        }
        if (carriesKind != CarriesKind.GOODS && (carriesRef == null || carriesRef.isBlank())) {
            throw new InvalidValueException("carriesRef", "names the " + carriesKind + " it carries");
        }
        if (carriesRef != null && carriesRef.length() > MAX_REF) {
            throw new InvalidValueException("carriesRef", "must be at most " + MAX_REF + " characters");
        }
        if (senderKind == SenderKind.HOUSEHOLD && household == null) {
            throw new InvalidValueException("household", "a household's shipment names the registered household");
        }
    }

    /** A new booking, in the booked state. */
    public static Booking book(CountyCode county, Slot slot, VillageCode village, SenderKind senderKind, String senderRef, UUID household,
                               boolean poorHousehold, String recipient, long weightGrams, int parcels, boolean cold, long declaredValueFen,
                               CarriesKind carriesKind, String carriesRef, Tariff.Price price, String bookedBy, String bookedByPartner, Instant now) {
        if (cold && !slot.cold()) {
            throw RuleRefusedException.violated("cold-chain", "This window has no cold chain; book a cold window for a cold shipment", "cold");
        }
        if (slot.closed(now)) {
            throw RuleRefusedException.violated("window-closed", "The window closed at " + slot.closesAt(), "slot");
        }
        if (weightGrams > slot.capacityGrams()) {
            throw RuleRefusedException.violated("over-capacity", "The window takes at most " + Weight.kilograms(slot.capacityGrams()) + " kg in all",
                    "weightKg");
        }
        if (parcels > slot.capacityParcels()) {
            throw RuleRefusedException.violated("over-capacity", "The window takes at most " + slot.capacityParcels() + " parcels in all", "parcels");
        }
        return new Booking(UUID.randomUUID(), county, slot.id(), slot.kind().direction(), slot.node(), village, senderKind,
                senderRef == null ? null : senderRef.strip(), household, poorHousehold, recipient, weightGrams, parcels, cold, declaredValueFen,
                carriesKind, carriesRef == null || carriesRef.isBlank() ? null : carriesRef.strip(), price.priceFen(), price.subsidyFen(),
                slot.carrier(), ShipmentState.BOOKED, 0, bookedBy, bookedByPartner, now, now);
    }

    /** The recipient's name as a partner or cadre sees it: its first character, the rest starred (王**). */
    public String maskedRecipient() {
        return mask(recipient);
    }

    /** A name masked: its first character, the rest starred (at most three stars, so the length is not told either). */
    public static String mask(String name) {
        return name.isEmpty() ? name : name.charAt(0) + "*".repeat(Math.max(1, Math.min(name.length() - 1, 3)));
    }

    public Booking cancel(Instant now) {
        if (state != ShipmentState.BOOKED) {
            throw RuleRefusedException.stateConflict("not-cancellable", "The shipment is " + state + ": only a booked one is cancelled");
        }
        return with(ShipmentState.CANCELLED, progress, slot, now);
    }

    /** The same booking in another window of the same kind at the same node. */
    public Booking moveTo(Slot other, Instant now) {
        if (state != ShipmentState.BOOKED) {
            throw RuleRefusedException.stateConflict("not-movable", "The shipment is " + state + ": only a booked one moves to another window");
        }
        if (other.id().equals(slot)) {
            throw RuleRefusedException.violated("same-window", "The booking is in this window already", "slot");
        }
        if (!other.node().equals(node) || other.kind().direction() != direction) {
            throw RuleRefusedException.violated("other-place", "A booking moves to a " + direction + " window at the same node", "slot");
        }
        if (cold && !other.cold()) {
            throw RuleRefusedException.violated("cold-chain", "This window has no cold chain", "slot");
        }
        if (other.closed(now)) {
            throw RuleRefusedException.violated("window-closed", "The window closed at " + other.closesAt(), "slot");
        }
        return new Booking(id, county, other.id(), direction, node, village, senderKind, senderRef, household, poorHousehold, recipient, weightGrams,
                parcels, cold, declaredValueFen, carriesKind, carriesRef, priceFen, subsidyFen, other.carrier() != null ? other.carrier() : carrier,
                state, progress, bookedBy, bookedByPartner, bookedAt, now);
    }

    public Booking assign(UUID newCarrier, Instant now) {
        if (state.closed()) {
            throw RuleRefusedException.stateConflict("shipment-closed", "The shipment is " + state);
        }
        return new Booking(id, county, slot, direction, node, village, senderKind, senderRef, household, poorHousehold, recipient, weightGrams,
                parcels, cold, declaredValueFen, carriesKind, carriesRef, priceFen, subsidyFen, newCarrier, state, progress, bookedBy,
                bookedByPartner, bookedAt, now);
    }

    /** What a report does to the booking: the booking after it, and the report as kept (advanced or not). */
    public record Tracked(Booking booking, TrackingUpdate update) {
    }

    public Tracked track(TrackingUpdate update) {
        ShipmentState reported = update.state();
        int index = direction.indexOf(reported);
        if (index < 0 && reported != ShipmentState.FAILED && reported != ShipmentState.RETURNED) {
            throw new InvalidValueException("state", reported + " is not a step of " + (direction == Direction.UPLINK ? "an uplink pickup" : "a downlink delivery")
                    + ": " + direction.steps());
        }
        if (index >= 0 && index <= progress) {
            // A step it has passed: the timeline gets it, the booking stays where it is.
            return new Tracked(this, update.advancing(false));
        }
        if (state.closed()) {
            throw RuleRefusedException.stateConflict("shipment-closed", "The shipment is " + state + " and moves no more", "state");
        }
        if (reported == ShipmentState.FAILED || reported == ShipmentState.RETURNED) {
            return new Tracked(with(reported, progress, slot, update.receivedAt()), update.advancing(true));
        }
        if (index > progress + 1 && update.reason() == null) {
            List<ShipmentState> skipped = direction.steps().subList(progress + 1, index);
            throw RuleRefusedException.violated("skipped-steps", "From " + direction.steps().get(progress) + " to " + reported + " skips " + skipped
                    + ": report them, or say why in reason", "reason");
        }
        return new Tracked(with(reported, index, slot, update.receivedAt()), update.advancing(true));
    }

    private Booking with(ShipmentState newState, int newProgress, UUID newSlot, Instant now) {
        return new Booking(id, county, newSlot, direction, node, village, senderKind, senderRef, household, poorHousehold, recipient, weightGrams,
                parcels, cold, declaredValueFen, carriesKind, carriesRef, priceFen, subsidyFen, carrier, newState, newProgress, bookedBy,
                bookedByPartner, bookedAt, now);
    }
}
