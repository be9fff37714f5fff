package org.povertyalleviation.shopmanagement.shop.web;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import org.povertyalleviation.platform.counties.CountyGate;
import org.povertyalleviation.platform.problem.InvalidRequestException;
import org.povertyalleviation.platform.problem.PageLimit;
import org.povertyalleviation.platform.problem.RequestIds;
import org.povertyalleviation.platform.security.CountyAccess;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.shopmanagement.shop.ShopRegister;
import org.povertyalleviation.shopmanagement.shop.ShopRegister.ShopFilter;
import org.povertyalleviation.shopmanagement.shop.ShopRegister.ShopView;
import org.povertyalleviation.shopmanagement.shop.domain.HouseholdRole;
import org.povertyalleviation.shopmanagement.shop.domain.IncomeLink;
import org.povertyalleviation.shopmanagement.shop.domain.OwnerCategory;
import org.povertyalleviation.shopmanagement.shop.domain.SalesPlatform;
import org.povertyalleviation.shopmanagement.shop.domain.SharingRule;
import org.povertyalleviation.shopmanagement.shop.domain.Shop;
import org.povertyalleviation.shopmanagement.shop.domain.ShopStatus;
import org.povertyalleviation.shopmanagement.shop.persistence.ShopRepository.LinkRow;
import org.povertyalleviation.shopmanagement.shop.persistence.ShopRepository.ShopRow;
import org.povertyalleviation.shopmanagement.web.Roles;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A county's shops, their status and the households linked to them. */
@RestController
class ShopController {

    // The bodies carry @Schema only, unlike the template's bean validation: they are validated after the county gate (the
    // domain decides), so that a caller of another county learns nothing about what is wrong with a body.

    /** A shop's own fields; {@code status} only when registering (PLANNED by default, or OPEN). */
    @Schema(description = "A shop's own fields (PUT replaces them all); status only when registering.",
            example = "{\"village\": \"621222101201\", \"name\": \"文县城关花椒合作社网店\", \"platform\": \"PINDUODUO\", "
                    + "\"url\": \"https://shop.example.cn/wenxian-huajiao\", \"ownerCategory\": \"COOPERATIVE\", "
                    + "\"productCategories\": [\"花椒\", \"核桃\"]}")
    record ShopRequest(
            @Schema(description = "The shop's village: its 12-digit code, a village of this county (422 unknown-village otherwise)",
                    example = "621222101201", requiredMode = REQUIRED, pattern = "^\\d{12}$") String village,
            @Schema(description = "The shop's name, 1 to 100 characters once surrounding spaces are removed, not blank",
                    example = "文县城关花椒合作社网店", requiredMode = REQUIRED, minLength = 1, maxLength = 100) String name,
            @Schema(description = "Where the shop sells", example = "PINDUODUO", requiredMode = REQUIRED) SalesPlatform platform,
            @Schema(description = "The shop's address: an http or https URL of at most 500 characters; left out or blank: none",
                    example = "https://shop.example.cn/wenxian-huajiao", maxLength = 500, pattern = "^[Hh][Tt][Tt][Pp][Ss]?://\\S+$")
            String url,
            @Schema(description = "Who runs the shop", example = "COOPERATIVE", requiredMode = REQUIRED) OwnerCategory ownerCategory,
            @Schema(description = "The registered poor household that owns the shop (its household-registry id): required when "
                    + "ownerCategory is POOR_HOUSEHOLD and given only then", example = "5b1f6c2e-8d4a-4e3b-9c71-2a6d0f9e4b13")
            UUID ownerHousehold,
            @ArraySchema(maxItems = 20, schema = @Schema(maxLength = 40))
            @Schema(description = "What the shop sells: at most 20 categories of at most 40 characters (blank ones are dropped, "
                    + "repeated ones kept once)", example = "[\"花椒\", \"核桃\"]") List<String> productCategories,
            @Schema(description = "Only when registering: PLANNED (left out) or OPEN; a registered shop's status changes through "
                    + "POST .../shops/{id}/status (400 when given to PUT)", example = "OPEN", allowableValues = {"PLANNED", "OPEN"})
            ShopStatus status) {
    }

    @Schema(description = "A step of the shop's lifecycle: PLANNED → OPEN, OPEN ⇄ DORMANT, and any of them → CLOSED.")
    record StatusChangeRequest(
            @Schema(description = "The new status; a step the lifecycle does not have is a 409 (a closed shop stays closed)",
                    example = "DORMANT", requiredMode = REQUIRED, allowableValues = {"OPEN", "DORMANT", "CLOSED"}) ShopStatus status,
            @Schema(description = "Why, kept with the status; left out or blank: none", example = "连续三个月没有订单") String reason) {
    }

    /** How a household shares the shop's income: a percentage of net sales, or a fixed amount in fen per month. */
    @Schema(description = "How a household shares the shop's income: a percentage of the month's net sales (SALES_SHARE), or a "
            + "fixed amount in fen per reported month (FIXED_MONTHLY). The shop's sales shares together stay within 100 (422).",
            example = "{\"role\": \"SUPPLIER\", \"rule\": \"SALES_SHARE\", \"sharePercent\": 12.5}")
    record LinkRequest(
            @Schema(description = "What the household does for the shop", example = "SUPPLIER", requiredMode = REQUIRED) HouseholdRole role,
            @Schema(description = "How its share is set", example = "SALES_SHARE", requiredMode = REQUIRED) SharingRule rule,
            @Schema(description = "For SALES_SHARE (required then, and given only then): the percentage of net sales, above 0 and at "
                    + "most 100, with at most two decimals", example = "12.5", minimum = "0.01", maximum = "100")
            BigDecimal sharePercent,
            @Schema(description = "For FIXED_MONTHLY (required then, and given only then): fen per reported month, above 0 and at "
                    + "most 100,000,000 (1,000,000 yuan)", example = "80000", minimum = "1", maximum = "100000000") Long fixedAmountFen) {
    }

    record LinkResponse(UUID household, String fileNumber, HouseholdRole role, SharingRule rule, BigDecimal sharePercent,
                        Long fixedAmountFen, Instant linkedAt) {
    }

    record ShopResponse(UUID id, String county, String village, String name, SalesPlatform platform, String url,
                        OwnerCategory ownerCategory, UUID ownerHousehold, List<String> productCategories, ShopStatus status,
                        String statusReason, Instant statusChangedAt, Instant openedAt, int version, Instant createdAt,
                        Instant updatedAt, @JsonInclude(JsonInclude.Include.NON_NULL) List<LinkResponse> households) {
    }

    private final CountyGate gate;
    private final CountyAccess access;
    private final ShopRegister register;

    ShopController(CountyGate gate, CountyAccess access, ShopRegister register) {
        this.gate = gate;
        this.access = access;
        this.register = register;
    }

    @PostMapping("/counties/{county}/shops")
    Mono<ResponseEntity<ShopResponse>> create(@PathVariable String county, @RequestBody ShopRequest request) {
        // Access first: a caller of another county learns nothing, not even what is wrong with the request.
        return staff(county).flatMap(code -> access.requireVillage(code, request.village()).then(register.create(code, shop(UUID.randomUUID(), request),
                        request.status() == null ? ShopStatus.PLANNED : request.status())))
                .map(view -> ResponseEntity.created(URI.create("/counties/" + county + "/shops/" + view.shop().id())).body(response(view)));
    }

    @GetMapping("/counties/{county}/shops/{id}")
    Mono<ShopResponse> shop(@PathVariable String county, @PathVariable String id) {
        UUID shopId = RequestIds.uuid("id", id);
        return gate.read(county).flatMap(code -> register.find(code, shopId)).map(ShopController::response);
    }

    /** Ordered by name; pass the last shop's id of a page as {@code after} for the next. */
    @GetMapping("/counties/{county}/shops")
    Flux<ShopResponse> shops(@PathVariable String county, @RequestParam(required = false) String village,
                             @RequestParam(required = false) SalesPlatform platform,
                             @RequestParam(required = false) OwnerCategory ownerCategory,
                             @RequestParam(required = false) ShopStatus status,
                             @RequestParam(required = false) String household,
                             @RequestParam(required = false) String after,
                             @RequestParam(defaultValue = "50") int limit) {
        PageLimit.check(limit, 500);
        if (village != null && !village.matches("\\d{12}")) {
            throw InvalidRequestException.field("village", "must be 12 digits");
        }
        UUID householdId = household == null ? null : RequestIds.uuid("household", household);
        UUID afterId = after == null ? null : RequestIds.uuid("after", after);
        return gate.read(county).flatMapMany(code -> register.list(code, new ShopFilter(village, platform, ownerCategory, status, householdId),
                        afterId, limit))
                .map(shop -> response(new ShopView(shop, null)));
    }

    @PutMapping("/counties/{county}/shops/{id}")
    Mono<ShopResponse> update(@PathVariable String county, @PathVariable String id, @RequestBody ShopRequest request) {
        UUID shopId = RequestIds.uuid("id", id);
        return staff(county).flatMap(code -> {
            if (request.status() != null) {
                throw InvalidRequestException.field("status", "is changed through POST …/shops/{id}/status, not here");
            }
            return villageOf(code, shopId).then(access.requireVillage(code, request.village())).then(register.update(code, shop(shopId, request)));
        }).map(ShopController::response);
    }

    @PostMapping("/counties/{county}/shops/{id}/status")
    Mono<ShopResponse> changeStatus(@PathVariable String county, @PathVariable String id, @RequestBody StatusChangeRequest request) {
        UUID shopId = RequestIds.uuid("id", id);
        return staff(county).flatMap(code -> {
            if (request.status() == null) {
                throw InvalidRequestException.field("status", "is required");
            }
            return villageOf(code, shopId).then(register.changeStatus(code, shopId, request.status(), request.reason()));
        }).map(ShopController::response);
    }

    @DeleteMapping("/counties/{county}/shops/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> remove(@PathVariable String county, @PathVariable String id) {
        UUID shopId = RequestIds.uuid("id", id);
        return staff(county).flatMap(code -> villageOf(code, shopId).then(register.remove(code, shopId)));
    }

    /** Links the household to the shop, or changes how it shares (PUT: the whole link). */
    @PutMapping("/counties/{county}/shops/{id}/households/{household}")
    Mono<ShopResponse> link(@PathVariable String county, @PathVariable String id, @PathVariable String household,
                            @RequestBody LinkRequest request) {
        UUID shopId = RequestIds.uuid("id", id);
        UUID householdId = RequestIds.uuid("household", household);
        return staff(county).flatMap(code -> villageOf(code, shopId).then(Mono.defer(() -> register.link(code, shopId, new IncomeLink(householdId,
                        request.role(), request.rule(), IncomeLink.basisPoints(request.sharePercent()), request.fixedAmountFen())))))
                .map(ShopController::response);
    }

    @DeleteMapping("/counties/{county}/shops/{id}/households/{household}")
    Mono<ShopResponse> unlink(@PathVariable String county, @PathVariable String id, @PathVariable String household) {
        UUID shopId = RequestIds.uuid("id", id);
        UUID householdId = RequestIds.uuid("household", household);
        return staff(county).flatMap(code -> villageOf(code, shopId).then(register.unlink(code, shopId, householdId)))
                .map(ShopController::response);
    }

    /** A village cadre keeps the shops of their own villages only (the access table's reach); the shop is read only for them. */
    private Mono<Void> villageOf(CountyCode county, UUID shop) {
        return access.requireVillageOf(county, () -> register.find(county, shop).map(view -> view.shop().villageCode()));
    }

    private Mono<CountyCode> staff(String county) {
        return gate.act(county).flatMap(code -> access.requireAnyRole(Roles.SHOP_STAFF).thenReturn(code));
    }

    private static Shop shop(UUID id, ShopRequest request) {
        return new Shop(id, request.village(), request.name(), request.platform(), request.url(),
                request.ownerCategory(), request.ownerHousehold(), request.productCategories());
    }

    static ShopResponse response(ShopView view) {
        ShopRow shop = view.shop();
        return new ShopResponse(shop.id(), shop.countyCode(), shop.villageCode(), shop.name(), shop.platform(), shop.url(),
                shop.ownerCategory(), shop.ownerHousehold(), shop.productCategories(), shop.status(), shop.statusReason(),
                shop.statusChangedAt(), shop.openedAt(), shop.version(), shop.createdAt(), shop.updatedAt(),
                // The list leaves the links out (null); one shop's answer has them.
                view.links() == null ? null : view.links().stream().map(ShopController::link).toList());
    }

    private static LinkResponse link(LinkRow row) {
        IncomeLink link = row.link();
        return new LinkResponse(link.household(), row.fileNumber(), link.role(), link.rule(),
                link.shareBasisPoints() == null ? null : IncomeLink.percent(link.shareBasisPoints()),
                link.fixedAmountFen(), row.linkedAt());
    }
}
