package org.povertyalleviation.training.session;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.povertyalleviation.platform.audit.AuditTrail;
import org.povertyalleviation.platform.domain.ChinaTime;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.RuleRefusedException;
import org.povertyalleviation.platform.households.KnownHouseholds;
import org.povertyalleviation.platform.problem.ConflictException;
import org.povertyalleviation.platform.problem.NotFoundException;
import org.povertyalleviation.platform.security.Caller;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.povertyalleviation.training.course.domain.TargetGroup;
import org.povertyalleviation.training.course.persistence.CourseRepository;
import org.povertyalleviation.training.session.domain.Enrolment;
import org.povertyalleviation.training.session.domain.EnrolmentStatus;
import org.povertyalleviation.training.session.domain.PlaceKind;
import org.povertyalleviation.training.session.domain.Session;
import org.povertyalleviation.training.session.persistence.SessionRepository;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Sessions, enrolment and the waitlist. A full session waitlists; a cancellation of an enrolled person promotes the
 * first person waiting in the same transaction (or gives the place back when nobody waits). A partner learning app
 * reaches only the sessions that run on it.
 */
@Service
public class Sessions {

    /** A session with its enrolments as the caller may see them. */
    public record SessionView(Session session, List<Enrolment> enrolments, boolean personalData) {
    }

    /** An enrolment's outcome, and the person promoted from the waitlist by a cancellation, if any. */
    public record EnrolmentView(Enrolment enrolment, Enrolment promoted, boolean personalData) {
    }

    private final SessionRepository sessions;
    private final CourseRepository courses;
    private final KnownHouseholds households;
    private final TenantTransactions tenantTransactions;
    private final AuditTrail audit;
    private final Clock clock;

    public Sessions(SessionRepository sessions, CourseRepository courses, KnownHouseholds households, TenantTransactions tenantTransactions,
                    AuditTrail audit, Clock clock) {
        this.sessions = sessions;
        this.courses = courses;
        this.households = households;
        this.tenantTransactions = tenantTransactions;
        this.audit = audit;
        this.clock = clock;
    }

    public Mono<Session> schedule(CountyCode county, UUID course, PlaceKind place, String township, String village, String address, String lecturer,
                                  int capacity, LocalDate startsOn, LocalDate endsOn, String partnerClient) {
        Session session = Session.schedule(county, course, place, township, village, address, lecturer, capacity, startsOn, endsOn, partnerClient,
                LocalDate.now(clock.withZone(ChinaTime.ZONE)), clock.instant());
        return tenantTransactions.inCounty(county, () -> courses.find(county, course)
                .switchIfEmpty(Mono.error(RuleRefusedException.violated("unknown-course", "County " + county + " has no course " + course, "course")))
                .then(sessions.insert(session))
                .then(audit.write("session.scheduled", "session", session.id().toString())).thenReturn(session));
    }

    public Mono<SessionView> find(CountyCode county, Caller caller, UUID id) {
        return tenantTransactions.inCounty(county, () -> session(county, caller, id)
                .flatMap(session -> sessions.enrolments(county, id).collectList()
                        .map(enrolments -> new SessionView(session, enrolments, caller.countyStaff()))));
    }

    /** Sessions starting in the period, each with how many wait; a learning app's only those on it. */
    public Mono<List<java.util.Map.Entry<Session, Long>>> between(CountyCode county, Caller caller, LocalDate from, LocalDate to, int limit) {
        return tenantTransactions.inCounty(county, () -> sessions.between(county, from, to, caller.partnerOnly() ? String.valueOf(caller.client()) : null,
                limit).collectList());
    }

    public Mono<EnrolmentView> enrol(CountyCode county, Caller caller, UUID sessionId, UUID household, UUID member, String village, String name,
                                     String phone, TargetGroup group, String appPerson) {
        Enrolment asked = Enrolment.of(county, sessionId, household, member, village, name, phone, group, appPerson, caller.recordedAs(), clock.instant());
        return tenantTransactions.inCounty(county, () -> session(county, caller, sessionId)
                .flatMap(session -> {
                    if (caller.partnerOnly() && asked.appPerson() == null) {
                        return Mono.error(RuleRefusedException.violated("app-person-required",
                                "A learning app enrols a person with their account in the app, whose sign-in checks them in", "appPerson"));
                    }
                    if (!asked.registeredMember()) {
                        return Mono.just(asked);
                    }
                    return households.require(county.value(), household, "household")
                            .flatMap(known -> sessions.memberEnrolled(county, sessionId, member).flatMap(already -> already
                                    ? Mono.<Enrolment>error(new ConflictException("already-enrolled", "The member is enrolled or waiting in this session already",
                                            "member"))
                                    : Mono.just(asked.village() != null ? asked : withVillage(asked, known.villageCode()))));
                })
                .flatMap(enrolment -> sessions.takePlace(county, sessionId)
                        .flatMap(placed -> sessions.insert(withStatus(enrolment, placed ? EnrolmentStatus.ENROLLED : EnrolmentStatus.WAITLISTED)))
                        .flatMap(saved -> audit.write("enrolment." + saved.status().name().toLowerCase(), "enrolment", saved.id().toString())
                                .thenReturn(new EnrolmentView(saved, null, caller.countyStaff())))));
    }

    public Mono<EnrolmentView> cancel(CountyCode county, Caller caller, UUID id) {
        return tenantTransactions.inCounty(county, () -> sessions.enrolmentForUpdate(county, id)
                .switchIfEmpty(Mono.error(new NotFoundException("Enrolment", id)))
                .flatMap(enrolment -> session(county, caller, enrolment.session()).thenReturn(enrolment))
                .flatMap(enrolment -> {
                    if (enrolment.status() == EnrolmentStatus.CANCELLED) {
                        return Mono.error(RuleRefusedException.stateConflict("already-cancelled", "The enrolment is cancelled already"));
                    }
                    Mono<Enrolment> promoted = enrolment.status() != EnrolmentStatus.ENROLLED ? Mono.empty()
                            : sessions.firstWaiting(county, enrolment.session())
                                    .flatMap(waiting -> sessions.status(county, waiting.id(), EnrolmentStatus.ENROLLED)
                                            .then(audit.write("enrolment.promoted", "enrolment", waiting.id().toString()))
                                            .thenReturn(withStatus(waiting, EnrolmentStatus.ENROLLED)))
                                    .switchIfEmpty(Mono.defer(() -> sessions.releasePlace(county, enrolment.session()).then(Mono.empty())));
                    return sessions.status(county, id, EnrolmentStatus.CANCELLED)
                            .then(audit.write("enrolment.cancelled", "enrolment", id.toString()))
                            .then(promoted.map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty()))
                            .map(next -> new EnrolmentView(withStatus(enrolment, EnrolmentStatus.CANCELLED), next.orElse(null), caller.countyStaff()));
                }));
    }

    public Mono<EnrolmentView> enrolment(CountyCode county, Caller caller, UUID id) {
        return tenantTransactions.inCounty(county, () -> sessions.enrolment(county, id)
                .switchIfEmpty(Mono.error(new NotFoundException("Enrolment", id)))
                .flatMap(enrolment -> session(county, caller, enrolment.session()).thenReturn(new EnrolmentView(enrolment, null, caller.countyStaff()))));
    }

    public Mono<Enrolment> assess(CountyCode county, UUID id, boolean passed) {
        return tenantTransactions.inCounty(county, () -> sessions.enrolmentForUpdate(county, id)
                .switchIfEmpty(Mono.error(new NotFoundException("Enrolment", id)))
                .map(enrolment -> enrolment.assessed(passed, clock.instant()))
                .flatMap(assessed -> sessions.assessed(assessed).then(audit.write("enrolment.assessed", "enrolment", id.toString())).thenReturn(assessed)));
    }

    /** The session, if the caller reaches it: a partner only the sessions that run on its app (in the caller's transaction). */
    public Mono<Session> session(CountyCode county, Caller caller, UUID id) {
        return sessions.find(county, id).switchIfEmpty(Mono.error(new NotFoundException("Session", id)))
                .flatMap(session -> !caller.partnerOnly() || (caller.client() != null && caller.client().equals(session.partnerClient()))
                        ? Mono.just(session)
                        : Mono.error(new AccessDeniedException("Session " + id + " does not run on " + caller.client())));
    }

    private static Enrolment withVillage(Enrolment enrolment, String village) {
        return new Enrolment(enrolment.id(), enrolment.county(), enrolment.session(), enrolment.household(), enrolment.member(),
                village == null ? null : org.povertyalleviation.platform.domain.VillageCode.of(village), enrolment.name(), enrolment.phone(),
                enrolment.targetGroup(), enrolment.status(), enrolment.queued(), enrolment.appPerson(), enrolment.assessmentPassed(),
                enrolment.assessedAt(), enrolment.enrolledBy(), enrolment.enrolledAt());
    }

    private static Enrolment withStatus(Enrolment enrolment, EnrolmentStatus status) {
        return new Enrolment(enrolment.id(), enrolment.county(), enrolment.session(), enrolment.household(), enrolment.member(), enrolment.village(),
                enrolment.name(), enrolment.phone(), enrolment.targetGroup(), status, enrolment.queued(), enrolment.appPerson(),
                enrolment.assessmentPassed(), enrolment.assessedAt(), enrolment.enrolledBy(), enrolment.enrolledAt());
    }
}
