package org.povertyalleviation.supplyplatform.organisation;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.povertyalleviation.platform.audit.AuditTrail;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.RuleRefusedException;
import org.povertyalleviation.platform.households.KnownHouseholds;
import org.povertyalleviation.platform.problem.ConflictException;
import org.povertyalleviation.platform.problem.NotFoundException;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.povertyalleviation.supplyplatform.organisation.domain.Organisation;
import org.povertyalleviation.supplyplatform.organisation.domain.OrganisationKind;
import org.povertyalleviation.supplyplatform.organisation.persistence.OrganisationRepository;
import org.povertyalleviation.supplyplatform.organisation.domain.Member;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Organisations and their members, each change in one county transaction with its audit entry. */
@Service
public class Organisations {

    /** An organisation with how many member households it has. */
    public record OrganisationView(Organisation organisation, long members) {
    }

    private final OrganisationRepository organisations;
    private final KnownHouseholds households;
    private final TenantTransactions tenantTransactions;
    private final AuditTrail audit;
    private final Clock clock;

    public Organisations(OrganisationRepository organisations, KnownHouseholds households, TenantTransactions tenantTransactions,
                         AuditTrail audit, Clock clock) {
        this.organisations = organisations;
        this.households = households;
        this.tenantTransactions = tenantTransactions;
        this.audit = audit;
        this.clock = clock;
    }

    public Mono<OrganisationView> register(CountyCode county, OrganisationKind kind, String name, String legalId, String contactName,
                                           String village, String registeredBy) {
        Organisation organisation = Organisation.register(county, kind, name, legalId, contactName, village, registeredBy, clock.instant());
        return tenantTransactions.inCounty(county, () -> requireVillage(county, village)
                .then(organisations.legalIdTaken(county, organisation.legalId().value()))
                .flatMap(taken -> taken ? Mono.error(new ConflictException("legal-id-registered",
                        "County " + county + " has an organisation with this unified social credit code already", "legalId")) : Mono.empty())
                .then(organisations.insert(organisation))
                .then(audit.write("organisation.registered", "organisation", organisation.id().toString()))
                .thenReturn(new OrganisationView(organisation, 0)));
    }

    public Mono<OrganisationView> find(CountyCode county, UUID id) {
        return tenantTransactions.inCounty(county, () -> require(county, id)
                .flatMap(organisation -> organisations.memberCount(county, id).map(members -> new OrganisationView(organisation, members))));
    }

    public Mono<List<Organisation>> list(CountyCode county, OrganisationKind kind, int limit) {
        return tenantTransactions.inCounty(county, () -> organisations.list(county, kind, limit).collectList());
    }

    /** Makes the household a member (again: nothing changes); only cooperatives and associations have members. */
    public Mono<Boolean> addMember(CountyCode county, UUID organisation, UUID household, LocalDate joinedOn) {
        return tenantTransactions.inCounty(county, () -> require(county, organisation)
                .flatMap(found -> found.kind().hasMembers() ? Mono.just(found) : Mono.error(RuleRefusedException.violated(
                        "enterprise-has-no-members", "An enterprise has no member households: record its purchase orders, "
                                + "workshop or shareholdings instead", "organisation")))
                .then(households.require(county.value(), household, "household"))
                .then(Mono.fromRunnable(() -> {
                    if (joinedOn.isAfter(LocalDate.now(clock))) {
                        throw RuleRefusedException.violated("joined-in-future", "A household is made a member once it joined", "joinedOn");
                    }
                }))
                .then(organisations.addMember(county, organisation, household, joinedOn))
                .flatMap(added -> added
                        ? audit.write("organisation.member-added", "organisation", organisation + ":" + household).thenReturn(true)
                        : Mono.just(false)));
    }

    public Mono<Void> removeMember(CountyCode county, UUID organisation, UUID household) {
        return tenantTransactions.inCounty(county, () -> require(county, organisation)
                .then(organisations.removeMember(county, organisation, household))
                .flatMap(removed -> removed
                        ? audit.write("organisation.member-removed", "organisation", organisation + ":" + household)
                        : Mono.error(new NotFoundException("Member", household))));
    }

    public Mono<List<Member>> members(CountyCode county, UUID organisation, int limit) {
        return tenantTransactions.inCounty(county, () -> require(county, organisation)
                .then(organisations.members(county, organisation, limit).collectList()));
    }

    /** The organisation, or a 404 (another county's is not visible: row-level security). */
    public Mono<Organisation> require(CountyCode county, UUID id) {
        return organisations.find(county, id).switchIfEmpty(Mono.error(new NotFoundException("Organisation", id)));
    }

    /** The organisation named in a request's field, or a 422 naming the field (it is not the resource in the path). */
    public Mono<Organisation> requireNamed(CountyCode county, UUID id, String field) {
        return organisations.find(county, id).switchIfEmpty(Mono.error(RuleRefusedException.violated("unknown-organisation",
                "County " + county + " has no organisation " + id, field)));
    }

    public Mono<Void> requireVillage(CountyCode county, String village) {
        return village == null ? Mono.empty() : organisations.villageExists(county, village)
                .flatMap(known -> known ? Mono.<Void>empty() : Mono.error(RuleRefusedException.violated("unknown-village",
                        "County " + county + " has no village " + village, "village")));
    }
}
