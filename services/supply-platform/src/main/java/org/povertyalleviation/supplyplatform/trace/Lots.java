package org.povertyalleviation.supplyplatform.trace;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.povertyalleviation.platform.audit.AuditTrail;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.RuleRefusedException;
import org.povertyalleviation.platform.households.KnownHouseholds;
import org.povertyalleviation.platform.problem.ConflictException;
import org.povertyalleviation.platform.problem.NotFoundException;
import org.povertyalleviation.platform.problem.RuleViolatedException;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.povertyalleviation.supplyplatform.product.Products;
import org.povertyalleviation.supplyplatform.product.domain.Listing;
import org.povertyalleviation.supplyplatform.product.domain.Product;
import org.povertyalleviation.supplyplatform.product.persistence.ProductRepository;
import org.povertyalleviation.supplyplatform.trace.domain.BusinessStep;
import org.povertyalleviation.supplyplatform.trace.domain.Gtin;
import org.povertyalleviation.supplyplatform.trace.domain.Lot;
import org.povertyalleviation.supplyplatform.trace.domain.LotPart;
import org.povertyalleviation.supplyplatform.trace.domain.PrintRun;
import org.povertyalleviation.supplyplatform.trace.domain.TraceCodes;
import org.povertyalleviation.supplyplatform.trace.domain.TraceEvent;
import org.povertyalleviation.supplyplatform.trace.persistence.LotRepository;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Lots of a product, how they are split and merged, what happened to them (trace events), which of that their public
 * page shows, and the pack labels printed for them.
 */
@Service
public class Lots {

    /** A lot with what it was made of, what was taken from it, and its supplying households. */
    public record LotView(Lot lot, List<LotPart> parents, List<LotPart> children, long remainingMilli, List<UUID> households, String gtin) {
    }

    /** A part of a lot for a split's child or a merge. */
    public record Part(UUID lot, long quantityMilli) {
    }

    /** A child of a split: its own batch number, quantity and, if it differs from the parent's, grade. */
    public record Child(String lotNumber, long quantityMilli, String grade) {
    }

    /** The recorded event, and whether this request recorded it (false: a resend of an event recorded before). */
    public record Recorded(TraceEvent event, boolean created) {
    }

    private final LotRepository lots;
    private final PublicTrace publicTrace;
    private final Products products;
    private final ProductRepository productRecords;
    private final KnownHouseholds households;
    private final TenantTransactions tenantTransactions;
    private final AuditTrail audit;
    private final Clock clock;

    public Lots(LotRepository lots, PublicTrace publicTrace, Products products, ProductRepository productRecords, KnownHouseholds households,
                TenantTransactions tenantTransactions, AuditTrail audit, Clock clock) {
        this.lots = lots;
        this.publicTrace = publicTrace;
        this.products = products;
        this.productRecords = productRecords;
        this.households = households;
        this.tenantTransactions = tenantTransactions;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Records a lot harvested from one of the product's bases. A suspended product (a failed inspection not yet lifted)
     * makes no lot, nor does one whose required certificate was not valid on the harvest date: the lot's code would
     * vouch for what the county cannot.
     */
    public Mono<LotView> create(CountyCode county, UUID product, UUID base, String lotNumber, long quantityMilli, LocalDate harvestDate,
                                String grade, List<UUID> suppliers, String caller) {
        if (harvestDate.isAfter(LocalDate.now(clock))) {
            throw RuleRefusedException.violated("harvest-in-future", "A lot is recorded once harvested; " + harvestDate + " is still to come",
                    "harvestDate");
        }
        List<UUID> distinct = List.copyOf(new LinkedHashSet<>(suppliers));
        return tenantTransactions.inCounty(county, () -> products.requireNamed(county, product, "product")
                .flatMap(found -> requireLotsMayBeMade(county, found, harvestDate)
                        .then(productRecords.bases(county, product).collectList())
                        .flatMap(bases -> bases.contains(base) ? Mono.just(found) : Mono.error(RuleRefusedException.violated("unknown-base",
                                "Base " + base + " is not one the product comes from", "base"))))
                .flatMap(found -> Flux.range(0, distinct.size())
                        .concatMap(i -> households.require(county.value(), distinct.get(i), "households[" + i + "]"))
                        .then(Mono.fromSupplier(() -> new Lot(UUID.randomUUID(), county, product, found.organisation(), base, TraceCodes.lotCode(),
                                lotNumber.strip(), quantityMilli, harvestDate, grade.strip(), Set.of(), false, caller, clock.instant()))))
                .flatMap(lot -> lots.insert(lot)
                        .then(lots.addHouseholds(county, lot.id(), distinct))
                        .then(audit.write("lot.created", "lot", lot.id().toString()))
                        .thenReturn(new LotView(lot, List.of(), List.of(), quantityMilli, distinct, null)))
                .flatMap(view -> withGtin(county, view)));
    }

    public Mono<LotView> find(CountyCode county, UUID id) {
        return tenantTransactions.inCounty(county, () -> require(county, id).flatMap(lot -> view(county, lot)));
    }

    public Mono<List<Lot>> ofProduct(CountyCode county, UUID product, int limit) {
        return tenantTransactions.inCounty(county, () -> products.requireNamed(county, product, "product").onErrorMap(RuleRefusedException.class,
                        e -> new NotFoundException("Product", product))
                .then(lots.ofProduct(county, product, limit).collectList()));
    }

    /**
     * Splits part of a lot into children (packing into smaller lots, or grading): together they never take more than
     * what is left of it. The children keep the parent's product, base, harvest and households.
     */
    public Mono<List<LotView>> split(CountyCode county, UUID parentId, List<Child> children, String caller) {
        return tenantTransactions.inCounty(county, () -> lockOrNotFound(county, parentId)
                .flatMap(parent -> lots.taken(county, parentId).flatMap(taken -> {
                    long wanted = 0;
                    for (Child child : children) {
                        wanted = Math.addExact(wanted, child.quantityMilli());
                    }
                    long left = parent.quantityMilli() - taken;
                    if (wanted > left) {
                        return Mono.error(new RuleViolatedException("quantity-exceeds-lot", "The children take " + wanted
                                + " thousandths; lot " + parent.lotNumber() + " has " + left + " left", "children",
                                Map.of("remainingMilli", left, "requestedMilli", wanted)));
                    }
                    return lots.households(county, parentId).collectList().flatMap(suppliers -> Flux.fromIterable(children)
                            .concatMap(child -> {
                                Lot lot = new Lot(UUID.randomUUID(), county, parent.product(), parent.organisation(), parent.base(),
                                        TraceCodes.lotCode(), child.lotNumber().strip(), child.quantityMilli(), parent.harvestDate(),
                                        child.grade() == null || child.grade().isBlank() ? parent.grade() : child.grade().strip(),
                                        parent.publicSteps(), parent.published(), caller, clock.instant());
                                LotPart part = new LotPart(parent.id(), lot.id(), child.quantityMilli());
                                return lots.insert(lot).then(lots.addPart(county, part)).then(lots.addHouseholds(county, lot.id(), suppliers))
                                        .thenReturn(new LotView(lot, List.of(part), List.of(), lot.quantityMilli(), suppliers, null))
                                        .flatMap(view -> withGtin(county, view));
                            })
                            .collectList());
                }))
                .flatMap(made -> audit.write("lot.split", "lot", parentId.toString()).thenReturn(made)));
    }

    /**
     * Merges parts of lots of one product into a new lot (a mixed pack): each part no more than what is left of its
     * lot. The new lot's harvest date is the earliest of its parts', its base theirs if they share one, its households
     * all of theirs.
     */
    public Mono<LotView> merge(CountyCode county, String lotNumber, String grade, List<Part> parts, String caller) {
        Set<UUID> seen = new java.util.HashSet<>();
        for (int i = 0; i < parts.size(); i++) {
            if (!seen.add(parts.get(i).lot())) {
                throw RuleRefusedException.violated("lot-named-twice", "Lot " + parts.get(i).lot() + " is named twice", "parts[" + i + "].lot");
            }
        }
        // Locked in one order, so two merges of the same lots wait for each other instead of deadlocking.
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing(i -> parts.get(i).lot()));
        return tenantTransactions.inCounty(county, () -> Flux.fromIterable(order)
                .concatMap(index -> lots.findForUpdate(county, parts.get(index).lot())
                        .switchIfEmpty(Mono.error(RuleRefusedException.violated("unknown-lot", "County " + county + " has no lot " + parts.get(index).lot(),
                                "parts[" + index + "].lot")))
                        .flatMap(lot -> lots.taken(county, lot.id()).flatMap(taken -> parts.get(index).quantityMilli() > lot.quantityMilli() - taken
                                ? Mono.error(new RuleViolatedException("quantity-exceeds-lot", "Lot " + lot.lotNumber() + " has "
                                        + (lot.quantityMilli() - taken) + " thousandths left", "parts[" + index + "].quantity",
                                        Map.of("remainingMilli", lot.quantityMilli() - taken, "requestedMilli", parts.get(index).quantityMilli())))
                                : Mono.just(lot))))
                .collectList()
                .flatMap(sources -> {
                    Lot first = sources.get(0);
                    if (sources.stream().anyMatch(lot -> !lot.product().equals(first.product()))) {
                        return Mono.error(RuleRefusedException.violated("mixed-products", "A merged lot is of one product; these lots are of several",
                                "parts"));
                    }
                    long total = parts.stream().mapToLong(Part::quantityMilli).reduce(0L, Math::addExact);
                    UUID base = sources.stream().map(Lot::base).distinct().count() == 1 ? first.base() : null;
                    LocalDate harvest = sources.stream().map(Lot::harvestDate).min(Comparator.naturalOrder()).orElseThrow();
                    Set<BusinessStep> steps = EnumSet.noneOf(BusinessStep.class);
                    sources.forEach(lot -> steps.addAll(lot.publicSteps()));
                    Lot merged = new Lot(UUID.randomUUID(), county, first.product(), first.organisation(), base, TraceCodes.lotCode(), lotNumber.strip(),
                            total, harvest, grade.strip(), steps, false, caller, clock.instant());
                    List<LotPart> made = parts.stream().map(part -> new LotPart(part.lot(), merged.id(), part.quantityMilli())).toList();
                    return lots.insert(merged)
                            .thenMany(Flux.fromIterable(made).concatMap(part -> lots.addPart(county, part)))
                            .thenMany(Flux.fromIterable(parts).concatMap(part -> lots.households(county, part.lot())))
                            .collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new))
                            .flatMap(suppliers -> lots.addHouseholds(county, merged.id(), List.copyOf(suppliers))
                                    .then(audit.write("lot.merged", "lot", merged.id().toString()))
                                    .thenReturn(new LotView(merged, made, List.of(), total, List.copyOf(suppliers), null))
                                    .flatMap(view -> withGtin(county, view)));
                }));
    }

    /** Publishes the lot's page (or withdraws it) with the business steps it shows. */
    public Mono<LotView> publish(CountyCode county, UUID id, boolean published, Set<BusinessStep> steps) {
        return tenantTransactions.inCounty(county, () -> lockOrNotFound(county, id)
                .map(lot -> lot.withPublication(published, steps))
                .flatMap(lot -> lots.updatePublication(lot)
                        .then(audit.write(published ? "lot.published" : "lot.withdrawn", "lot", id.toString()))
                        .then(view(county, lot))))
                .doOnSuccess(view -> publicTrace.forget(view.lot().code()));
    }

    /**
     * Records an event on the lot. The recorder's event id makes it idempotent: a resend with the same content answers
     * the event recorded first; the same id with other content is a 409 (two events under one id).
     */
    public Mono<Recorded> record(CountyCode county, UUID lot, String eventId, BusinessStep step, Instant eventTime, String readPoint,
                                 Integer latitudeMicro, Integer longitudeMicro, Long quantityMilli, String note, String caller) {
        if (eventTime.isAfter(clock.instant().plusSeconds(300))) {
            throw RuleRefusedException.violated("event-in-future", "An event is recorded once it happened; " + eventTime + " is still to come",
                    "eventTime");
        }
        TraceEvent event = new TraceEvent(UUID.randomUUID(), lot, eventId.strip(), step, eventTime, readPoint.strip(), latitudeMicro, longitudeMicro,
                quantityMilli, note == null || note.isBlank() ? null : note.strip(), caller, clock.instant());
        return tenantTransactions.inCounty(county, () -> require(county, lot)
                // A public step may be new to the lot's page: this replica shows it at once, others within their cache time.
                .doOnNext(found -> publicTrace.forget(found.code()))
                .then(lots.insertEvent(county, event))
                .flatMap(created -> created
                        ? audit.write("trace-event.recorded", "lot", lot + ":" + event.eventId()).thenReturn(new Recorded(event, true))
                        : lots.eventById(county, event.eventId()).flatMap(earlier -> earlier.sameAs(event) ? Mono.just(new Recorded(earlier, false))
                                : Mono.error(new ConflictException("event-id-reused", "Event " + event.eventId()
                                        + " was recorded before with other content", "eventId")))));
    }

    /** The lot's events and those of the lots it was made of, oldest first. */
    public Mono<List<TraceEvent>> events(CountyCode county, UUID lot, int limit) {
        return tenantTransactions.inCounty(county, () -> require(county, lot)
                .then(lots.lineage(county, lot).collectList())
                .flatMap(lineage -> lots.events(county, lineage, limit).collectList()));
    }

    /** Prints a run of pack labels: one new serial each. */
    public Mono<PrintRun> print(CountyCode county, UUID lot, int labels, String caller) {
        PrintRun run = new PrintRun(UUID.randomUUID(), lot, labels, caller, clock.instant());
        List<String> serials = new ArrayList<>(labels);
        Set<String> unique = new java.util.HashSet<>();
        while (serials.size() < labels) {
            String serial = TraceCodes.serial();
            if (unique.add(serial)) {
                serials.add(serial);
            }
        }
        return tenantTransactions.inCounty(county, () -> require(county, lot)
                .then(lots.insertPrintRun(county, run, serials))
                .then(audit.write("labels.printed", "lot", lot + ":" + run.id()))
                .thenReturn(run));
    }

    public Mono<List<PrintRun>> printRuns(CountyCode county, UUID lot) {
        return tenantTransactions.inCounty(county, () -> require(county, lot).then(lots.printRuns(county, lot).collectList()));
    }

    /** A print run's serials in label order, with the lot they belong to, for its label sheet. */
    public Mono<LabelRun> labels(CountyCode county, UUID lot, UUID run) {
        return tenantTransactions.inCounty(county, () -> require(county, lot)
                .flatMap(found -> lots.printRun(county, lot, run).switchIfEmpty(Mono.error(new NotFoundException("Print run", run)))
                        .flatMap(printRun -> lots.gtin(county, found.product())
                                .flatMap(gtin -> lots.serials(county, run).collectList()
                                        .flatMap(serials -> audit.write("labels.downloaded", "lot", lot + ":" + run)
                                                .thenReturn(new LabelRun(found, printRun, gtin.orElse(null), serials)))))));
    }

    /** A print run's labels: the lot, the product's GTIN if it has one, and the serials. */
    public record LabelRun(Lot lot, PrintRun run, String gtin, List<String> serials) {
    }

    /** The lot's own code with its product's GTIN, for its QR code. */
    public Mono<LabelRun> code(CountyCode county, UUID lot) {
        return tenantTransactions.inCounty(county, () -> require(county, lot)
                .flatMap(found -> lots.gtin(county, found.product())
                        .map(gtin -> new LabelRun(found, null, gtin.orElse(null), List.of()))));
    }

    /** Gives the product its GTIN (its codes then use GS1 Digital Link's /01/…/10/…/21/… form); 422 if it is not one. */
    public Mono<String> setGtin(CountyCode county, UUID product, String gtin) {
        String normalised = Gtin.normalise(gtin);
        if (normalised == null) {
            throw RuleRefusedException.violated("invalid-gtin", "Not a GTIN: 8, 12, 13 or 14 digits whose last is the GS1 check digit", "gtin");
        }
        return tenantTransactions.inCounty(county, () -> products.requireNamed(county, product, "product")
                .onErrorMap(RuleRefusedException.class, e -> new NotFoundException("Product", product))
                .then(lots.setGtin(county, product, normalised))
                .then(audit.write("product.gtin-set", "product", product.toString()))
                .thenReturn(normalised));
    }

    public Mono<List<org.povertyalleviation.supplyplatform.trace.domain.CopySuspicion>> suspicions(CountyCode county, int limit) {
        return tenantTransactions.inCounty(county, () -> lots.suspicions(county, limit).collectList());
    }

    private Mono<Void> requireLotsMayBeMade(CountyCode county, Product product, LocalDate harvestDate) {
        if (product.listing().inspectionFailed()) {
            return Mono.error(RuleRefusedException.violated("product-suspended",
                    "Product " + product.name() + " is suspended after a failed inspection: no lot is made of it until a passing one", "product"));
        }
        if (product.requiredCertification() == null) {
            return Mono.empty();
        }
        return productRecords.certifications(county, product.id()).collectList()
                .flatMap(certifications -> Listing.certifiedOn(harvestDate, product.requiredCertification(), certifications) ? Mono.<Void>empty()
                        : Mono.error(RuleRefusedException.violated("certification-not-valid-on-harvest-date", "Product " + product.name()
                                + " requires a " + product.requiredCertification() + " certificate, and none was valid on " + harvestDate,
                                "harvestDate")));
    }

    private Mono<LotView> view(CountyCode county, Lot lot) {
        return lots.parts(county, lot.id()).collectList().zipWith(lots.households(county, lot.id()).collectList())
                .map(partsAndHouseholds -> {
                    List<LotPart> parents = partsAndHouseholds.getT1().stream().filter(part -> part.child().equals(lot.id())).toList();
                    List<LotPart> children = partsAndHouseholds.getT1().stream().filter(part -> part.parent().equals(lot.id())).toList();
                    long taken = children.stream().mapToLong(LotPart::quantityMilli).sum();
                    return new LotView(lot, parents, children, lot.quantityMilli() - taken, partsAndHouseholds.getT2(), null);
                })
                .flatMap(view -> withGtin(county, view));
    }

    private Mono<LotView> withGtin(CountyCode county, LotView view) {
        return lots.gtin(county, view.lot().product())
                .map(gtin -> new LotView(view.lot(), view.parents(), view.children(), view.remainingMilli(), view.households(), gtin.orElse(null)));
    }

    private Mono<Lot> require(CountyCode county, UUID id) {
        return lots.find(county, id).switchIfEmpty(Mono.error(new NotFoundException("Lot", id)));
    }

    private Mono<Lot> lockOrNotFound(CountyCode county, UUID id) {
        return lots.findForUpdate(county, id).switchIfEmpty(Mono.error(new NotFoundException("Lot", id)));
    }
}
