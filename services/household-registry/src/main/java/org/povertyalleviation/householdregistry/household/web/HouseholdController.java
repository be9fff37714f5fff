package org.povertyalleviation.householdregistry.household.web;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.povertyalleviation.platform.counties.CountyGate;
import org.povertyalleviation.householdregistry.household.HouseholdRegister;
import org.povertyalleviation.householdregistry.household.VillageReach;
import org.povertyalleviation.householdregistry.household.domain.Household;
import org.povertyalleviation.householdregistry.household.domain.HouseholdStatus;
import org.povertyalleviation.householdregistry.household.domain.Member;
import org.povertyalleviation.householdregistry.household.domain.PovertyCause;
import org.povertyalleviation.householdregistry.household.domain.Relation;
import org.povertyalleviation.householdregistry.household.domain.ResidentId;
import org.povertyalleviation.householdregistry.household.web.HouseholdRequests.Fields;
import org.povertyalleviation.householdregistry.household.web.HouseholdRequests.LookupRequest;
import org.povertyalleviation.householdregistry.household.web.HouseholdRequests.MemberRequest;
import org.povertyalleviation.householdregistry.household.web.HouseholdRequests.RegisterHouseholdRequest;
import org.povertyalleviation.householdregistry.household.web.HouseholdRequests.StatusChangeRequest;
import org.povertyalleviation.householdregistry.household.web.HouseholdRequests.UpdateHouseholdRequest;
import org.povertyalleviation.householdregistry.household.web.HouseholdResponses.HouseholdResponse;
import org.povertyalleviation.householdregistry.household.web.HouseholdResponses.HouseholdSummary;
import org.povertyalleviation.householdregistry.personaldata.Disclosure;
import org.povertyalleviation.householdregistry.personaldata.PersonalData;
import org.povertyalleviation.platform.problem.InvalidRequestException;
import org.povertyalleviation.platform.problem.PageLimit;
import org.povertyalleviation.platform.problem.RequestIds;
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

/**
 * Households and members of a county. Resident ID numbers and phones are masked unless the caller asks with
 * {@code unmasked=true} and has a role that may see them; such reads are audited.
 */
@RestController
class HouseholdController {

    private final CountyGate gate;
    private final HouseholdRegister register;
    private final Disclosure disclosure;
    private final PersonalData personalData;
    private final Clock clock;
    private final VillageReach reach;

    HouseholdController(CountyGate gate, HouseholdRegister register, Disclosure disclosure, PersonalData personalData, Clock clock,
                        VillageReach reach) {
        this.reach = reach;
        this.gate = gate;
        this.register = register;
        this.disclosure = disclosure;
        this.personalData = personalData;
        this.clock = clock;
    }

    @PostMapping("/counties/{county}/households")
    Mono<ResponseEntity<HouseholdResponse>> register(@PathVariable String county, @RequestBody RegisterHouseholdRequest request) {
        // Access first: a caller of another county learns nothing, not even what is wrong with the request.
        return gate.act(county).flatMap(code -> {
        Fields fields = new Fields();
        UUID id = UUID.randomUUID();
        Household household = HouseholdRequests.household(id, request.fileNumber(), request.village(), request.registrationYear(),
                request.helperCadre(), request.guarantees(), request.causes(), request.primaryCause(), fields);
        List<Member> members = new ArrayList<>();
        members.add(HouseholdRequests.member(UUID.randomUUID(), request.head(), Relation.HEAD, "head", fields));
        List<MemberRequest> others = request.members() == null ? List.of() : request.members();
        for (int i = 0; i < others.size(); i++) {
            members.add(HouseholdRequests.member(UUID.randomUUID(), others.get(i), null, "members[" + i + "]", fields));
        }
        fields.check();
        return reach.village(code, household.village().value()).then(register.register(code, household, members));
        }).map(view -> ResponseEntity.created(URI.create("/counties/" + county + "/households/" + view.household().id()))
                        .body(HouseholdResponses.household(view, false, personalData, today())));
    }

    @GetMapping("/counties/{county}/households/{id}")
    Mono<HouseholdResponse> household(@PathVariable String county, @PathVariable String id,
                                      @RequestParam(defaultValue = "false") boolean unmasked) {
        UUID householdId = RequestIds.uuid("id", id);
        return gate.read(county).flatMap(code -> reach.household(code, householdId).then(disclosure.unmasked(code, unmasked))
                .flatMap(reveal -> register.find(code, householdId, reveal)
                        .map(view -> HouseholdResponses.household(view, reveal, personalData, today()))));
    }

    /** Keyset paging: pass the last file number of a page as {@code after} for the next. */
    @GetMapping("/counties/{county}/households")
    Flux<HouseholdSummary> households(@PathVariable String county, @RequestParam(required = false) String village,
                                      @RequestParam(required = false) HouseholdStatus status,
                                      @RequestParam(required = false) PovertyCause cause,
                                      @RequestParam(required = false) String after,
                                      @RequestParam(defaultValue = "50") int limit) {
        PageLimit.check(limit, 500);
        if (village != null && !village.matches("\\d{12}")) {
            throw InvalidRequestException.field("village", "must be 12 digits");
        }
        return gate.read(county).flatMapMany(code -> reach.listing(code, village)
                        .flatMapMany(villages -> register.list(code, village, villages.orElse(null), status, cause == null ? null : cause.name(),
                                after, limit)))
                .map(HouseholdResponses::summary);
    }

    /** By resident ID number, in the body so that the number stays out of URLs and access logs. */
    @PostMapping("/counties/{county}/households/lookup")
    Mono<HouseholdResponse> lookup(@PathVariable String county, @RequestBody LookupRequest request,
                                   @RequestParam(defaultValue = "false") boolean unmasked) {
        return gate.read(county).flatMap(code -> {
            Fields fields = new Fields();
            ResidentId residentId = fields.parse("residentId", () -> ResidentId.parse(request.residentId()));
            fields.check();
            return disclosure.unmasked(code, unmasked)
                .flatMap(reveal -> register.lookup(code, residentId, reveal)
                        .flatMap(view -> reach.village(code, view.household().villageCode()).thenReturn(view))
                        .map(view -> HouseholdResponses.household(view, reveal, personalData, today())));
        });
    }

    @PutMapping("/counties/{county}/households/{id}")
    Mono<HouseholdResponse> update(@PathVariable String county, @PathVariable String id, @RequestBody UpdateHouseholdRequest request) {
        UUID householdId = RequestIds.uuid("id", id);
        return gate.act(county).flatMap(code -> {
            Fields fields = new Fields();
            // The file number is the county's key for the household and never changes; the domain still checks one.
            Household household = HouseholdRequests.household(householdId, "unchanged", request.village(), request.registrationYear(),
                    request.helperCadre(), request.guarantees(), request.causes(), request.primaryCause(), fields);
            fields.check();
            return reach.household(code, householdId).then(reach.village(code, household.village().value()))
                    .then(register.update(code, household));
        })
                .map(view -> HouseholdResponses.household(view, false, personalData, today()));
    }

    @PostMapping("/counties/{county}/households/{id}/status")
    Mono<HouseholdResponse> changeStatus(@PathVariable String county, @PathVariable String id, @RequestBody StatusChangeRequest request) {
        UUID householdId = RequestIds.uuid("id", id);
        return gate.act(county).flatMap(code -> request.status() == null
                        ? Mono.error(InvalidRequestException.field("status", "is required: LIFTED, MONITORED or RETURNED"))
                        : register.changeStatus(code, householdId, request.status(), request.year(), request.reason()))
                .map(view -> HouseholdResponses.household(view, false, personalData, today()));
    }

    @DeleteMapping("/counties/{county}/households/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> remove(@PathVariable String county, @PathVariable String id) {
        UUID householdId = RequestIds.uuid("id", id);
        return gate.act(county).flatMap(code -> register.remove(code, householdId));
    }

    @PostMapping("/counties/{county}/households/{id}/members")
    Mono<ResponseEntity<HouseholdResponse>> addMember(@PathVariable String county, @PathVariable String id, @RequestBody MemberRequest request) {
        UUID householdId = RequestIds.uuid("id", id);
        UUID memberId = UUID.randomUUID();
        return gate.act(county).flatMap(code -> {
            Fields fields = new Fields();
            Member member = HouseholdRequests.member(memberId, request, null, "", fields);
            fields.check();
            return reach.household(code, householdId).then(register.addMember(code, householdId, member));
        })
                .map(view -> ResponseEntity.created(URI.create("/counties/" + county + "/households/" + id + "/members/" + memberId))
                        .body(HouseholdResponses.household(view, false, personalData, today())));
    }

    @PutMapping("/counties/{county}/households/{id}/members/{member}")
    Mono<HouseholdResponse> updateMember(@PathVariable String county, @PathVariable String id, @PathVariable String member,
                                         @RequestBody MemberRequest request) {
        UUID householdId = RequestIds.uuid("id", id);
        UUID memberId = RequestIds.uuid("member", member);
        return gate.act(county).flatMap(code -> {
            Fields fields = new Fields();
            Member updated = HouseholdRequests.member(memberId, request, null, "", fields);
            fields.check();
            return reach.household(code, householdId).then(register.updateMember(code, householdId, updated));
        })
                .map(view -> HouseholdResponses.household(view, false, personalData, today()));
    }

    @DeleteMapping("/counties/{county}/households/{id}/members/{member}")
    Mono<HouseholdResponse> removeMember(@PathVariable String county, @PathVariable String id, @PathVariable String member) {
        UUID householdId = RequestIds.uuid("id", id);
        UUID memberId = RequestIds.uuid("member", member);
        return gate.act(county).flatMap(code -> reach.household(code, householdId).then(register.removeMember(code, householdId, memberId)))
                .map(view -> HouseholdResponses.household(view, false, personalData, today()));
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

}
