package org.povertyalleviation.logisticsbooking.booking;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.povertyalleviation.logisticsbooking.booking.domain.Booking;
import org.povertyalleviation.logisticsbooking.booking.domain.CarriesKind;
import org.povertyalleviation.logisticsbooking.booking.domain.SenderKind;
import org.povertyalleviation.logisticsbooking.booking.domain.ShipmentState;
import org.povertyalleviation.logisticsbooking.booking.domain.Slot;
import org.povertyalleviation.logisticsbooking.booking.domain.SlotKind;
import org.povertyalleviation.logisticsbooking.booking.domain.Tariff;
import org.povertyalleviation.logisticsbooking.booking.domain.TrackingUpdate;
import org.povertyalleviation.logisticsbooking.booking.domain.Weight;
import org.povertyalleviation.logisticsbooking.booking.messaging.BookingPlaced;
import org.povertyalleviation.logisticsbooking.booking.messaging.ShipmentStateChanged;
import org.povertyalleviation.logisticsbooking.booking.persistence.BookingRepository;
import org.povertyalleviation.logisticsbooking.booking.persistence.SlotRepository;
import org.povertyalleviation.logisticsbooking.booking.persistence.TariffRepository;
import org.povertyalleviation.logisticsbooking.carrier.domain.Carrier;
import org.povertyalleviation.logisticsbooking.carrier.persistence.CarrierRepository;
import org.povertyalleviation.logisticsbooking.network.domain.Node;
import org.povertyalleviation.logisticsbooking.network.persistence.NetworkRepository;
import org.povertyalleviation.platform.audit.AuditTrail;
import org.povertyalleviation.platform.domain.ChinaTime;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.RuleRefusedException;
import org.povertyalleviation.platform.households.KnownHouseholds;
import org.povertyalleviation.platform.outbox.Outbox;
import org.povertyalleviation.platform.problem.ConflictException;
import org.povertyalleviation.platform.problem.NotFoundException;
import org.povertyalleviation.platform.security.Caller;
import org.povertyalleviation.platform.security.CountyAccess;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Windows, bookings and tracking, each use case in one county transaction with its events (outbox) and audit entry.
 *
 * <p>Who reaches a booking: county staff and readers every booking of the county; a village cadre books and reports only
 * at the posts of their villages; a partner only the bookings it made or, as a carrier, was assigned, and it reports
 * only on those assigned to it.
 */
@Service
public class Bookings {

    /** How many next free windows a full window's refusal offers. */
    public static final int ALTERNATIVES = 5;

    /** What a booking request holds, before the window and the tariff are applied. */
    public record Request(UUID slot, SenderKind senderKind, String senderRef, UUID household, String recipient, long weightGrams, int parcels,
                          boolean cold, long declaredValueFen, CarriesKind carriesKind, String carriesRef) {
    }

    /** A booking with its window and timeline, as the caller may see it. */
    public record BookingView(Booking booking, Slot slot, List<TrackingUpdate> timeline, boolean personalData) {
    }

    /** A report's outcome: the booking after it and whether this report moved it (false: a late or repeated report). */
    public record Reported(BookingView view, boolean advanced, boolean repeated) {
    }

    private final SlotRepository slots;
    private final BookingRepository bookings;
    private final TariffRepository tariffs;
    private final NetworkRepository network;
    private final CarrierRepository carriers;
    private final CountyAccess countyAccess;
    private final KnownHouseholds households;
    private final TenantTransactions tenantTransactions;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final Clock clock;

    public Bookings(SlotRepository slots, BookingRepository bookings, TariffRepository tariffs, NetworkRepository network, CarrierRepository carriers,
                    CountyAccess countyAccess, KnownHouseholds households, TenantTransactions tenantTransactions, Outbox outbox, AuditTrail audit, Clock clock) {
        this.slots = slots;
        this.bookings = bookings;
        this.tariffs = tariffs;
        this.network = network;
        this.carriers = carriers;
        this.countyAccess = countyAccess;
        this.households = households;
        this.tenantTransactions = tenantTransactions;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    // Windows -------------------------------------------------------------------------------------------------------

    public Mono<Slot> openSlot(CountyCode county, UUID node, LocalDate day, SlotKind kind, LocalTime start, LocalTime end, int capacityKg,
                               int capacityParcels, boolean cold, UUID carrier) {
        Slot slot = Slot.open(county, node, day, kind, start, end, capacityKg, capacityParcels, cold, carrier, clock.instant());
        return tenantTransactions.inCounty(county, () -> node(county, node, "node")
                .flatMap(found -> cold && !found.coldStorage()
                        ? Mono.<Void>error(RuleRefusedException.violated("cold-chain", found.name() + " has no cold storage", "cold"))
                        : Mono.<Void>empty())
                .then(carrier == null ? Mono.empty() : carriers.find(county, carrier).switchIfEmpty(Mono.error(RuleRefusedException.violated(
                        "unknown-carrier", "County " + county + " has no carrier " + carrier, "carrier"))).then())
                .then(slots.exists(county, node, day, kind, start))
                .flatMap(exists -> exists ? Mono.<Void>error(new ConflictException("window-exists",
                        "The node has a " + kind + " window at " + start + " on " + day + " already", "windowStart")) : slots.insert(slot))
                .then(audit.write("slot.opened", "slot", slot.id().toString()))
                .thenReturn(slot));
    }

    public Mono<Slot> slot(CountyCode county, UUID id) {
        return tenantTransactions.inCounty(county, () -> slots.find(county, id).switchIfEmpty(Mono.error(new NotFoundException("Window", id))));
    }

    public Mono<List<Slot>> slotsOfDay(CountyCode county, LocalDate day, UUID node) {
        return tenantTransactions.inCounty(county, () -> slots.ofDay(county, day, node).collectList());
    }

    public Mono<List<Slot>> nextFree(CountyCode county, UUID node, SlotKind kind, LocalDate from, long grams, int parcels, boolean cold, int limit) {
        LocalDate today = LocalDate.now(clock.withZone(ChinaTime.ZONE));
        LocalDate first = from == null || from.isBefore(today) ? today : from;
        Instant now = clock.instant();
        return tenantTransactions.inCounty(county, () -> slots.nextFree(county, node, kind, first, grams, parcels, cold, limit + 8)
                .filter(slot -> !slot.closed(now)).take(limit).collectList());
    }

    // Tariff --------------------------------------------------------------------------------------------------------

    public Mono<Tariff> setTariff(CountyCode county, Tariff tariff) {
        return tenantTransactions.inCounty(county, () -> tariffs.set(county, tariff)
                .then(audit.write("tariff.set", "tariff", county.value()))
                .thenReturn(tariff));
    }

    public Mono<Tariff> tariff(CountyCode county) {
        return tenantTransactions.inCounty(county, () -> tariffs.tariff(county));
    }

    // Bookings ------------------------------------------------------------------------------------------------------

    public Mono<BookingView> book(CountyCode county, Caller caller, Request request) {
        Instant now = clock.instant();
        return tenantTransactions.inCounty(county, () -> slots.find(county, request.slot())
                .switchIfEmpty(Mono.error(RuleRefusedException.violated("unknown-slot", "County " + county + " has no window " + request.slot(), "slot")))
                .flatMap(slot -> network.node(county, slot.node()).flatMap(node -> requireVillage(county, caller, node)
                        .then(poor(county, request))
                        .zipWith(tariffs.tariff(county), (poor, tariff) -> Booking.book(county, slot, node.village(), request.senderKind(),
                                request.senderRef(), request.household(), poor, request.recipient(), request.weightGrams(), request.parcels(),
                                request.cold(), request.declaredValueFen(), request.carriesKind(), request.carriesRef(),
                                tariff.price(node.level(), request.weightGrams(), poor), caller.recordedAs(), caller.partnerOnly() ? caller.client() : null,
                                now))
                        .flatMap(booking -> take(county, slot, booking)
                                .flatMap(taken -> bookings.insert(booking)
                                        .then(outbox.publish(BookingPlaced.of(booking, taken)))
                                        .then(audit.write("booking.placed", "booking", booking.id().toString()))
                                        .thenReturn(new BookingView(booking, taken, List.of(), caller.countyStaff())))))));
    }

    public Mono<BookingView> cancel(CountyCode county, Caller caller, UUID id) {
        Instant now = clock.instant();
        return tenantTransactions.inCounty(county, () -> bound(county, caller, id, Use.CHANGE)
                .flatMap(booking -> {
                    Booking cancelled = booking.cancel(now);
                    return slots.release(county, booking.slot(), booking.weightGrams(), booking.parcels())
                            .then(bookings.update(cancelled))
                            .then(outbox.publish(ShipmentStateChanged.of(booking, cancelled, now, null)))
                            .then(audit.write("booking.cancelled", "booking", id.toString()))
                            .then(view(county, cancelled, caller));
                }));
    }

    public Mono<BookingView> rebook(CountyCode county, Caller caller, UUID id, UUID slotId) {
        Instant now = clock.instant();
        return tenantTransactions.inCounty(county, () -> bound(county, caller, id, Use.CHANGE)
                .flatMap(booking -> slots.find(county, slotId)
                        .switchIfEmpty(Mono.error(RuleRefusedException.violated("unknown-slot", "County " + county + " has no window " + slotId, "slot")))
                        .flatMap(other -> {
                            Booking moved = booking.moveTo(other, now);
                            // Windows are locked in the order of their ids, so two bookings swapping windows cannot deadlock.
                            Mono<Void> release = slots.release(county, booking.slot(), booking.weightGrams(), booking.parcels());
                            Mono<Slot> take = take(county, other, booking);
                            Mono<Slot> both = booking.slot().compareTo(other.id()) < 0 ? release.then(take) : take.flatMap(taken -> release.thenReturn(taken));
                            return both.flatMap(taken -> bookings.update(moved)
                                    .then(audit.write("booking.moved", "booking", id.toString()))
                                    .then(view(county, moved, caller)));
                        })));
    }

    public Mono<BookingView> assign(CountyCode county, Caller caller, UUID id, UUID carrierId) {
        Instant now = clock.instant();
        return tenantTransactions.inCounty(county, () -> bookings.findForUpdate(county, id)
                .switchIfEmpty(Mono.error(new NotFoundException("Booking", id)))
                .flatMap(booking -> carriers.find(county, carrierId).switchIfEmpty(Mono.error(RuleRefusedException.violated("unknown-carrier",
                        "County " + county + " has no carrier " + carrierId, "carrier"))).thenReturn(booking))
                .flatMap(booking -> {
                    Booking assigned = booking.assign(carrierId, now);
                    return bookings.update(assigned)
                            .then(audit.write("booking.assigned", "booking", id.toString()))
                            .then(view(county, assigned, caller));
                }));
    }

    public Mono<Reported> track(CountyCode county, Caller caller, UUID id, String updateId, ShipmentState state, Instant occurredAt, UUID node,
                                String reason, String recipient, String photoRef) {
        TrackingUpdate update = new TrackingUpdate(id, updateId, state, occurredAt, node, reason, recipient, photoRef, caller.recordedAs(),
                clock.instant(), false);
        return tenantTransactions.inCounty(county, () -> bound(county, caller, id, Use.REPORT)
                .flatMap(booking -> bookings.update(county, id, update.updateId())
                        .flatMap(earlier -> {
                            if (!earlier.sameReportAs(update)) {
                                return Mono.<Reported>error(new ConflictException("update-id-reused", "Report " + update.updateId()
                                        + " was " + earlier.state() + " at " + earlier.occurredAt() + "; a new report needs an id of its own", "updateId"));
                            }
                            return view(county, booking, caller).map(view -> new Reported(view, false, true));
                        })
                        .switchIfEmpty(Mono.defer(() -> (node == null ? Mono.<Node>empty() : node(county, node, "node"))
                                .then(Mono.fromCallable(() -> booking.track(update)))
                                .flatMap(tracked -> bookings.insert(county, tracked.update())
                                        .then(tracked.update().advanced()
                                                ? bookings.update(tracked.booking())
                                                        .then(outbox.publish(ShipmentStateChanged.of(booking, tracked.booking(), occurredAt, node)))
                                                : Mono.empty())
                                        .then(audit.write("booking.tracked", "booking", id.toString()))
                                        .then(view(county, tracked.booking(), caller))
                                        .map(view -> new Reported(view, tracked.update().advanced(), false)))))));
    }

    public Mono<BookingView> find(CountyCode county, Caller caller, UUID id) {
        return tenantTransactions.inCounty(county, () -> bookings.find(county, id)
                .switchIfEmpty(Mono.error(new NotFoundException("Booking", id)))
                .flatMap(booking -> requireBound(county, caller, booking, Use.READ).then(view(county, booking, caller))));
    }

    /** A day's bookings; a partner's list holds only its own and those assigned to it. */
    public Mono<List<BookingView>> ofDay(CountyCode county, Caller caller, LocalDate day, UUID node, int limit) {
        return tenantTransactions.inCounty(county, () -> (caller.partnerOnly() ? partnerCarrier(county, caller) : Mono.just(java.util.Optional.<UUID>empty()))
                .flatMap(carrier -> bookings.ofDay(county, day, node, caller.partnerOnly() ? String.valueOf(caller.client()) : null,
                                carrier.orElse(null), limit)
                        .map(booking -> new BookingView(booking, null, List.of(), caller.countyStaff())).collectList()));
    }

    private Mono<Slot> take(CountyCode county, Slot slot, Booking booking) {
        return slots.take(county, slot.id(), booking.weightGrams(), booking.parcels())
                .switchIfEmpty(Mono.defer(() -> slots.nextFree(county, slot.node(), slot.kind(), slot.day(), booking.weightGrams(), booking.parcels(),
                                booking.cold(), ALTERNATIVES + 8)
                        .filter(free -> !free.id().equals(slot.id()) && !free.closed(clock.instant())).take(ALTERNATIVES).collectList()
                        .flatMap(free -> Mono.error(new ConflictException("slot-full", "The window has no room left for "
                                + Weight.kilograms(booking.weightGrams()) + " kg in " + booking.parcels() + " parcels; "
                                + (free.isEmpty() ? "no later window at this node has room" : "the next windows with room are in alternatives"),
                                "slot", Map.of("alternatives", free.stream().map(Bookings::alternative).toList()))))));
    }

    private static Map<String, Object> alternative(Slot slot) {
        return Map.of("slot", slot.id().toString(), "day", slot.day().toString(), "windowStart", slot.windowStart().toString(),
                "windowEnd", slot.windowEnd().toString(), "freeKg", Weight.kilograms(slot.freeGrams()), "freeParcels", slot.freeParcels());
    }

    /** A household's shipment is subsidised when the registry has the household in the county (and has not removed it). */
    private Mono<Boolean> poor(CountyCode county, Request request) {
        return request.household() == null ? Mono.just(false)
                : households.require(county.value(), request.household(), "household").thenReturn(true);
    }

    private Mono<Node> node(CountyCode county, UUID node, String field) {
        return network.node(county, node).switchIfEmpty(Mono.error(RuleRefusedException.violated("unknown-node",
                "County " + county + " has no node " + node, field)));
    }

    /**
     * What a caller does with a booking: reads it (county readers, a cadre too; a partner only its own or assigned),
     * changes it (a cadre only in their villages, a partner only its own or assigned) or reports on it (a cadre in their
     * villages, a partner only as its assigned carrier).
     */
    private enum Use { READ, CHANGE, REPORT }

    /** A village cadre books and reports only at the posts of their own villages. */
    private Mono<Void> requireVillage(CountyCode county, Caller caller, Node node) {
        if (!caller.cadreOnly()) {
            return Mono.empty();
        }
        return node.village() == null
                ? Mono.error(new AccessDeniedException("A village cadre works at the posts of their own villages, not at " + node.name()))
                : countyAccess.requireVillage(county, node.village().value());
    }

    /** The booking, locked, if the caller reaches it (for a report: a partner only as its assigned carrier). */
    private Mono<Booking> bound(CountyCode county, Caller caller, UUID id, Use use) {
        return bookings.findForUpdate(county, id)
                .switchIfEmpty(Mono.error(new NotFoundException("Booking", id)))
                .flatMap(booking -> requireBound(county, caller, booking, use).thenReturn(booking));
    }

    private Mono<Void> requireBound(CountyCode county, Caller caller, Booking booking, Use use) {
        if (caller.cadreOnly() && use != Use.READ) {
            return booking.village() == null
                    ? Mono.error(new AccessDeniedException("A village cadre works at the posts of their own villages"))
                    : countyAccess.requireVillage(county, booking.village().value());
        }
        if (!caller.partnerOnly()) {
            return Mono.empty();
        }
        return partnerCarrier(county, caller).flatMap(carrier -> {
                    boolean assigned = carrier.isPresent() && carrier.get().equals(booking.carrier());
                    boolean booked = caller.client() != null && caller.client().equals(booking.bookedByPartner());
                    return assigned || (booked && use != Use.REPORT) ? Mono.<Void>empty()
                            : Mono.error(new AccessDeniedException(use == Use.REPORT
                                    ? "Booking " + booking.id() + " is not assigned to carrier " + caller.client()
                                    : "Booking " + booking.id() + " was neither made by nor assigned to " + caller.client()));
                });
    }

    /** The carrier a partner is in this county, if it is one. */
    private Mono<java.util.Optional<UUID>> partnerCarrier(CountyCode county, Caller caller) {
        return (caller.client() == null ? Mono.<Carrier>empty() : carriers.ofClient(county, caller.client()))
                .map(carrier -> java.util.Optional.of(carrier.id())).defaultIfEmpty(java.util.Optional.empty());
    }

    private Mono<BookingView> view(CountyCode county, Booking booking, Caller caller) {
        return slots.find(county, booking.slot()).zipWith(bookings.timeline(county, booking.id()).collectList(),
                (slot, timeline) -> new BookingView(booking, slot, timeline, caller.countyStaff()));
    }
}
