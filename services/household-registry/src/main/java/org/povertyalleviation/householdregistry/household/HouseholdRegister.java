package org.povertyalleviation.householdregistry.household;

import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.povertyalleviation.householdregistry.household.domain.Household;
import org.povertyalleviation.householdregistry.household.domain.HouseholdStatus;
import org.povertyalleviation.householdregistry.household.domain.Lifecycle;
import org.povertyalleviation.householdregistry.household.domain.Member;
import org.povertyalleviation.householdregistry.household.domain.Relation;
import org.povertyalleviation.householdregistry.household.domain.ResidentId;
import org.povertyalleviation.platform.domain.RuleRefusedException;
import org.povertyalleviation.householdregistry.household.messaging.HouseholdEvents;
import org.povertyalleviation.householdregistry.household.persistence.HouseholdRepository;
import org.povertyalleviation.householdregistry.household.persistence.HouseholdRepository.HouseholdRow;
import org.povertyalleviation.householdregistry.household.persistence.HouseholdRepository.MemberRow;
import org.povertyalleviation.householdregistry.household.persistence.SkillCertificateRepository;
import org.povertyalleviation.householdregistry.household.persistence.SkillCertificateRepository.CertificateRow;
import org.povertyalleviation.householdregistry.income.IncomeProperties;
import org.povertyalleviation.platform.domain.Fen;
import org.povertyalleviation.householdregistry.income.persistence.IncomeRepository;
import org.povertyalleviation.householdregistry.personaldata.PersonalData;
import org.povertyalleviation.platform.audit.AuditTrail;
import org.povertyalleviation.platform.problem.ConflictException;
import org.povertyalleviation.platform.problem.NotFoundException;
import org.povertyalleviation.platform.problem.RuleViolatedException;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The register of a county's households: every change runs in one county transaction with its audit entry and
 * its event (outbox), so a change is recorded, audited and announced together or not at all.
 */
@Service
public class HouseholdRegister {

    /** A household with its members, as stored, and the training certificates that give the members skills. */
    public record HouseholdView(HouseholdRow household, List<MemberRow> members, List<CertificateRow> skillCertificates) {
    }

    private final TenantTransactions tenantTransactions;
    private final HouseholdRepository households;
    private final SkillCertificateRepository certificates;
    private final IncomeRepository income;
    private final HouseholdEvents events;
    private final AuditTrail audit;
    private final PersonalData personalData;
    private final IncomeProperties incomeProperties;
    private final Clock clock;

    public HouseholdRegister(TenantTransactions tenantTransactions, HouseholdRepository households, SkillCertificateRepository certificates,
                             IncomeRepository income, HouseholdEvents events, AuditTrail audit, PersonalData personalData,
                             IncomeProperties incomeProperties, Clock clock) {
        this.clock = clock;
        this.tenantTransactions = tenantTransactions;
        this.households = households;
        this.certificates = certificates;
        this.income = income;
        this.events = events;
        this.audit = audit;
        this.personalData = personalData;
        this.incomeProperties = incomeProperties;
    }

    /** Registers a household with its head (and any other members given): REGISTERED. */
    public Mono<HouseholdView> register(CountyCode county, Household household, List<Member> members) {
        String code = county.value();
        long heads = members.stream().filter(member -> member.relation() == Relation.HEAD).count();
        if (heads != 1) {
            return Mono.error(new RuleViolatedException("one-head", "A household has exactly one head (relation HEAD), not " + heads, "head"));
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < members.size(); i++) {
            if (!ids.add(members.get(i).residentId().value())) {
                return Mono.error(new ConflictException("duplicate-resident-id", "The same resident ID number is given twice",
                        memberField(i)));
            }
        }
        return tenantTransactions.inCounty(county, () -> requireVillage(code, household.village().value())
                .then(households.findByFileNumber(code, household.fileNumber())
                        .flatMap(existing -> Mono.<Void>error(new ConflictException("duplicate-file-number",
                                "File number " + household.fileNumber() + " is already registered", "fileNumber")))
                        .then(Mono.defer(() -> requireResidentIdsFree(code, members, null, HouseholdRegister::memberField))))
                .then(households.insert(code, household))
                .thenMany(Flux.fromIterable(members).concatMap(member -> households.insertMember(code, personalData.seal(code, household.id(), member))))
                .then(view(code, household.id()))
                .flatMap(view -> events.registered(view.household(), view.members().size())
                        .then(audit.write("household.registered", "household", household.id().toString()))
                        .thenReturn(view)))
                .onErrorMap(DataIntegrityViolationException.class, HouseholdRegister::concurrentDuplicate);
    }

    /** Replaces the file's own fields (not the status, not the members). */
    public Mono<HouseholdView> update(CountyCode county, Household household) {
        String code = county.value();
        return tenantTransactions.inCounty(county, () -> existing(code, household.id())
                .flatMap(current -> requireVillage(code, household.village().value())
                        .then(households.update(code, household)
                                .flatMap(updated -> households.memberCount(code, updated.id())
                                        .flatMap(members -> events.updated(updated, members))
                                        .then(audit.write("household.updated", "household", updated.id().toString()))))
                        .then(view(code, household.id()))));
    }

    /**
     * Moves the household to {@code target} if the lifecycle allows it: LIFTED is verified against the year's
     * recorded income per member, the year's poverty line and the guarantees (Lifecycle).
     *
     * @param year the assessed year for LIFTED (the current year when null)
     */
    public Mono<HouseholdView> changeStatus(CountyCode county, UUID id, HouseholdStatus target, Integer year, String reason) {
        String code = county.value();
        return tenantTransactions.inCounty(county, () -> households.findForUpdate(code, id)
                .switchIfEmpty(Mono.error(new NotFoundException("Household", id)))
                .flatMap(current -> switch (target) {
                    case LIFTED -> lift(code, current, year == null ? YearMonth.now(clock).getYear() : year);
                    case MONITORED -> monitor(current, reason, "CLERK",
                            List.of(Map.of("rule", "CLERK_ASSESSMENT", "detail", reason == null ? "" : reason)), Map.of());
                    case RETURNED -> returnToPoverty(current, reason);
                    case REGISTERED -> Mono.error(RuleRefusedException.stateConflict("illegal-transition",
                            "No household becomes REGISTERED again; it is registered once"));
                })
                .then(view(code, id)));
    }

    /**
     * LIFTED → MONITORED in the caller's county transaction, for the early warning: the same rule and event as a
     * clerk's assessment, with the warning's reasons and figures.
     */
    public Mono<HouseholdRow> monitor(HouseholdRow current, String reason, String detectedBy, List<Map<String, String>> reasons,
                                      Map<String, Long> figures) {
        Lifecycle.monitor(current.status(), reason);
        return households.changeStatus(current.countyCode(), current.id(), current.status(), HouseholdStatus.MONITORED, reason)
                .switchIfEmpty(Mono.error(RuleRefusedException.stateConflict("concurrent-change", "The household changed meanwhile; try again")))
                .flatMap(changed -> events.atRisk(changed, detectedBy, reasons, figures)
                        .then(audit.write("household.monitored", "household", changed.id().toString()))
                        .thenReturn(changed));
    }

    private Mono<HouseholdRow> lift(String county, HouseholdRow current, int year) {
        Fen line = incomeProperties.lines().of(year).orElse(null);
        return households.memberCount(county, current.id())
                .zipWith(income.monthly(county, current.id(), YearMonth.of(year, 1), YearMonth.of(year + 1, 1))
                        .reduce(Fen.ZERO, (sum, month) -> sum.plus(new Fen(month.amountFen()))))
                .flatMap(membersAndIncome -> {
                    Lifecycle.ExitAssessment assessment = new Lifecycle.ExitAssessment(year, membersAndIncome.getT2(),
                            membersAndIncome.getT1(), line, current.guarantees());
                    Lifecycle.lift(current.status(), assessment);
                    return households.changeStatus(county, current.id(), current.status(), HouseholdStatus.LIFTED,
                                    "Exit verified for " + year + ": " + assessment.perCapitaIncome() + " per member")
                            .flatMap(changed -> households.recordExit(county, changed.id(), year)
                                    .then(events.lifted(changed, current.status().name(), year,
                                            assessment.perCapitaIncome().value(), line.value()))
                                    .then(audit.write("household.lifted", "household", changed.id().toString()))
                                    .thenReturn(changed));
                });
    }

    private Mono<HouseholdRow> returnToPoverty(HouseholdRow current, String reason) {
        Lifecycle.returnToPoverty(current.status(), reason);
        return households.changeStatus(current.countyCode(), current.id(), current.status(), HouseholdStatus.RETURNED, reason)
                .flatMap(changed -> events.returned(changed, reason)
                        .then(audit.write("household.returned", "household", changed.id().toString()))
                        .thenReturn(changed));
    }

    public Mono<HouseholdView> addMember(CountyCode county, UUID householdId, Member member) {
        String code = county.value();
        if (member.relation() == Relation.HEAD) {
            return Mono.error(new RuleViolatedException("one-head", "The household already has its head; change the head's record instead", "relation"));
        }
        return tenantTransactions.inCounty(county, () -> households.findForUpdate(code, householdId)
                .switchIfEmpty(Mono.error(new NotFoundException("Household", householdId)))
                .flatMap(current -> requireResidentIdsFree(code, List.of(member), null, index -> "residentId")
                        .then(households.insertMember(code, personalData.seal(code, householdId, member)))
                        .then(membersChanged(code, householdId, "household.member-added", member.id())))
                .then(view(code, householdId)))
                .onErrorMap(DataIntegrityViolationException.class, HouseholdRegister::concurrentDuplicate);
    }

    public Mono<HouseholdView> updateMember(CountyCode county, UUID householdId, Member member) {
        String code = county.value();
        return tenantTransactions.inCounty(county, () -> households.findForUpdate(code, householdId)
                .switchIfEmpty(Mono.error(new NotFoundException("Household", householdId)))
                .flatMap(current -> households.members(code, householdId).collectList())
                .flatMap(members -> {
                    MemberRow before = members.stream().filter(row -> row.id().equals(member.id())).findFirst()
                            .orElseThrow(() -> new NotFoundException("Member", member.id()));
                    boolean wasHead = before.relation().equals(Relation.HEAD.name());
                    if (wasHead != (member.relation() == Relation.HEAD)) {
                        throw new RuleViolatedException("one-head", "The head stays the head; a household has exactly one", "relation");
                    }
                    return requireResidentIdsFree(code, List.of(member), member.id(), index -> "residentId")
                            .then(households.updateMember(code, personalData.seal(code, householdId, member)))
                            .then(membersChanged(code, householdId, "household.member-updated", member.id()));
                })
                .then(view(code, householdId)))
                .onErrorMap(DataIntegrityViolationException.class, HouseholdRegister::concurrentDuplicate);
    }

    public Mono<HouseholdView> removeMember(CountyCode county, UUID householdId, UUID memberId) {
        String code = county.value();
        return tenantTransactions.inCounty(county, () -> households.findForUpdate(code, householdId)
                .switchIfEmpty(Mono.error(new NotFoundException("Household", householdId)))
                .flatMap(current -> households.members(code, householdId)
                        .filter(row -> row.id().equals(memberId)).next()
                        .switchIfEmpty(Mono.error(new NotFoundException("Member", memberId)))
                        .flatMap(member -> member.relation().equals(Relation.HEAD.name())
                                ? Mono.error(new RuleViolatedException("one-head", "The head cannot be removed; a household has exactly one", "member"))
                                : households.deleteMember(code, householdId, memberId)))
                .then(membersChanged(code, householdId, "household.member-removed", memberId))
                .then(view(code, householdId)));
    }

    /** Removes a household registered by mistake: only while REGISTERED and before any income was recorded. */
    public Mono<Void> remove(CountyCode county, UUID id) {
        String code = county.value();
        return tenantTransactions.inCounty(county, () -> households.findForUpdate(code, id)
                .switchIfEmpty(Mono.error(new NotFoundException("Household", id)))
                .flatMap(current -> {
                    if (current.status() != HouseholdStatus.REGISTERED) {
                        return Mono.error(new ConflictException("not-removable",
                                "A " + current.status() + " household stays in the register; only a REGISTERED one can be removed"));
                    }
                    return income.anyFor(code, id).flatMap(any -> any
                            ? Mono.error(new ConflictException("not-removable", "The household has income entries; it stays in the register"))
                            : households.delete(code, id)
                                    .then(events.removed(current))
                                    .then(audit.write("household.removed", "household", id.toString())));
                }));
    }

    /** The household as stored; a revealed read is audited in the same transaction as it is read. */
    public Mono<HouseholdView> find(CountyCode county, UUID id, boolean revealed) {
        String code = county.value();
        return tenantTransactions.inCounty(county, () -> view(code, id)
                .flatMap(view -> revealed
                        ? audit.personalDataRead("household.personal-data.unmasked", "household", id.toString()).thenReturn(view)
                        : Mono.just(view)));
    }

    /** The household a resident ID number belongs to; every lookup is audited (it tells who is registered). */
    public Mono<HouseholdView> lookup(CountyCode county, ResidentId residentId, boolean revealed) {
        String code = county.value();
        return tenantTransactions.inCounty(county, () -> households.memberByResidentId(code, personalData.residentIdHash(code, residentId))
                .switchIfEmpty(Mono.error(new NotFoundException("Household of resident ID", residentId.masked())))
                .flatMap(found -> audit.personalDataRead(revealed ? "household.personal-data.unmasked" : "household.looked-up-by-resident-id",
                                "household", found.household().toString())
                        .then(view(code, found.household()))));
    }

    /** @param villages when not null, only households of these villages (a village cadre's) */
    public Flux<HouseholdRepository.HouseholdListRow> list(CountyCode county, String village, java.util.Set<String> villages,
                                                           HouseholdStatus status, String cause, String after, int limit) {
        // A page of names and masked numbers is a bulk read of personal data: audited with how many rows it showed.
        return tenantTransactions.manyInCounty(county, () -> households.list(county.value(), village, villages, status, cause, after, limit)
                .collectList()
                .flatMapMany(rows -> audit.personalDataRead("households.listed", village == null ? "county" : "village",
                        village == null ? county.value() : village, rows.size()).thenMany(Flux.fromIterable(rows))));
    }

    /** A member changed: the household's version moves on, household.updated.v1 and the audit entry say so. */
    Mono<Void> membersChanged(String county, UUID householdId, String action, UUID memberId) {
        return households.touch(county, householdId)
                .flatMap(updated -> households.memberCount(county, householdId).flatMap(members -> events.updated(updated, members)))
                .then(audit.write(action, "household", householdId + "/members/" + memberId));
    }

    private Mono<HouseholdView> view(String county, UUID id) {
        return existing(county, id).flatMap(household -> households.members(county, id).collectList()
                .flatMap(members -> certificates.counting(county, id).collectList()
                        .map(skillCertificates -> new HouseholdView(household, members, skillCertificates))));
    }

    private Mono<HouseholdRow> existing(String county, UUID id) {
        return households.find(county, id).switchIfEmpty(Mono.error(new NotFoundException("Household", id)));
    }

    private Mono<Void> requireVillage(String county, String village) {
        return households.villageExists(county, village).flatMap(known -> known ? Mono.<Void>empty()
                : Mono.error(new RuleViolatedException("unknown-village", "Village " + village + " is not a village of county " + county, "village")));
    }

    /** Each resident ID belongs to one member of one household in the county. */
    private Mono<Void> requireResidentIdsFree(String county, List<Member> members, UUID except, java.util.function.IntFunction<String> fieldOf) {
        List<Mono<Void>> checks = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            Member member = members.get(i);
            String field = fieldOf.apply(i);
            checks.add(households.memberByResidentId(county, personalData.residentIdHash(county, member.residentId()))
                    .filter(found -> !found.member().equals(except))
                    .flatMap(found -> Mono.error(new ConflictException("duplicate-resident-id",
                            "Resident ID " + member.residentId().masked() + " is already registered in household " + found.fileNumber(), field))));
        }
        return Flux.concat(checks).then();
    }

    /** The head is given apart from the other members in the API: members[0] is the head. */
    private static String memberField(int index) {
        return index == 0 ? "head.residentId" : "members[" + (index - 1) + "].residentId";
    }

    private static Throwable concurrentDuplicate(DataIntegrityViolationException e) {
        return new ConflictException("duplicate", "A household or member with the same file number or resident ID was registered at the same time");
    }
}
