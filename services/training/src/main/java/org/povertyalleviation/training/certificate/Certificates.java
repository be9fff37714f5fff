package org.povertyalleviation.training.certificate;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.povertyalleviation.platform.audit.AuditTrail;
import org.povertyalleviation.platform.domain.ChinaTime;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.outbox.Outbox;
import org.povertyalleviation.platform.problem.ConflictException;
import org.povertyalleviation.platform.problem.NotFoundException;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.povertyalleviation.training.attendance.persistence.AttendanceRepository;
import org.povertyalleviation.training.certificate.domain.Certificate;
import org.povertyalleviation.training.certificate.domain.VillageFigures;
import org.povertyalleviation.training.certificate.messaging.CertificateIssued;
import org.povertyalleviation.training.certificate.messaging.CertificateRevoked;
import org.povertyalleviation.training.certificate.persistence.CertificateRepository;
import org.povertyalleviation.training.course.domain.Course;
import org.povertyalleviation.training.course.persistence.CourseRepository;
import org.povertyalleviation.training.session.domain.Enrolment;
import org.povertyalleviation.training.session.persistence.SessionRepository;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Certificates: issued on the course's rules with their event, revoked with a reason, verified by anyone by code. */
@Service
@EnableConfigurationProperties(CertificateProperties.class)
public class Certificates {

    /** A certificate with its course, as verified or shown. */
    public record CertificateView(Certificate certificate, Course course, Certificate.Standing standing) {
    }

    /** The county's coverage: per village, the gaps, and the totals. */
    public record Coverage(int year, List<VillageFigures> villages, long personTimes) {

        public List<VillageFigures> gaps() {
            return villages.stream().filter(village -> village.certifiedPeople() == 0).toList();
        }

        public long certifiedPeople() {
            return villages.stream().mapToLong(VillageFigures::certifiedPeople).sum();
        }
    }

    private final CertificateRepository certificates;
    private final SessionRepository sessions;
    private final CourseRepository courses;
    private final AttendanceRepository attendance;
    private final CertificateProperties properties;
    private final TenantTransactions tenantTransactions;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final Clock clock;

    public Certificates(CertificateRepository certificates, SessionRepository sessions, CourseRepository courses, AttendanceRepository attendance,
                        CertificateProperties properties, TenantTransactions tenantTransactions, Outbox outbox, AuditTrail audit, Clock clock) {
        this.certificates = certificates;
        this.sessions = sessions;
        this.courses = courses;
        this.attendance = attendance;
        this.properties = properties;
        this.tenantTransactions = tenantTransactions;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    public Mono<CertificateView> issue(CountyCode county, UUID enrolmentId, String issuedBy) {
        LocalDate today = today();
        return tenantTransactions.inCounty(county, () -> sessions.enrolmentForUpdate(county, enrolmentId)
                .switchIfEmpty(Mono.error(new NotFoundException("Enrolment", enrolmentId)))
                .doOnNext(Enrolment::requireEnrolled)
                .flatMap(enrolment -> certificates.issued(county, enrolmentId).flatMap(issued -> issued
                        ? Mono.<CertificateView>error(new ConflictException("certificate-issued", "The person has this session's certificate already",
                                "enrolment"))
                        : sessions.find(county, enrolment.session())
                                .flatMap(session -> Mono.zip(courses.find(county, session.course()), attendance.sittingCount(county, session.id()),
                                        attendance.attended(county, enrolmentId)))
                                .flatMap(found -> {
                                    Course course = found.getT1();
                                    Certificate certificate = Certificate.issue(county, enrolmentId, course.id(), enrolment.session(), enrolment.name(),
                                            enrolment.household(), enrolment.member(), enrolment.village(), course.validMonths(),
                                            new Certificate.Requirement(found.getT2().intValue(), found.getT3().intValue(), course.attendancePercent(),
                                                    course.assessment(), enrolment.assessmentPassed()), today, issuedBy);
                                    return certificates.insert(certificate)
                                            .then(outbox.publish(CertificateIssued.of(certificate, course)))
                                            .then(audit.write("certificate.issued", "certificate", certificate.id().toString()))
                                            .thenReturn(new CertificateView(certificate, course, certificate.standing(today)));
                                }))));
    }

    public Mono<CertificateView> revoke(CountyCode county, UUID id, String reason) {
        LocalDate today = today();
        return tenantTransactions.inCounty(county, () -> certificates.findForUpdate(county, id)
                .switchIfEmpty(Mono.error(new NotFoundException("Certificate", id)))
                .map(certificate -> certificate.revoke(reason, clock.instant()))
                .flatMap(revoked -> courses.find(county, revoked.course())
                        .flatMap(course -> certificates.revoked(revoked)
                                .then(outbox.publish(CertificateRevoked.of(revoked, course)))
                                .then(audit.write("certificate.revoked", "certificate", id.toString()))
                                .thenReturn(new CertificateView(revoked, course, revoked.standing(today))))));
    }

    public Mono<CertificateView> find(CountyCode county, UUID id) {
        LocalDate today = today();
        return tenantTransactions.inCounty(county, () -> certificates.find(county, id)
                .switchIfEmpty(Mono.error(new NotFoundException("Certificate", id)))
                .flatMap(certificate -> courses.find(county, certificate.course()).map(course -> new CertificateView(certificate, course,
                        certificate.standing(today)))));
    }

    /** The PDF with the holder's full name: only for the roles its endpoint allows, and audited as a read of personal data. */
    public Mono<byte[]> pdf(CountyCode county, UUID id) {
        return find(county, id).flatMap(view -> tenantTransactions.inCounty(county, () -> audit.personalDataRead("certificate.pdf", "certificate",
                        id.toString()).then(certificates.countyName(county)))
                .map(countyName -> CertificatePdf.of(new CertificatePdf.Content(countyName, view.certificate().holderName(), view.course().title(),
                        view.course().hours().toPlainString(), view.certificate().issuedOn(), view.certificate().expiresOn(), view.certificate().code(),
                        properties.pageOf(view.certificate().code())))));
    }

    public Mono<List<CertificateView>> ofSession(CountyCode county, UUID session) {
        LocalDate today = today();
        return tenantTransactions.inCounty(county, () -> sessions.find(county, session)
                .switchIfEmpty(Mono.error(new NotFoundException("Session", session)))
                .thenMany(certificates.ofSession(county, session))
                .flatMap(certificate -> courses.find(county, certificate.course()).map(course -> new CertificateView(certificate, course,
                        certificate.standing(today)))).collectList());
    }

    /** Valid certificates that expire within the days: whom to remind to take the refresher. */
    public Mono<List<CertificateView>> expiring(CountyCode county, int withinDays, int limit) {
        LocalDate today = today();
        return tenantTransactions.inCounty(county, () -> certificates.expiring(county, today, today.plusDays(withinDays), limit)
                .flatMap(certificate -> courses.find(county, certificate.course()).map(course -> new CertificateView(certificate, course,
                        certificate.standing(today)))).collectList());
    }

    /** Anyone's verification by code: empty for a code that is no certificate's. */
    public Mono<Optional<CertificateView>> verify(String code) {
        LocalDate today = today();
        if (code == null || !code.matches("[0-9A-Z]{12}")) {
            return Mono.just(Optional.empty());
        }
        return certificates.countyOf(code).flatMap(county -> county.isEmpty() ? Mono.just(Optional.<CertificateView>empty())
                : tenantTransactions.inCounty(county.get(), () -> certificates.byCode(county.get(), code)
                        .flatMap(certificate -> courses.find(county.get(), certificate.course())
                                .map(course -> Optional.of(new CertificateView(certificate, course, certificate.standing(today)))))
                        .defaultIfEmpty(Optional.empty())));
    }

    public Mono<Coverage> coverage(CountyCode county, int year) {
        LocalDate today = today();
        return tenantTransactions.inCounty(county, () -> certificates.villageFigures(county, year, today).collectList()
                .zipWith(certificates.personTimes(county, year), (villages, personTimes) -> new Coverage(year, villages, personTimes)));
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ChinaTime.ZONE));
    }
}
