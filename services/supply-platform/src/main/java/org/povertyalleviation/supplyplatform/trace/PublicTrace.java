package org.povertyalleviation.supplyplatform.trace;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.povertyalleviation.supplyplatform.organisation.domain.Organisation;
import org.povertyalleviation.supplyplatform.organisation.persistence.OrganisationRepository;
import org.povertyalleviation.supplyplatform.product.domain.Certification;
import org.povertyalleviation.supplyplatform.product.domain.Inspection;
import org.povertyalleviation.supplyplatform.product.domain.Product;
import org.povertyalleviation.supplyplatform.product.persistence.ProductRepository;
import org.povertyalleviation.supplyplatform.trace.domain.CopySuspicion;
import org.povertyalleviation.supplyplatform.trace.domain.Gtin;
import org.povertyalleviation.supplyplatform.trace.domain.Lot;
import org.povertyalleviation.supplyplatform.trace.domain.TraceCodes;
import org.povertyalleviation.supplyplatform.trace.domain.TraceEvent;
import org.povertyalleviation.supplyplatform.trace.persistence.LotRepository;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * What a scanned code shows anyone: the product, where and when it was harvested, by which organisation (households
 * only by a pseudonym), its certificates on that day, its latest inspection, the steps the county made public, and
 * for a pack how often and since when its serial was scanned. A code that is unknown, malformed, of an unpublished
 * lot or not of this lot gets the same {@link UnknownCode}: the answer never tells whether a private lot exists.
 */
@Service
public class PublicTrace {

    /** Whatever the reason, one answer: no such product code. */
    public static class UnknownCode extends RuntimeException {
        UnknownCode() {
            super("No product is known by this code", null, false, false);
        }
    }

    public record PublicCertificate(String kind, String issuer, String number, LocalDate validFrom, LocalDate validTo) {
    }

    public record PublicInspection(LocalDate sampledOn, String result, String lab) {
    }

    /** A public step: why, when, where (and on the map when the recorder gave coordinates). */
    public record PublicStep(String step, Instant time, String place, Double latitude, Double longitude) {
    }

    /** The pack's scans, this one included. */
    public record PublicScan(String serial, int scans, Instant firstScannedAt, boolean suspected) {
    }

    /** {@code county} is the county's code (GB/T 2260, public), by which another service checks that a lot is of a county. */
    public record PublicLot(String code, String product, String category, String unit, String county, String countyName, String brand,
                            List<String> villages, String organisation, String organisationKind, int households, String lotNumber,
                            LocalDate harvestDate, String grade, List<PublicCertificate> certifications, PublicInspection inspection,
                            List<PublicStep> steps, PublicScan scan) {
    }

    /** A published lot's page as last assembled, without a pack's scans: what every scan of the lot shows alike. */
    private record Snapshot(CountyCode county, UUID lot, String gtin, PublicLot page) {
    }

    private final com.github.benmanes.caffeine.cache.Cache<String, Snapshot> pages;
    private final LotRepository lots;
    private final ProductRepository products;
    private final OrganisationRepository organisations;
    private final TenantTransactions tenantTransactions;
    private final TraceProperties properties;
    private final Clock clock;

    public PublicTrace(LotRepository lots, ProductRepository products, OrganisationRepository organisations, TenantTransactions tenantTransactions,
                       TraceProperties properties, Clock clock) {
        this.lots = lots;
        this.products = products;
        this.organisations = organisations;
        this.tenantTransactions = tenantTransactions;
        this.properties = properties;
        this.clock = clock;
        // A pack's page is read far more often than its lot changes: each replica keeps the lot's part for a while
        // (bounded), and counts the scan in the database every time.
        this.pages = com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(10_000)
                .expireAfterWrite(properties.pageCache()).build();
    }

    /** Forgets the lot's page in this replica (published, withdrawn, its steps changed); other replicas follow within the cache's time. */
    public void forget(String lotCode) {
        pages.invalidate(lotCode);
    }

    /**
     * The public view of a lot's code, or of a pack's serial under it (the scan is counted, and a serial scanned from
     * too many places or too often is raised as a possible copy).
     *
     * @param gtin          the GTIN of a Digital Link address, which must be the product's; null for the short path
     * @param clientAddress the scanning phone's address, of which only the network is kept
     */
    public Mono<PublicLot> view(String code, String serial, String gtin, String clientAddress) {
        Optional<String> lotCode = TraceCodes.normalise(code, TraceCodes.LOT_LENGTH);
        Optional<String> serialCode = serial == null ? Optional.empty() : TraceCodes.normalise(serial, TraceCodes.SERIAL_LENGTH);
        String gtin14 = gtin == null ? null : Gtin.normalise(gtin);
        if (lotCode.isEmpty() || (serial != null && serialCode.isEmpty()) || (gtin != null && gtin14 == null)) {
            return Mono.error(new UnknownCode());
        }
        Snapshot cached = properties.pageCache().isZero() ? null : pages.getIfPresent(lotCode.get());
        if (cached != null) {
            if (gtin14 != null && !gtin14.equals(cached.gtin())) {
                return Mono.error(new UnknownCode());
            }
            if (serialCode.isEmpty()) {
                return Mono.just(cached.page());
            }
            return packUnder(serialCode.get(), cached.county(), cached.lot())
                    .switchIfEmpty(Mono.error(new UnknownCode()))
                    .flatMap(pack -> tenantTransactions.inCounty(cached.county(), () -> count(cached.county(), cached.lot(), serialCode.get(), clientAddress)))
                    .map(scan -> withScan(cached.page(), scan));
        }
        return lots.target(lotCode.get()).filter(target -> !target.serial())
                .flatMap(target -> serialCode.isEmpty() ? Mono.just(target)
                        : packUnder(serialCode.get(), target.county(), target.lot()).map(pack -> target))
                .switchIfEmpty(Mono.error(new UnknownCode()))
                .flatMap(target -> tenantTransactions.inCounty(target.county(), () -> lots.find(target.county(), target.lot())
                        .filter(Lot::published)
                        .flatMap(lot -> products.find(target.county(), lot.product())
                                .flatMap(product -> lots.gtin(target.county(), product.id())
                                        .filter(productGtin -> gtin14 == null || gtin14.equals(productGtin.orElse(null)))
                                        .flatMap(productGtin -> assemble(target.county(), lot, product)
                                                .doOnNext(page -> pages.put(lot.code(), new Snapshot(target.county(), lot.id(), productGtin.orElse(null), page)))
                                                .flatMap(page -> serialCode.isEmpty() ? Mono.just(page)
                                                        : count(target.county(), lot.id(), serialCode.get(), clientAddress).map(scan -> withScan(page, scan))))))
                        .switchIfEmpty(Mono.error(new UnknownCode()))));
    }

    /** The serial's code when it is a pack of this lot; empty otherwise (another lot's, a lot's code, unknown). */
    private Mono<LotRepository.CodeTarget> packUnder(String serial, CountyCode county, UUID lot) {
        return lots.target(serial).filter(pack -> pack.serial() && pack.lot().equals(lot) && pack.county().equals(county));
    }

    private static PublicLot withScan(PublicLot page, PublicScan scan) {
        return new PublicLot(page.code(), page.product(), page.category(), page.unit(), page.county(), page.countyName(), page.brand(),
                page.villages(), page.organisation(), page.organisationKind(), page.households(), page.lotNumber(), page.harvestDate(), page.grade(),
                page.certifications(), page.inspection(), page.steps(), scan);
    }

    private Mono<PublicLot> assemble(CountyCode county, Lot lot, Product product) {
        return lots.lineage(county, lot.id()).collectList().flatMap(lineage -> Mono.zip(
                        lots.countyName(county).defaultIfEmpty(county.value()),
                        lots.villageNames(county, lineage).collectList(),
                        organisations.find(county, lot.organisation()),
                        lots.households(county, lot.id()).count(),
                        products.certifications(county, product.id()).collectList(),
                        products.inspections(county, product.id(), 1).next().map(Optional::of).defaultIfEmpty(Optional.empty()),
                        lots.events(county, lineage, 500).filter(event -> lot.publicSteps().contains(event.step())).map(PublicTrace::step).collectList()))
                .map(parts -> {
                    Organisation organisation = parts.getT3();
                    List<PublicCertificate> certifications = parts.getT5().stream()
                            .filter(c -> !c.validFrom().isAfter(lot.harvestDate()) && !c.validTo().isBefore(lot.harvestDate()))
                            .map(PublicTrace::certificate).toList();
                    PublicInspection inspection = parts.getT6().map(PublicTrace::inspection).orElse(null);
                    return new PublicLot(lot.code(), product.name(), product.category().name(), product.unit().name(), county.value(), parts.getT1(),
                            properties.brands().get(county.value()), parts.getT2(), organisation.name(), organisation.kind().name(),
                            parts.getT4().intValue(), lot.lotNumber(), lot.harvestDate(), lot.grade(), certifications, inspection, parts.getT7(), null);
                });
    }

    /** Counts the scan and raises a suspicion the first time a threshold is crossed (the statements beyond the count run only then). */
    private Mono<PublicScan> count(CountyCode county, UUID lot, String serial, String clientAddress) {
        Instant now = clock.instant();
        return lots.countScan(county, serial, ScanPlace.of(clientAddress), now).flatMap(scans -> {
            List<CopySuspicion.Reason> reasons = new java.util.ArrayList<>();
            if (scans.places() >= properties.suspicionPlaces()) {
                reasons.add(CopySuspicion.Reason.MANY_PLACES);
            }
            if (scans.scans() >= properties.suspicionScans()) {
                reasons.add(CopySuspicion.Reason.MANY_SCANS);
            }
            if (reasons.isEmpty()) {
                return Mono.just(new PublicScan(serial, scans.scans(), scans.firstScannedAt(), scans.suspected()));
            }
            return reactor.core.publisher.Flux.fromIterable(reasons)
                    .concatMap(reason -> lots.raise(county, new CopySuspicion(serial, lot, reason, scans.scans(), scans.places(), now)))
                    .then(Mono.just(new PublicScan(serial, scans.scans(), scans.firstScannedAt(), true)));
        });
    }

    private static PublicStep step(TraceEvent event) {
        return new PublicStep(event.step().name(), event.eventTime(), event.readPoint(),
                event.latitudeMicro() == null ? null : event.latitudeMicro() / 1_000_000.0,
                event.longitudeMicro() == null ? null : event.longitudeMicro() / 1_000_000.0);
    }

    private static PublicCertificate certificate(Certification c) {
        return new PublicCertificate(c.kind().name(), c.issuer(), c.number(), c.validFrom(), c.validTo());
    }

    private static PublicInspection inspection(Inspection i) {
        return new PublicInspection(i.sampledOn(), i.result().name(), i.lab());
    }
}
