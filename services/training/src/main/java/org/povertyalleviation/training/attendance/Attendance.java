package org.povertyalleviation.training.attendance;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.povertyalleviation.platform.audit.AuditTrail;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.InvalidValueException;
import org.povertyalleviation.platform.domain.RuleRefusedException;
import org.povertyalleviation.platform.problem.NotFoundException;
import org.povertyalleviation.platform.security.Caller;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.povertyalleviation.training.attendance.domain.CheckIn;
import org.povertyalleviation.training.attendance.domain.Tally;
import org.povertyalleviation.training.attendance.domain.RotatingCode;
import org.povertyalleviation.training.attendance.domain.Sitting;
import org.povertyalleviation.training.attendance.persistence.AttendanceRepository;
import org.povertyalleviation.training.session.Sessions;
import org.povertyalleviation.training.session.domain.Enrolment;
import org.povertyalleviation.training.session.persistence.SessionRepository;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Sittings and attendance. A person checks in with the code on the lecturer's screen (its QR token or its six digits),
 * through the session's learning app signed in as themselves, or on the lecturer's device; a lecturer marks by hand with
 * a reason. Every check-in is kept; one per person and sitting counts.
 */
@Service
public class Attendance {

    /** The lecturer's screen: the code now, until when, and the room's figures. */
    public record Screen(Sitting sitting, String token, String fallbackCode, Instant validUntil, int refreshSeconds, long enrolled,
                         Tally tally) {
    }

    /** A sitting's check-ins and figures, the names as the caller may see them. */
    public record SittingView(Sitting sitting, List<CheckIn> checkIns, java.util.Map<UUID, Enrolment> people, Tally tally,
                              long enrolled, boolean personalData) {
    }

    private final AttendanceRepository attendance;
    private final SessionRepository sessions;
    private final Sessions sessionAccess;
    private final TenantTransactions tenantTransactions;
    private final AuditTrail audit;
    private final Clock clock;

    public Attendance(AttendanceRepository attendance, SessionRepository sessions, Sessions sessionAccess, TenantTransactions tenantTransactions,
                      AuditTrail audit, Clock clock) {
        this.attendance = attendance;
        this.sessions = sessions;
        this.sessionAccess = sessionAccess;
        this.tenantTransactions = tenantTransactions;
        this.audit = audit;
        this.clock = clock;
    }

    public Mono<Sitting> plan(CountyCode county, Caller caller, UUID session, Instant startsAt, Instant endsAt) {
        Sitting sitting = Sitting.plan(county, session, startsAt, endsAt, clock.instant());
        return tenantTransactions.inCounty(county, () -> sessionAccess.session(county, caller, session)
                .then(attendance.insert(sitting))
                .then(audit.write("sitting.planned", "sitting", sitting.id().toString())).thenReturn(sitting));
    }

    public Mono<List<Sitting>> ofSession(CountyCode county, Caller caller, UUID session) {
        return tenantTransactions.inCounty(county, () -> sessionAccess.session(county, caller, session)
                .then(attendance.sittings(county, session).collectList()));
    }

    public Mono<Screen> screen(CountyCode county, UUID id) {
        Instant now = clock.instant();
        long step = RotatingCode.step(now);
        return tenantTransactions.inCounty(county, () -> sitting(county, id)
                .flatMap(sitting -> Mono.zip(attendance.tally(county, id), sessions.find(county, sitting.session()))
                        .map(both -> new Screen(sitting, RotatingCode.token(id, sitting.secret(), step),
                                RotatingCode.fallback(id, sitting.secret(), step), RotatingCode.stepEnds(step), RotatingCode.PERIOD_SECONDS,
                                both.getT2().enrolled(), both.getT1()))));
    }

    /** A check-in with the screen's code: exactly one of the QR's token or the six digits. */
    public Mono<CheckIn> checkIn(CountyCode county, Caller caller, UUID sittingId, UUID enrolmentId, String token, String code, String appPerson) {
        if ((token == null || token.isBlank()) == (code == null || code.isBlank())) {
            throw new InvalidValueException(token == null || token.isBlank() ? "token" : "code",
                    "send the code on the screen: either the QR code's token or the six digits, not both");
        }
        Instant now = clock.instant();
        RotatingCode.Token scanned = token == null || token.isBlank() ? null : RotatingCode.parse(token);
        return tenantTransactions.inCounty(county, () -> sitting(county, sittingId)
                .flatMap(sitting -> {
                    sitting.requireOpen(now, scanned != null ? "token" : "code");
                    if (scanned != null) {
                        RotatingCode.check(scanned, sittingId, sitting.secret(), now);
                    } else {
                        RotatingCode.checkFallback(code.strip(), sittingId, sitting.secret(), now);
                    }
                    return person(county, caller, sitting, enrolmentId, appPerson)
                            .flatMap(enrolment -> record(county, sitting, enrolment, scanned != null ? CheckIn.Method.QR : CheckIn.Method.CODE, null,
                                    caller, now));
                }));
    }

    /** A lecturer's mark for a person who could not check in (no phone, a broken screen), with the reason. */
    public Mono<CheckIn> mark(CountyCode county, Caller caller, UUID sittingId, UUID enrolmentId, String reason) {
        Instant now = clock.instant();
        if (reason == null || reason.isBlank()) {
            throw new InvalidValueException("reason", "a lecturer's mark says why the person could not check in");
        }
        return tenantTransactions.inCounty(county, () -> sitting(county, sittingId)
                .flatMap(sitting -> {
                    sitting.requireOpen(now, "enrolment");
                    return enrolledIn(county, sitting, enrolmentId)
                            .flatMap(enrolment -> record(county, sitting, enrolment, CheckIn.Method.MANUAL, reason, caller, now));
                }));
    }

    public Mono<SittingView> view(CountyCode county, Caller caller, UUID id) {
        return tenantTransactions.inCounty(county, () -> sitting(county, id)
                .flatMap(sitting -> sessionAccess.session(county, caller, sitting.session())
                        .flatMap(session -> Mono.zip(attendance.checkIns(county, id).collectList(), attendance.tally(county, id),
                                        sessions.enrolments(county, sitting.session()).collectMap(Enrolment::id))
                                .map(all -> new SittingView(sitting, all.getT1(), all.getT3(), all.getT2(), session.enrolled(), caller.countyStaff())))));
    }

    private Mono<CheckIn> record(CountyCode county, Sitting sitting, Enrolment enrolment, CheckIn.Method method, String reason, Caller caller,
                                 Instant now) {
        return attendance.counted(county, sitting.id(), enrolment.id())
                .map(counted -> CheckIn.of(county, sitting, enrolment.id(), method, reason, counted, caller.recordedAs(), now))
                .flatMap(attendance::insert)
                .flatMap(kept -> audit.write("check-in." + method.name().toLowerCase(), "check-in", kept.id().toString()).thenReturn(kept));
    }

    /**
     * The person checking in: enrolled in the sitting's session and, through a learning app, the app's own signed-in
     * person (the app must be the session's, and the person the one the enrolment names).
     */
    private Mono<Enrolment> person(CountyCode county, Caller caller, Sitting sitting, UUID enrolmentId, String appPerson) {
        return sessionAccess.session(county, caller, sitting.session())
                .then(enrolledIn(county, sitting, enrolmentId))
                .flatMap(enrolment -> {
                    if (caller.partnerOnly() && (appPerson == null || !appPerson.equals(enrolment.appPerson()))) {
                        return Mono.error(new AccessDeniedException("A learning app checks in only the person signed in to it: "
                                + "appPerson must be the enrolment's own account"));
                    }
                    return Mono.just(enrolment);
                });
    }

    private Mono<Enrolment> enrolledIn(CountyCode county, Sitting sitting, UUID enrolmentId) {
        if (enrolmentId == null) {
            throw new InvalidValueException("enrolment", "is required");
        }
        return sessions.enrolment(county, enrolmentId)
                .filter(enrolment -> enrolment.session().equals(sitting.session()))
                .switchIfEmpty(Mono.error(RuleRefusedException.violated("not-enrolled", "Enrolment " + enrolmentId + " is not of this sitting's session",
                        "enrolment")))
                .doOnNext(Enrolment::requireEnrolled);
    }

    private Mono<Sitting> sitting(CountyCode county, UUID id) {
        return attendance.sitting(county, id).switchIfEmpty(Mono.error(new NotFoundException("Sitting", id)));
    }
}
