package org.povertyalleviation.supplyplatform.product;

import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import org.povertyalleviation.platform.audit.AuditTrail;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.RuleRefusedException;
import org.povertyalleviation.platform.problem.NotFoundException;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.povertyalleviation.supplyplatform.organisation.Organisations;
import org.povertyalleviation.supplyplatform.product.domain.Product;
import org.povertyalleviation.supplyplatform.product.domain.ProductCategory;
import org.povertyalleviation.supplyplatform.product.domain.ProductUnit;
import org.povertyalleviation.supplyplatform.product.domain.ReferencePrice;
import org.povertyalleviation.supplyplatform.product.persistence.ProductRepository;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Products and their market reference prices. */
@Service
public class Products {

    private final ProductRepository products;
    private final Organisations organisations;
    private final TenantTransactions tenantTransactions;
    private final AuditTrail audit;
    private final Clock clock;

    public Products(ProductRepository products, Organisations organisations, TenantTransactions tenantTransactions, AuditTrail audit, Clock clock) {
        this.products = products;
        this.organisations = organisations;
        this.tenantTransactions = tenantTransactions;
        this.audit = audit;
        this.clock = clock;
    }

    public Mono<Product> register(CountyCode county, UUID organisation, String name, ProductCategory category, ProductUnit unit) {
        Product product = new Product(UUID.randomUUID(), county, organisation, name.strip(), category, unit, clock.instant());
        return tenantTransactions.inCounty(county, () -> organisations.requireNamed(county, organisation, "organisation")
                .then(products.insert(product))
                .then(audit.write("product.registered", "product", product.id().toString()))
                .thenReturn(product));
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

    private Mono<Product> require(CountyCode county, UUID id) {
        return products.find(county, id).switchIfEmpty(Mono.error(new NotFoundException("Product", id)));
    }
}
