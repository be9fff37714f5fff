package org.povertyalleviation.training.certificate.web;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.povertyalleviation.platform.counties.CountyGate;
import org.povertyalleviation.platform.problem.InvalidRequestException;
import org.povertyalleviation.platform.problem.PageLimit;
import org.povertyalleviation.platform.problem.RequestIds;
import org.povertyalleviation.platform.security.Caller;
import org.povertyalleviation.training.certificate.CertificateProperties;
import org.povertyalleviation.training.certificate.Certificates;
import org.povertyalleviation.training.certificate.Certificates.CertificateView;
import org.povertyalleviation.training.certificate.domain.Certificate;
import org.povertyalleviation.training.certificate.domain.VillageFigures;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Certificates: issued from an enrolment, read, printed (PDF), revoked; the ones to refresh; the county's coverage. */
@RestController
class CertificateController {

    record RevocationRequest(
            @Schema(description = "Why it is revoked", example = "考勤记录经核查为代签", requiredMode = REQUIRED) @NotBlank @Size(max = Certificate.MAX_REASON)
            String reason) {
    }

    record CertificateResponse(UUID id, String county, String code, String verifyPage, UUID enrolment, UUID session, UUID course, String courseTitle,
                               String skill, String holder, UUID household, UUID member, String village, LocalDate issuedOn, LocalDate expiresOn,
                               String standing, String revokedReason, Instant revokedAt, String issuedBy) {
    }

    record VillageResponse(String village, String township, String nameZh, boolean poor, long certifiedPeople, long personTimes) {
    }

    record CoverageResponse(String county, int year, long personTimes, long certifiedPeople, int villages, int villagesWithCertified,
                            long poorVillagesWithout, List<VillageResponse> gaps, List<VillageResponse> all) {
    }

    private final CountyGate gate;
    private final Certificates certificates;
    private final CertificateProperties properties;

    CertificateController(CountyGate gate, Certificates certificates, CertificateProperties properties) {
        this.gate = gate;
        this.certificates = certificates;
        this.properties = properties;
    }

    @PostMapping("/counties/{county}/enrolments/{id}/certificate")
    Mono<ResponseEntity<CertificateResponse>> issue(@PathVariable String county, @PathVariable String id) {
        UUID enrolment = RequestIds.uuid("id", id);
        return gate.act(county).flatMap(code -> Caller.of(code).flatMap(caller -> certificates.issue(code, enrolment, caller.recordedAs())))
                .map(view -> ResponseEntity.created(URI.create("/counties/" + county + "/certificates/" + view.certificate().id()))
                        .body(response(view, true)));
    }

    @GetMapping("/counties/{county}/certificates/{id}")
    Mono<CertificateResponse> find(@PathVariable String county, @PathVariable String id) {
        UUID certificate = RequestIds.uuid("id", id);
        return gate.read(county).flatMap(code -> Caller.of(code).flatMap(caller -> certificates.find(code, certificate)
                .map(view -> response(view, caller.countyStaff()))));
    }

    @GetMapping(value = "/counties/{county}/certificates/{id}/certificate.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    Mono<ResponseEntity<byte[]>> pdf(@PathVariable String county, @PathVariable String id) {
        UUID certificate = RequestIds.uuid("id", id);
        return gate.read(county).flatMap(code -> certificates.pdf(code, certificate))
                .map(pdf -> ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"certificate-" + certificate + ".pdf\"").body(pdf));
    }

    @PostMapping("/counties/{county}/certificates/{id}/revocation")
    Mono<CertificateResponse> revoke(@PathVariable String county, @PathVariable String id, @Valid @RequestBody RevocationRequest request) {
        UUID certificate = RequestIds.uuid("id", id);
        return gate.act(county).flatMap(code -> certificates.revoke(code, certificate, request.reason())).map(view -> response(view, true));
    }

    @GetMapping("/counties/{county}/sessions/{id}/certificates")
    Mono<List<CertificateResponse>> ofSession(@PathVariable String county, @PathVariable String id) {
        UUID session = RequestIds.uuid("id", id);
        return gate.read(county).flatMap(code -> Caller.of(code).flatMap(caller -> certificates.ofSession(code, session)
                .map(list -> list.stream().map(view -> response(view, caller.countyStaff())).toList())));
    }

    @GetMapping("/counties/{county}/certificates/expiring")
    Mono<List<CertificateResponse>> expiring(@PathVariable String county, @RequestParam(defaultValue = "60") int withinDays,
                                             @RequestParam(defaultValue = "200") int limit) {
        PageLimit.check(limit, 1000);
        if (withinDays < 1 || withinDays > 366) {
            throw InvalidRequestException.field("withinDays", "must be 1 to 366");
        }
        return gate.read(county).flatMap(code -> Caller.of(code).flatMap(caller -> certificates.expiring(code, withinDays, limit)
                .map(list -> list.stream().map(view -> response(view, caller.countyStaff())).toList())));
    }

    @GetMapping("/counties/{county}/coverage")
    Mono<CoverageResponse> coverage(@PathVariable String county, @RequestParam(required = false) Integer year) {
        int asked = year == null ? Year.now().getValue() : year;
        if (asked < 2000 || asked > 2100) {
            throw InvalidRequestException.field("year", "must be 2000 to 2100");
        }
        return gate.read(county).flatMap(code -> certificates.coverage(code, asked))
                .map(coverage -> {
                    List<VillageResponse> all = coverage.villages().stream().map(CertificateController::village).toList();
                    return new CoverageResponse(county, asked, coverage.personTimes(), coverage.certifiedPeople(), all.size(),
                            (int) all.stream().filter(village -> village.certifiedPeople() > 0).count(),
                            coverage.gaps().stream().filter(VillageFigures::poor).count(),
                            coverage.gaps().stream().map(CertificateController::village).toList(), all);
                });
    }

    private static VillageResponse village(VillageFigures figures) {
        return new VillageResponse(figures.village(), figures.township(), figures.nameZh(), figures.poor(), figures.certifiedPeople(), figures.personTimes());
    }

    private CertificateResponse response(CertificateView view, boolean personalData) {
        Certificate certificate = view.certificate();
        return new CertificateResponse(certificate.id(), certificate.county().value(), certificate.code(), properties.pageOf(certificate.code()),
                certificate.enrolment(), certificate.session(), certificate.course(), view.course().title(),
                view.course().skill() == null ? null : view.course().skill().name(), personalData ? certificate.holderName() : certificate.maskedHolder(),
                certificate.household(), certificate.member(), certificate.village() == null ? null : certificate.village().value(),
                certificate.issuedOn(), certificate.expiresOn(), view.standing().name(), personalData ? certificate.revokedReason() : null,
                certificate.revokedAt(), certificate.issuedBy());
    }
}
