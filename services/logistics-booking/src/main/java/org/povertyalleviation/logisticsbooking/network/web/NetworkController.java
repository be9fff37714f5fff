package org.povertyalleviation.logisticsbooking.network.web;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.povertyalleviation.logisticsbooking.network.Network;
import org.povertyalleviation.logisticsbooking.network.domain.Coverage;
import org.povertyalleviation.logisticsbooking.network.domain.Leg;
import org.povertyalleviation.logisticsbooking.network.domain.Node;
import org.povertyalleviation.logisticsbooking.network.domain.NodeLevel;
import org.povertyalleviation.logisticsbooking.network.domain.OperatorKind;
import org.povertyalleviation.logisticsbooking.network.domain.Place;
import org.povertyalleviation.platform.counties.CountyGate;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The county's three-level network (park, township stations, village posts), its roads, and its coverage of villages. */
@RestController
class NetworkController {

    record NodeRequest(
            @Schema(description = "Its level", example = "VILLAGE_POST", requiredMode = REQUIRED) @NotNull NodeLevel level,
            @Schema(description = "Its name", example = "上坝村邮政服务站", requiredMode = REQUIRED) @NotBlank @Size(max = Node.MAX_NAME) String name,
            @Schema(description = "The node it hangs under: the park for a station, the township's station for a post",
                    example = "0b8e2f6c-3d1a-4c7e-9f52-6a4d8b1e7c30") UUID parent,
            @Schema(description = "A station's township (9 digits); a post's is its village's", example = "621222101")
            @Pattern(regexp = "\\d{9}", message = "must be 9 digits") String township,
            @Schema(description = "A post's village (12 digits)", example = "621222101201")
            @Pattern(regexp = "\\d{12}", message = "must be 12 digits") String village,
            @Schema(description = "Its address", example = "碧口镇上坝村村委会旁", requiredMode = REQUIRED) @NotBlank @Size(max = Node.MAX_ADDRESS) String address,
            @Schema(description = "Latitude (WGS 84)", example = "32.7456", requiredMode = REQUIRED)
            @NotNull @DecimalMin("-90") @DecimalMax("90") BigDecimal latitude,
            @Schema(description = "Longitude (WGS 84)", example = "105.2301", requiredMode = REQUIRED)
            @NotNull @DecimalMin("-180") @DecimalMax("180") BigDecimal longitude,
            @Schema(description = "When it is open, in words", example = "每日 08:00-18:00", requiredMode = REQUIRED)
            @NotBlank @Size(max = Node.MAX_HOURS) String openingHours,
            @Schema(description = "Who runs it", example = "VILLAGE_AGENT", requiredMode = REQUIRED) @NotNull OperatorKind operatorKind,
            @Schema(description = "The operator's name (a company, or the shop that serves as the post)", example = "上坝村便民超市",
                    requiredMode = REQUIRED) @NotBlank @Size(max = Node.MAX_NAME) String operatorName,
            @Schema(description = "Whether it has cold storage", example = "false") Boolean coldStorage) {
    }

    record LegRequest(
            @Schema(description = "One end", example = "0b8e2f6c-3d1a-4c7e-9f52-6a4d8b1e7c30", requiredMode = REQUIRED) @NotNull UUID from,
            @Schema(description = "The other end", example = "3f6d2b8a-1c4e-4a7f-9b52-8e0d6c1a7f34", requiredMode = REQUIRED) @NotNull UUID to,
            @Schema(description = "The road's length in metres", example = "18500", requiredMode = REQUIRED)
            @NotNull @Min(1) @Max(Leg.MAX_DISTANCE_METRES) Integer distanceMetres,
            @Schema(description = "The usual drive in minutes (mountain roads: this, not the distance, is what plans use)", example = "42",
                    requiredMode = REQUIRED) @NotNull @Min(1) @Max(Leg.MAX_DRIVE_MINUTES) Integer driveMinutes) {
    }

    record NodeResponse(UUID id, String county, String level, String name, UUID parent, String township, String village, String address,
                        BigDecimal latitude, BigDecimal longitude, String openingHours, String operatorKind, String operatorName,
                        boolean coldStorage, Instant createdAt) {
    }

    record LegResponse(UUID id, UUID from, UUID to, int distanceMetres, int driveMinutes) {
    }

    record NetworkResponse(String county, List<NodeResponse> nodes, List<LegResponse> legs) {
    }

    record VillageCoverageResponse(String village, String nameZh, String township, boolean poor, BigDecimal latitude, BigDecimal longitude,
                                   boolean covered, String reason, UUID nearestNode, String nearestNodeName, Integer minutes) {
    }

    record CoverageResponse(String county, int withinMinutes, int villages, long covered, long poorVillagesUncovered,
                            List<VillageCoverageResponse> gaps, List<VillageCoverageResponse> all) {
    }

    private final CountyGate gate;
    private final Network network;

    NetworkController(CountyGate gate, Network network) {
        this.gate = gate;
        this.network = network;
    }

    @PostMapping("/counties/{county}/nodes")
    Mono<ResponseEntity<NodeResponse>> add(@PathVariable String county, @Valid @RequestBody NodeRequest request) {
        return gate.act(county).flatMap(code -> network.add(code, request.level(), request.name(), request.parent(), request.township(),
                        request.village(), request.address(), new Place(request.latitude(), request.longitude()), request.openingHours(),
                        request.operatorKind(), request.operatorName(), Boolean.TRUE.equals(request.coldStorage())))
                .map(node -> ResponseEntity.created(URI.create("/counties/" + county + "/nodes/" + node.id())).body(response(node)));
    }

    @GetMapping("/counties/{county}/nodes")
    Mono<NetworkResponse> network(@PathVariable String county) {
        return gate.read(county).flatMap(code -> network.map(code))
                .map(map -> new NetworkResponse(county, map.nodes().stream().map(NetworkController::response).toList(),
                        map.legs().stream().map(leg -> new LegResponse(leg.id(), leg.from(), leg.to(), leg.distanceMetres(), leg.driveMinutes())).toList()));
    }

    @GetMapping("/counties/{county}/nodes/{id}")
    Mono<NodeResponse> node(@PathVariable String county, @PathVariable String id) {
        UUID node = org.povertyalleviation.platform.problem.RequestIds.uuid("id", id);
        return gate.read(county).flatMap(code -> network.node(code, node)).map(NetworkController::response);
    }

    @PostMapping("/counties/{county}/legs")
    Mono<ResponseEntity<LegResponse>> connect(@PathVariable String county, @Valid @RequestBody LegRequest request) {
        return gate.act(county).flatMap(code -> network.connect(code, request.from(), request.to(), request.distanceMetres(), request.driveMinutes()))
                .map(leg -> ResponseEntity.created(URI.create("/counties/" + county + "/legs/" + leg.id()))
                        .body(new LegResponse(leg.id(), leg.from(), leg.to(), leg.distanceMetres(), leg.driveMinutes())));
    }

    @GetMapping("/counties/{county}/coverage")
    Mono<CoverageResponse> coverage(@PathVariable String county, @RequestParam(defaultValue = "30") int withinMinutes) {
        return gate.read(county).flatMap(code -> network.coverage(code, withinMinutes))
                .map(result -> {
                    List<VillageCoverageResponse> all = result.villages().stream().map(NetworkController::response).toList();
                    return new CoverageResponse(county, result.withinMinutes(), all.size(), result.covered(), result.poorVillagesUncovered(),
                            all.stream().filter(village -> !village.covered()).toList(), all);
                });
    }

    private static VillageCoverageResponse response(Coverage.VillageCoverage coverage) {
        Coverage.Village village = coverage.village();
        return new VillageCoverageResponse(village.code(), village.nameZh(), village.township(), village.poor(),
                village.place() == null ? null : village.place().latitude(), village.place() == null ? null : village.place().longitude(),
                coverage.covered(), coverage.reason().name(), coverage.nearestNode(), coverage.nearestNodeName(), coverage.minutes());
    }

    static NodeResponse response(Node node) {
        return new NodeResponse(node.id(), node.county().value(), node.level().name(), node.name(), node.parent(), node.township(),
                node.village() == null ? null : node.village().value(), node.address(), node.place().latitude(), node.place().longitude(),
                node.openingHours(), node.operatorKind().name(), node.operatorName(), node.coldStorage(), node.createdAt());
    }
}
