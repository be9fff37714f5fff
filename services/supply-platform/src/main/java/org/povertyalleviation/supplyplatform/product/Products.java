package org.povertyalleviation.supplyplatform.product;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.povertyalleviation.platform.audit.AuditTrail;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.RuleRefusedException;
import org.povertyalleviation.platform.problem.NotFoundException;
import org.povertyalleviation.platform.outbox.Outbox;
import org.povertyalleviation.platform.problem.RuleViolatedException;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.povertyalleviation.supplyplatform.organisation.Organisations;
import org.povertyalleviation.supplyplatform.product.domain.Certification;
import org.povertyalleviation.supplyplatform.product.domain.CertificationKind;
import org.povertyalleviation.supplyplatform.product.domain.Inspection;
import org.povertyalleviation.supplyplatform.product.domain.Listing;
import org.povertyalleviation.supplyplatform.product.domain.Product;
import org.povertyalleviation.supplyplatform.product.domain.ProductCategory;
import org.povertyalleviation.supplyplatform.product.domain.ProductUnit;
import org.povertyalleviation.supplyplatform.product.domain.ReferencePrice;
import org.povertyalleviation.supplyplatform.product.domain.SupplyBase;
import org.povertyalleviation.supplyplatform.product.persistence.ProductRepository;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Products, the supply bases they come from, their market reference prices and what is recorded of their quality. */
@Service
public class Products {

    private final ProductRepository products;
    private final Organisations organisations;
    private final TenantTransactions tenantTransactions;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final Clock clock;

    public Products(ProductRepository products, Organisations organisations, TenantTransactions tenantTransactions, Outbox outbox, AuditTrail audit,
                    Clock clock) {
        this.products = products;
        this.organisations = organisations;
        this.tenantTransactions = tenantTransactions;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Registers the product with the bases it comes from; one that requires a certification is not listed until a valid
     * certificate is recorded. Its first listing is published (product.listing-changed.v1), so partners' catalogues see it.
     */
    public Mono<Product> register(CountyCode county, UUID organisation, String name, ProductCategory category, ProductUnit unit,
                                  CertificationKind requiredCertification, List<UUID> bases) {
        LocalDate today = LocalDate.now(clock);
        Listing listing = new Listing(requiredCertification == null, false);
        Product product = new Product(UUID.randomUUID(), county, organisation, name.strip(), category, unit, requiredCertification, listing,
                today, clock.instant());
        List<Listing.Reason> reasons = listing.reasons(today, requiredCertification, List.of());
        return tenantTransactions.inCounty(county, () -> organisations.requireNamed(county, organisation, "organisation")
                .thenMany(Flux.range(0, bases.size()).concatMap(i -> products.findBase(county, bases.get(i))
                        .filter(base -> base.organisation().equals(organisation))
                        .switchIfEmpty(Mono.error(RuleRefusedException.violated("unknown-base", "Base " + bases.get(i)
                                + " is not one of the organisation's", "bases[" + i + "]")))))
                .then(products.insert(product))
                .thenMany(Flux.fromIterable(bases).concatMap(base -> products.linkBase(county, product.id(), base)))
                .then(outbox.publish(ProductListings.event(product, reasons, today)))
                .then(audit.write("product.registered", "product", product.id().toString()))
                .thenReturn(product));
    }

    public Mono<SupplyBase> registerBase(CountyCode county, UUID organisation, String village, long areaCentimu, String crop) {
        SupplyBase base = new SupplyBase(UUID.randomUUID(), county, organisation, village, areaCentimu, crop.strip(), clock.instant());
        return tenantTransactions.inCounty(county, () -> organisations.require(county, organisation)
                .then(organisations.requireVillage(county, village))
                .then(products.insertBase(base))
                .then(audit.write("supply-base.registered", "organisation", organisation + ":" + base.id()))
                .thenReturn(base));
    }

    public Mono<List<SupplyBase>> bases(CountyCode county, UUID organisation) {
        return tenantTransactions.inCounty(county, () -> organisations.require(county, organisation)
                .then(products.basesOf(county, organisation).collectList()));
    }

    public Mono<List<Certification>> certifications(CountyCode county, UUID product) {
        return tenantTransactions.inCounty(county, () -> require(county, product).then(products.certifications(county, product).collectList()));
    }

    public Mono<List<Inspection>> inspections(CountyCode county, UUID product, int limit) {
        return tenantTransactions.inCounty(county, () -> require(county, product).then(products.inspections(county, product, limit).collectList()));
    }

    /** Certificates that expire within the days (the county's warning list), soonest first. */
    public Mono<List<Certification>> expiring(CountyCode county, int days) {
        return tenantTransactions.inCounty(county, () -> products.expiring(county, LocalDate.now(clock), days).collectList());
    }

    public Mono<Product> find(CountyCode county, UUID id) {
        return tenantTransactions.inCounty(county, () -> require(county, id));
    }

    public Mono<List<Product>> list(CountyCode county, UUID organisation, int limit) {
        return tenantTransactions.inCounty(county, () -> products.list(county, organisation, limit).collectList());
    }

    /** Sets (or replaces) the month's reference price; a partner's feed is recorded as its source. */
    public Mono<ReferencePrice> setReferencePrice(CountyCode county, UUID product, YearMonth month, long priceFen, boolean byPartner, String caller) {
        ReferencePrice price = new ReferencePrice(month, priceFen, byPartner ? "PARTNER:" + caller : "COUNTY", caller);
        return tenantTransactions.inCounty(county, () -> require(county, product)
                .then(products.setReferencePrice(county, product, price, clock.instant()))
                .then(audit.write("product.reference-price-set", "product", product + ":" + month))
                .thenReturn(price));
    }

    public Mono<List<ReferencePrice>> referencePrices(CountyCode county, UUID product) {
        return tenantTransactions.inCounty(county, () -> require(county, product).then(products.referencePrices(county, product).collectList()));
    }

    /** The month's reference price of a product if the county set one, inside the caller's county transaction. */
    public Mono<ReferencePrice> referencePrice(CountyCode county, UUID product, YearMonth month) {
        return products.referencePrice(county, product, month);
    }

    /**
     * The month's reference price of a product, inside the caller's county transaction; a 422 naming the field when
     * the county has not set one (an order's price cannot be held against nothing).
     */
    public Mono<ReferencePrice> requireReferencePrice(CountyCode county, UUID product, YearMonth month, String field) {
        return products.referencePrice(county, product, month).switchIfEmpty(Mono.error(RuleRefusedException.violated("no-reference-price",
                "Product " + product + " has no market reference price for " + month + ": set it first", field)));
    }

    /** The product named in a request's field, inside the caller's county transaction, or a 422 naming the field. */
    public Mono<Product> requireNamed(CountyCode county, UUID id, String field) {
        return products.find(county, id).switchIfEmpty(Mono.error(RuleRefusedException.violated("unknown-product",
                "County " + county + " has no product " + id, field)));
    }

    /** As requireNamed, and listed for sale (a required certificate valid, no failed inspection): no new order otherwise. */
    public Mono<Product> requireListed(CountyCode county, UUID id, String field) {
        return requireNamed(county, id, field).flatMap(product -> product.listing().listed() ? Mono.just(product)
                : products.certifications(county, id).collectList().flatMap(certifications -> Mono.error(new RuleViolatedException(
                        "product-not-listed", "Product " + id + " is not listed for sale; no new order is agreed for it", field,
                        Map.of("reasons", product.listing().reasons(LocalDate.now(clock), product.requiredCertification(), certifications)
                                .stream().map(Enum::name).toList())))));
    }

    private Mono<Product> require(CountyCode county, UUID id) {
        return products.find(county, id).switchIfEmpty(Mono.error(new NotFoundException("Product", id)));
    }
}
