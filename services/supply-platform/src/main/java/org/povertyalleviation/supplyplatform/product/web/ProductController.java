package org.povertyalleviation.supplyplatform.product.web;

import java.net.URI;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.povertyalleviation.platform.access.AccessRule;
import org.povertyalleviation.platform.counties.CountyGate;
import org.povertyalleviation.platform.problem.InvalidRequestException;
import org.povertyalleviation.platform.problem.PageLimit;
import org.povertyalleviation.platform.problem.RequestIds;
import org.povertyalleviation.platform.security.CountyAccess;
import org.povertyalleviation.supplyplatform.product.Products;
import org.povertyalleviation.supplyplatform.product.domain.Product;
import org.povertyalleviation.supplyplatform.product.domain.ProductCategory;
import org.povertyalleviation.supplyplatform.product.domain.ProductUnit;
import org.povertyalleviation.supplyplatform.product.domain.ReferencePrice;
import org.povertyalleviation.supplyplatform.web.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Products an organisation offers and their monthly market reference prices (the county's or a partner feed's). */
@RestController
class ProductController {

    record RegisterProductRequest(
            @Schema(description = "The organisation that offers it", example = "e2a9c6f1-4b7d-4e3a-9c58-1f0d8b6e2a73")
            @NotNull UUID organisation,
            @Schema(description = "The product's name", example = "文县大红袍花椒")
            @NotBlank @Size(max = Product.MAX_NAME) String name,
            @Schema(description = "The speciality it is", example = "SICHUAN_PEPPER")
            @NotNull ProductCategory category,
            @Schema(description = "The unit it is priced and delivered in", example = "KG")
            @NotNull ProductUnit unit) {
    }

    record ReferencePriceRequest(
            @Schema(description = "The market price per unit in fen (1 yuan = 100 fen)", example = "8000")
            @NotNull @Positive @Max(ReferencePrice.MAX_PRICE_FEN) Long priceFen) {
    }

    record ProductResponse(UUID id, String county, UUID organisation, String name, String category, String unit, Instant registeredAt) {
    }

    record ReferencePriceResponse(String month, long priceFen, String source, String setBy) {
    }

    private final CountyGate gate;
    private final CountyAccess access;
    private final Products products;

    ProductController(CountyGate gate, CountyAccess access, Products products) {
        this.gate = gate;
        this.access = access;
        this.products = products;
    }

    @PostMapping("/counties/{county}/products")
    Mono<ResponseEntity<ProductResponse>> register(@PathVariable String county, @Valid @RequestBody RegisterProductRequest request) {
        return gate.act(county).flatMap(code -> products.register(code, request.organisation(), request.name(), request.category(), request.unit()))
                .map(product -> ResponseEntity.created(URI.create("/counties/" + county + "/products/" + product.id())).body(response(product)));
    }

    @GetMapping("/counties/{county}/products")
    Mono<List<ProductResponse>> list(@PathVariable String county, @RequestParam(required = false) String organisation,
                                     @RequestParam(defaultValue = "200") int limit) {
        PageLimit.check(limit, 2000);
        UUID offeredBy = organisation == null ? null : RequestIds.uuid("organisation", organisation);
        return gate.read(county).flatMap(code -> products.list(code, offeredBy, limit))
                .map(list -> list.stream().map(ProductController::response).toList());
    }

    @GetMapping("/counties/{county}/products/{id}")
    Mono<ProductResponse> find(@PathVariable String county, @PathVariable String id) {
        UUID product = RequestIds.uuid("id", id);
        return gate.read(county).flatMap(code -> products.find(code, product)).map(ProductController::response);
    }

    @PutMapping("/counties/{county}/products/{id}/reference-prices/{month}")
    Mono<ReferencePriceResponse> setReferencePrice(@PathVariable String county, @PathVariable String id, @PathVariable String month,
                                                   @Valid @RequestBody ReferencePriceRequest request) {
        UUID product = RequestIds.uuid("id", id);
        YearMonth yearMonth = month(month);
        return gate.act(county).flatMap(code -> access.scope().zipWith(Caller.name()).flatMap(scopeAndCaller -> {
                    // A partner client holds the partner role and nothing else: its feed (by client id) is the price's source.
                    boolean partner = scopeAndCaller.getT1().rolesFor(code).equals(Set.of(AccessRule.PARTNER));
                    return (partner ? Caller.client() : Mono.just(scopeAndCaller.getT2())).flatMap(caller ->
                            products.setReferencePrice(code, product, yearMonth, request.priceFen(), partner, caller));
                }))
                .map(ProductController::response);
    }

    @GetMapping("/counties/{county}/products/{id}/reference-prices")
    Mono<List<ReferencePriceResponse>> referencePrices(@PathVariable String county, @PathVariable String id) {
        UUID product = RequestIds.uuid("id", id);
        return gate.read(county).flatMap(code -> products.referencePrices(code, product))
                .map(list -> list.stream().map(ProductController::response).toList());
    }

    private static YearMonth month(String month) {
        try {
            YearMonth parsed = YearMonth.parse(month);
            if (parsed.getYear() < 2000 || parsed.getYear() > 2100) {
                throw InvalidRequestException.field("month", "must be a month between 2000-01 and 2100-12");
            }
            return parsed;
        } catch (DateTimeParseException e) {
            throw InvalidRequestException.field("month", "must be a month like 2026-10");
        }
    }

    private static ProductResponse response(Product p) {
        return new ProductResponse(p.id(), p.county().value(), p.organisation(), p.name(), p.category().name(), p.unit().name(), p.registeredAt());
    }

    private static ReferencePriceResponse response(ReferencePrice price) {
        return new ReferencePriceResponse(price.month().toString(), price.priceFen(), price.source(), price.setBy());
    }
}
