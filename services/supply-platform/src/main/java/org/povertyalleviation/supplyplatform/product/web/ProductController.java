package org.povertyalleviation.supplyplatform.product.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Digits;
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
import org.povertyalleviation.supplyplatform.product.ProductListings;
import org.povertyalleviation.supplyplatform.product.Products;
import org.povertyalleviation.supplyplatform.product.domain.Certification;
import org.povertyalleviation.supplyplatform.product.domain.CertificationKind;
import org.povertyalleviation.supplyplatform.product.domain.Inspection;
import org.povertyalleviation.supplyplatform.product.domain.InspectionResult;
import org.povertyalleviation.supplyplatform.product.domain.Product;
import org.povertyalleviation.supplyplatform.product.domain.ProductCategory;
import org.povertyalleviation.supplyplatform.product.domain.ProductUnit;
import org.povertyalleviation.supplyplatform.product.domain.ReferencePrice;
import org.povertyalleviation.supplyplatform.product.domain.SupplyBase;
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

/**
 * Products an organisation offers, the supply bases they come from, their monthly market reference prices (the
 * county's or a partner feed's), certificates and inspections, and whether each is listed for sale.
 */
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
            @NotNull ProductUnit unit,
            @Schema(description = "The certification it must hold to be listed for sale, if any", example = "GREEN_FOOD")
            CertificationKind requiredCertification,
            @ArraySchema(arraySchema = @Schema(description = "The organisation's supply bases it comes from"),
                    schema = @Schema(description = "A supply base of the organisation", example = "0b8e2f6c-3d1a-4c7e-9f52-6a4d8b1e7c30"),
                    maxItems = 50)
            @Size(max = 50) List<@NotNull UUID> bases) {
    }

    record BaseRequest(
            @Schema(description = "The village it is in (12 digits)", example = "621222101201")
            @NotBlank @jakarta.validation.constraints.Pattern(regexp = "\\d{12}", message = "must be 12 digits") String village,
            @Schema(description = "Its area in mu (亩), up to two decimals", example = "120.5")
            @NotNull @Positive @DecimalMax("1000000") @Digits(integer = 7, fraction = 2) BigDecimal areaMu,
            @Schema(description = "What grows there", example = "纹党参") @NotBlank @Size(max = SupplyBase.MAX_CROP) String crop) {
    }

    record CertificationRequest(
            @Schema(description = "What it certifies", example = "GREEN_FOOD") @NotNull CertificationKind kind,
            @Schema(description = "Who issued it", example = "中国绿色食品发展中心") @NotBlank @Size(max = Certification.MAX_ISSUER) String issuer,
            @Schema(description = "Its number", example = "LB-18-21120412345A") @NotBlank @Size(max = Certification.MAX_NUMBER) String number,
            @Schema(description = "Where its scan is kept", example = "docs/certificates/LB-18-21120412345A.pdf")
            @NotBlank @Size(max = Certification.MAX_DOCUMENT) String document,
            @Schema(description = "First day it is valid", example = "2026-01-01") @NotNull LocalDate validFrom,
            @Schema(description = "Last day it is valid", example = "2028-12-31") @NotNull LocalDate validTo) {
    }

    record InspectionRequest(
            @Schema(description = "The supply base the sample was taken from, if any", example = "0b8e2f6c-3d1a-4c7e-9f52-6a4d8b1e7c30") UUID base,
            @Schema(description = "The sample", example = "干制党参 2 千克") @NotBlank @Size(max = Inspection.MAX_SAMPLE) String sample,
            @Schema(description = "The day it was taken", example = "2026-09-15") @NotNull LocalDate sampledOn,
            @Schema(description = "PASS or FAIL", example = "PASS") @NotNull InspectionResult result,
            @Schema(description = "The lab", example = "陇南市农产品质量安全检测中心") @NotBlank @Size(max = Inspection.MAX_LAB) String lab,
            @Schema(description = "The lab's report number", example = "LNJC-2026-0915-07") @NotBlank @Size(max = Inspection.MAX_REPORT) String report) {
    }

    record ReferencePriceRequest(
            @Schema(description = "The market price per unit in fen (1 yuan = 100 fen)", example = "8000")
            @NotNull @Positive @Max(ReferencePrice.MAX_PRICE_FEN) Long priceFen) {
    }

    record ProductResponse(UUID id, String county, UUID organisation, String name, String category, String unit, String requiredCertification,
                           boolean listed, LocalDate listingChangedOn, List<String> reasons, Instant registeredAt) {
    }

    record BaseResponse(UUID id, UUID organisation, String village, BigDecimal areaMu, String crop) {
    }

    record CertificationResponse(UUID id, UUID product, String kind, String issuer, String number, String document, LocalDate validFrom,
                                 LocalDate validTo) {
    }

    record InspectionResponse(UUID id, UUID product, UUID base, String sample, LocalDate sampledOn, String result, String lab, String report) {
    }

    record ReferencePriceResponse(String month, long priceFen, String source, String setBy) {
    }

    private final CountyGate gate;
    private final CountyAccess access;
    private final Products products;
    private final ProductListings listings;
    private final Clock clock;

    ProductController(CountyGate gate, CountyAccess access, Products products, ProductListings listings, Clock clock) {
        this.clock = clock;
        this.gate = gate;
        this.access = access;
        this.products = products;
        this.listings = listings;
    }

    @PostMapping("/counties/{county}/products")
    Mono<ResponseEntity<ProductResponse>> register(@PathVariable String county, @Valid @RequestBody RegisterProductRequest request) {
        return gate.act(county).flatMap(code -> products.register(code, request.organisation(), request.name(), request.category(), request.unit(),
                        request.requiredCertification(), request.bases() == null ? List.of() : request.bases()))
                .map(product -> ResponseEntity.created(URI.create("/counties/" + county + "/products/" + product.id())).body(response(product, null)));
    }

    @GetMapping("/counties/{county}/products")
    Mono<List<ProductResponse>> list(@PathVariable String county, @RequestParam(required = false) String organisation,
                                     @RequestParam(defaultValue = "200") int limit) {
        PageLimit.check(limit, 2000);
        UUID offeredBy = organisation == null ? null : RequestIds.uuid("organisation", organisation);
        return gate.read(county).flatMap(code -> products.list(code, offeredBy, limit))
                .map(list -> list.stream().map(product -> response(product, null)).toList());
    }

    @GetMapping("/counties/{county}/products/{id}")
    Mono<ProductResponse> find(@PathVariable String county, @PathVariable String id) {
        UUID product = RequestIds.uuid("id", id);
        return gate.read(county).flatMap(code -> listings.listing(code, product))
                .map(view -> response(view.product(), view.reasons().stream().map(Enum::name).toList()));
    }

    @PostMapping("/counties/{county}/organisations/{id}/bases")
    Mono<ResponseEntity<BaseResponse>> registerBase(@PathVariable String county, @PathVariable String id, @Valid @RequestBody BaseRequest request) {
        UUID organisation = RequestIds.uuid("id", id);
        return gate.act(county).flatMap(code -> products.registerBase(code, organisation, request.village(),
                        request.areaMu().movePointRight(2).longValueExact(), request.crop()))
                .map(base -> ResponseEntity.status(201).body(response(base)));
    }

    @GetMapping("/counties/{county}/organisations/{id}/bases")
    Mono<List<BaseResponse>> bases(@PathVariable String county, @PathVariable String id) {
        UUID organisation = RequestIds.uuid("id", id);
        return gate.read(county).flatMap(code -> products.bases(code, organisation)).map(list -> list.stream().map(ProductController::response).toList());
    }

    @PostMapping("/counties/{county}/products/{id}/certifications")
    Mono<ResponseEntity<CertificationResponse>> certify(@PathVariable String county, @PathVariable String id,
                                                        @Valid @RequestBody CertificationRequest request) {
        UUID product = RequestIds.uuid("id", id);
        return gate.act(county).flatMap(code -> Caller.name().flatMap(caller -> listings.certify(code, product, request.kind(), request.issuer(),
                        request.number(), request.document(), request.validFrom(), request.validTo(), caller)))
                .map(certification -> ResponseEntity.status(201).body(response(certification)));
    }

    @GetMapping("/counties/{county}/products/{id}/certifications")
    Mono<List<CertificationResponse>> certifications(@PathVariable String county, @PathVariable String id) {
        UUID product = RequestIds.uuid("id", id);
        return gate.read(county).flatMap(code -> products.certifications(code, product))
                .map(list -> list.stream().map(ProductController::response).toList());
    }

    @GetMapping("/counties/{county}/certifications/expiring")
    Mono<List<CertificationResponse>> expiring(@PathVariable String county, @RequestParam(defaultValue = "30") int days) {
        if (days < 0 || days > 366) {
            throw InvalidRequestException.field("days", "must be between 0 and 366");
        }
        return gate.read(county).flatMap(code -> products.expiring(code, days)).map(list -> list.stream().map(ProductController::response).toList());
    }

    @PostMapping("/counties/{county}/products/{id}/inspections")
    Mono<ResponseEntity<InspectionResponse>> inspect(@PathVariable String county, @PathVariable String id, @Valid @RequestBody InspectionRequest request) {
        UUID product = RequestIds.uuid("id", id);
        return gate.act(county).flatMap(code -> Caller.name().flatMap(caller -> listings.inspect(code, product, request.base(), request.sample(),
                        request.sampledOn(), request.result(), request.lab(), request.report(), caller)))
                .map(inspection -> ResponseEntity.status(201).body(response(inspection)));
    }

    @GetMapping("/counties/{county}/products/{id}/inspections")
    Mono<List<InspectionResponse>> inspections(@PathVariable String county, @PathVariable String id, @RequestParam(defaultValue = "50") int limit) {
        PageLimit.check(limit, 500);
        UUID product = RequestIds.uuid("id", id);
        return gate.read(county).flatMap(code -> products.inspections(code, product, limit))
                .map(list -> list.stream().map(ProductController::response).toList());
    }

    /** The daily listing sweep of the county, now (certificates expired or come into force, reminders due). */
    @PostMapping("/counties/{county}/products/listing-check")
    Mono<ProductListings.Sweep> listingCheck(@PathVariable String county) {
        return gate.act(county).flatMap(code -> listings.sweep(code, LocalDate.now(clock)));
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

    private static ProductResponse response(Product p, List<String> reasons) {
        return new ProductResponse(p.id(), p.county().value(), p.organisation(), p.name(), p.category().name(), p.unit().name(),
                p.requiredCertification() == null ? null : p.requiredCertification().name(), p.listing().listed(), p.listingChangedOn(), reasons,
                p.registeredAt());
    }

    private static BaseResponse response(SupplyBase b) {
        return new BaseResponse(b.id(), b.organisation(), b.village(), BigDecimal.valueOf(b.areaCentimu(), 2), b.crop());
    }

    private static CertificationResponse response(Certification c) {
        return new CertificationResponse(c.id(), c.product(), c.kind().name(), c.issuer(), c.number(), c.document(), c.validFrom(), c.validTo());
    }

    private static InspectionResponse response(Inspection i) {
        return new InspectionResponse(i.id(), i.product(), i.base(), i.sample(), i.sampledOn(), i.result().name(), i.lab(), i.report());
    }

    private static ReferencePriceResponse response(ReferencePrice price) {
        return new ReferencePriceResponse(price.month().toString(), price.priceFen(), price.source(), price.setBy());
    }
}
