package org.povertyalleviation.supplyplatform.product;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.povertyalleviation.platform.audit.AuditTrail;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.RuleRefusedException;
import org.povertyalleviation.platform.outbox.Outbox;
import org.povertyalleviation.platform.problem.ConflictException;
import org.povertyalleviation.platform.problem.NotFoundException;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.povertyalleviation.supplyplatform.product.domain.Certification;
import org.povertyalleviation.supplyplatform.product.domain.CertificationKind;
import org.povertyalleviation.supplyplatform.product.domain.Inspection;
import org.povertyalleviation.supplyplatform.product.domain.InspectionResult;
import org.povertyalleviation.supplyplatform.product.domain.Listing;
import org.povertyalleviation.supplyplatform.product.domain.Product;
import org.povertyalleviation.supplyplatform.product.messaging.CertificationExpiring;
import org.povertyalleviation.supplyplatform.product.messaging.ProductListingChanged;
import org.povertyalleviation.supplyplatform.product.persistence.ProductRepository;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Whether products are listed for sale: certificates and inspections change it at once, the daily sweep when a
 * certificate's last day has passed (or its first arrives). Each change of a product's listing and its
 * product.listing-changed.v1 commit together, under the product's lock; a certificate's reminders go out 30 and 7 days
 * before it expires, once each.
 */
@Service
public class ProductListings {

    /** A product with its listing's reasons on the day (none when listed). */
    public record ListingView(Product product, List<Listing.Reason> reasons) {
    }

    /** What a county's sweep did. */
    public record Sweep(String county, LocalDate day, int checked, int delisted, int relisted, int reminders) {
    }

    static final int[] REMINDER_DAYS = {30, 7};

    private final ProductRepository products;
    private final TenantTransactions tenantTransactions;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final Clock clock;

    public ProductListings(ProductRepository products, TenantTransactions tenantTransactions, Outbox outbox, AuditTrail audit, Clock clock) {
        this.products = products;
        this.tenantTransactions = tenantTransactions;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    public Mono<Certification> certify(CountyCode county, UUID product, CertificationKind kind, String issuer, String number, String document,
                                       LocalDate validFrom, LocalDate validTo, String recordedBy) {
        Certification certification = new Certification(UUID.randomUUID(), county, product, kind, issuer.strip(), number.strip(), document.strip(),
                validFrom, validTo, recordedBy, clock.instant());
        return tenantTransactions.inCounty(county, () -> require(county, product)
                .flatMap(found -> products.certificationNumberTaken(county, kind, certification.number())
                        .flatMap(taken -> taken ? Mono.error(new ConflictException("certificate-recorded",
                                "A " + kind + " certificate numbered " + certification.number() + " is recorded already", "number")) : Mono.empty())
                        .then(products.insertCertification(certification))
                        .then(audit.write("certification.recorded", "product", product + ":" + certification.id()))
                        .then(relist(found, LocalDate.now(clock), found.listing())))
                .thenReturn(certification));
    }

    public Mono<Inspection> inspect(CountyCode county, UUID product, UUID base, String sample, LocalDate sampledOn, InspectionResult result,
                                    String lab, String report, String recordedBy) {
        if (sampledOn.isAfter(LocalDate.now(clock))) {
            throw RuleRefusedException.violated("sampled-in-future", "An inspection is recorded for a sample taken", "sampledOn");
        }
        Inspection inspection = new Inspection(UUID.randomUUID(), county, product, base, sample.strip(), sampledOn, result, lab.strip(),
                report.strip(), recordedBy, clock.instant());
        return tenantTransactions.inCounty(county, () -> require(county, product)
                .flatMap(found -> (base == null ? Mono.<Void>empty() : products.bases(county, product).collectList()
                                .flatMap(bases -> bases.contains(base) ? Mono.<Void>empty() : Mono.error(RuleRefusedException.violated(
                                        "base-not-of-product", "Base " + base + " is not one the product comes from", "base"))))
                        .then(products.inspections(county, product, 1).next().map(latest -> !latest.sampledOn().isAfter(sampledOn)).defaultIfEmpty(true))
                        .flatMap(latest -> products.insertInspection(inspection)
                                .then(audit.write("inspection.recorded", "product", product + ":" + inspection.id()))
                                // An older sample recorded late does not overrule a later one.
                                .then(latest ? relist(found, LocalDate.now(clock), found.listing().inspected(result)) : Mono.empty())))
                .thenReturn(inspection));
    }

    public Mono<ListingView> listing(CountyCode county, UUID product) {
        LocalDate today = LocalDate.now(clock);
        return tenantTransactions.inCounty(county, () -> products.find(county, product)
                .switchIfEmpty(Mono.error(new NotFoundException("Product", product)))
                .flatMap(found -> products.certifications(county, product).collectList()
                        .map(certifications -> new ListingView(found, found.listing().reasons(today, found.requiredCertification(), certifications)))));
    }

    /**
     * The day's sweep of a county: each product that requires a certificate is listed or not by the certificates valid on
     * the day (each in a transaction of its own), then the reminders due are sent. Tests pass the day; the schedule
     * passes today.
     */
    public Mono<Sweep> sweep(CountyCode county, LocalDate day) {
        return tenantTransactions.inCounty(county, () -> products.requiringCertification(county).collectList())
                .flatMap(ids -> Flux.fromIterable(ids).concatMap(id -> tenantTransactions.inCounty(county, () -> products.findForUpdate(county, id)
                                .flatMap(product -> relist(product, day, product.listing()))
                                .defaultIfEmpty(0)))
                        .collectList()
                        .flatMap(changes -> remind(county, day).map(reminders -> new Sweep(county.value(), day, ids.size(),
                                (int) changes.stream().filter(change -> change < 0).count(),
                                (int) changes.stream().filter(change -> change > 0).count(), reminders))));
    }

    private Mono<Integer> remind(CountyCode county, LocalDate day) {
        return Flux.fromArray(new Integer[] {REMINDER_DAYS[0], REMINDER_DAYS[1]})
                .concatMap(days -> tenantTransactions.inCounty(county, () -> products.expiringWithoutReminder(county, day, days)
                        .concatMap(certification -> products.remind(county, certification.id(), days, day)
                                .flatMap(sent -> sent ? outbox.publish(new CertificationExpiring(county.value(), certification.product().toString(),
                                        certification.id().toString(), certification.kind().name(), certification.number(),
                                        certification.validTo().toString(), days)).thenReturn(1) : Mono.just(0)))
                        .reduce(0, Integer::sum)))
                .reduce(0, Integer::sum);
    }

    /**
     * The product's listing on the day from its certificates and the given inspection state; a change is stored and
     * published. -1 delisted, +1 relisted, 0 unchanged.
     */
    private Mono<Integer> relist(Product product, LocalDate day, Listing withInspection) {
        return products.certifications(product.county(), product.id()).collectList().flatMap(certifications -> {
            Listing now = withInspection.certified(Listing.certifiedOn(day, product.requiredCertification(), certifications));
            if (now.equals(product.listing())) {
                return Mono.just(0);
            }
            Product changed = new Product(product.id(), product.county(), product.organisation(), product.name(), product.category(), product.unit(),
                    product.requiredCertification(), now, now.listed() == product.listing().listed() ? product.listingChangedOn() : day,
                    product.registeredAt());
            Mono<Void> store = products.updateListing(changed);
            if (now.listed() == product.listing().listed()) {
                return store.thenReturn(0);
            }
            return store.then(outbox.publish(event(changed, now.reasons(day, product.requiredCertification(), certifications), day)))
                    .then(audit.write(now.listed() ? "product.listed" : "product.delisted", "product", product.id().toString()))
                    .thenReturn(now.listed() ? 1 : -1);
        });
    }

    static ProductListingChanged event(Product product, List<Listing.Reason> reasons, LocalDate day) {
        return new ProductListingChanged(product.county().value(), product.id().toString(), product.organisation().toString(), product.name(),
                product.category().name(), product.unit().name(), product.listing().listed(), reasons.stream().map(Enum::name).toList(), day.toString());
    }

    private Mono<Product> require(CountyCode county, UUID id) {
        return products.findForUpdate(county, id).switchIfEmpty(Mono.error(new NotFoundException("Product", id)));
    }
}
