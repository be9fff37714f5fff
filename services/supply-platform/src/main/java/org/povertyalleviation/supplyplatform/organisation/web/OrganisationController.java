package org.povertyalleviation.supplyplatform.organisation.web;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.povertyalleviation.platform.counties.CountyGate;
import org.povertyalleviation.platform.problem.PageLimit;
import org.povertyalleviation.platform.problem.RequestIds;
import org.povertyalleviation.supplyplatform.organisation.Organisations;
import org.povertyalleviation.supplyplatform.organisation.Organisations.OrganisationView;
import org.povertyalleviation.supplyplatform.organisation.domain.Organisation;
import org.povertyalleviation.supplyplatform.organisation.domain.OrganisationKind;
import org.povertyalleviation.supplyplatform.web.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Enterprises, cooperatives and associations, and the registered households that are members. Who may call what is
 * the service's access table (SupplyPlatformAccess); the county gate then opens the county's records.
 */
@RestController
class OrganisationController {

    record RegisterOrganisationRequest(
            @Schema(description = "ENTERPRISE, COOPERATIVE or ASSOCIATION", example = "COOPERATIVE")
            @NotNull OrganisationKind kind,
            @Schema(description = "The registered name", example = "文县碧口镇花椒专业合作社")
            @NotBlank @Size(max = Organisation.MAX_NAME) String name,
            @Schema(description = "The unified social credit code (18 characters, check character verified)", example = "93621222MA74XB2K1B")
            @NotBlank @Pattern(regexp = "[0-9A-HJ-NP-RTUWXY]{18}", message = "must be 18 characters of a unified social credit code") String legalId,
            @Schema(description = "Who to talk to (a name or a function, no phone number)", example = "合作社理事长")
            @NotBlank @Size(max = Organisation.MAX_CONTACT) String contactName,
            @Schema(description = "The village it sits in (12 digits), if it belongs to one", example = "621222101201")
            @Pattern(regexp = "\\d{12}", message = "must be 12 digits") String village) {
    }

    record AddMemberRequest(
            @Schema(description = "The day the household joined", example = "2026-03-01") @NotNull LocalDate joinedOn) {
    }

    record OrganisationResponse(UUID id, String county, String kind, String name, String legalId, String contactName, String village,
                                long members, String registeredBy, Instant registeredAt) {
    }

    record OrganisationSummary(UUID id, String kind, String name, String legalId, String village) {
    }

    record MemberResponse(UUID household, String fileNumber, String village, LocalDate joinedOn) {
    }

    private final CountyGate gate;
    private final Organisations organisations;

    OrganisationController(CountyGate gate, Organisations organisations) {
        this.gate = gate;
        this.organisations = organisations;
    }

    @PostMapping("/counties/{county}/organisations")
    Mono<ResponseEntity<OrganisationResponse>> register(@PathVariable String county, @Valid @RequestBody RegisterOrganisationRequest request) {
        return gate.act(county).flatMap(code -> Caller.name().flatMap(caller -> organisations.register(code, request.kind(), request.name(),
                        request.legalId(), request.contactName(), request.village(), caller)))
                .map(view -> ResponseEntity.created(URI.create("/counties/" + county + "/organisations/" + view.organisation().id()))
                        .body(response(view)));
    }

    @GetMapping("/counties/{county}/organisations")
    Mono<List<OrganisationSummary>> list(@PathVariable String county, @RequestParam(required = false) OrganisationKind kind,
                                         @RequestParam(defaultValue = "100") int limit) {
        PageLimit.check(limit, 500);
        return gate.read(county).flatMap(code -> organisations.list(code, kind, limit))
                .map(list -> list.stream().map(o -> new OrganisationSummary(o.id(), o.kind().name(), o.name(), o.legalId().value(), o.village())).toList());
    }

    @GetMapping("/counties/{county}/organisations/{id}")
    Mono<OrganisationResponse> find(@PathVariable String county, @PathVariable String id) {
        UUID organisation = RequestIds.uuid("id", id);
        return gate.read(county).flatMap(code -> organisations.find(code, organisation)).map(OrganisationController::response);
    }

    @PutMapping("/counties/{county}/organisations/{id}/members/{household}")
    Mono<ResponseEntity<Void>> addMember(@PathVariable String county, @PathVariable String id, @PathVariable String household,
                                         @Valid @RequestBody AddMemberRequest request) {
        UUID organisation = RequestIds.uuid("id", id);
        UUID member = RequestIds.uuid("household", household);
        return gate.act(county).flatMap(code -> organisations.addMember(code, organisation, member,
                        request.joinedOn()))
                .map(added -> added ? ResponseEntity.status(201).<Void>build() : ResponseEntity.noContent().<Void>build());
    }

    @DeleteMapping("/counties/{county}/organisations/{id}/members/{household}")
    Mono<ResponseEntity<Void>> removeMember(@PathVariable String county, @PathVariable String id, @PathVariable String household) {
        UUID organisation = RequestIds.uuid("id", id);
        UUID member = RequestIds.uuid("household", household);
        return gate.act(county).flatMap(code -> organisations.removeMember(code, organisation, member))
                .thenReturn(ResponseEntity.noContent().build());
    }

    @GetMapping("/counties/{county}/organisations/{id}/members")
    Mono<List<MemberResponse>> members(@PathVariable String county, @PathVariable String id, @RequestParam(defaultValue = "500") int limit) {
        PageLimit.check(limit, 5000);
        UUID organisation = RequestIds.uuid("id", id);
        return gate.read(county).flatMap(code -> organisations.members(code, organisation, limit))
                .map(list -> list.stream().map(m -> new MemberResponse(m.household(), m.fileNumber(), m.village(), m.joinedOn())).toList());
    }

    private static OrganisationResponse response(OrganisationView view) {
        Organisation o = view.organisation();
        return new OrganisationResponse(o.id(), o.county().value(), o.kind().name(), o.name(), o.legalId().value(), o.contactName(),
                o.village(), view.members(), o.registeredBy(), o.registeredAt());
    }
}
