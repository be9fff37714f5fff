package org.povertyalleviation.training.session.web;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.povertyalleviation.platform.counties.CountyGate;
import org.povertyalleviation.platform.problem.InvalidRequestException;
import org.povertyalleviation.platform.problem.PageLimit;
import org.povertyalleviation.platform.problem.RequestIds;
import org.povertyalleviation.platform.security.Caller;
import org.povertyalleviation.training.course.domain.TargetGroup;
import org.povertyalleviation.training.session.Sessions;
import org.povertyalleviation.training.session.domain.Enrolment;
import org.povertyalleviation.training.session.domain.PlaceKind;
import org.povertyalleviation.training.session.domain.Session;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Sessions and enrolment. Names and phones are personal data: county staff see them, everyone else masked. A partner
 * learning app reaches only the sessions that run on it.
 */
@RestController
class SessionController {

    record SessionRequest(
            @Schema(description = "The course", example = "9a4c2e7b-3f1d-4b86-8e52-0c7a9d1f6b38", requiredMode = REQUIRED) @NotNull UUID course,
            @Schema(description = "Where it meets", example = "VILLAGE", requiredMode = REQUIRED) @NotNull PlaceKind placeKind,
            @Schema(description = "A township session's township (9 digits)", example = "621222101")
            @Pattern(regexp = "\\d{9}", message = "must be 9 digits") String township,
            @Schema(description = "A village session's village (12 digits)", example = "621222101201")
            @Pattern(regexp = "\\d{12}", message = "must be 12 digits") String village,
            @Schema(description = "Where exactly", example = "上坝村村委会会议室", requiredMode = REQUIRED) @NotBlank @Size(max = Session.MAX_TEXT) String address,
            @Schema(description = "The lecturer", example = "陇南电商学院 李老师", requiredMode = REQUIRED) @NotBlank @Size(max = Session.MAX_TEXT) String lecturer,
            @Schema(description = "How many people it takes; more wait", example = "40", requiredMode = REQUIRED)
            @NotNull @Min(1) @Max(Session.MAX_CAPACITY) Integer capacity,
            @Schema(description = "First day (not in the past)", example = "2026-12-10", requiredMode = REQUIRED) @NotNull LocalDate startsOn,
            @Schema(description = "Last day", example = "2026-12-12", requiredMode = REQUIRED) @NotNull LocalDate endsOn,
            @Schema(description = "The partner learning app it runs on (its client id)", example = "partner-wen")
            @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}", message = "must be a client id") String partnerClient) {
    }

    record EnrolmentRequest(
            @Schema(description = "A registered member's household", example = "7c1e9b52-8f3a-4d6b-a0e4-2b5d9c8f1a37") UUID household,
            @Schema(description = "A registered member's id in the household registry", example = "2b8e6f1a-4c7d-4e39-9a05-d1c3b7e8f264") UUID member,
            @Schema(description = "The person's village (a member's is the household's)", example = "621222101201")
            @Pattern(regexp = "\\d{12}", message = "must be 12 digits") String village,
            @Schema(description = "The name the certificate carries", example = "王秀兰", requiredMode = REQUIRED)
            @NotBlank @Size(max = Enrolment.MAX_NAME) String name,
            @Schema(description = "A mobile number (personal data)", example = "13812345678") @Pattern(regexp = "1\\d{10}", message = "must be 11 digits") String phone,
            @Schema(description = "Whom the person counts as", example = "POOR_HOUSEHOLD_MEMBER", requiredMode = REQUIRED) @NotNull TargetGroup targetGroup,
            @Schema(description = "The person's own account in the session's learning app (required when the app enrols)", example = "app-user-88213")
            @Size(max = 100) String appPerson) {
    }

    record AssessmentRequest(
            @Schema(description = "Whether the person passed the course's assessment", example = "true", requiredMode = REQUIRED) @NotNull Boolean passed) {
    }

    record EnrolmentResponse(UUID id, UUID session, UUID household, UUID member, String village, String name, String phone, String targetGroup,
                             String status, String appPerson, Boolean assessmentPassed, Instant enrolledAt) {
    }

    record CancellationResponse(EnrolmentResponse cancelled, EnrolmentResponse promoted) {
    }

    record SessionResponse(UUID id, String county, UUID course, String placeKind, String township, String village, String address, String lecturer,
                           int capacity, int enrolled, long waitlisted, LocalDate startsOn, LocalDate endsOn, String partnerClient,
                           List<EnrolmentResponse> enrolments) {
    }

    private final CountyGate gate;
    private final Sessions sessions;

    SessionController(CountyGate gate, Sessions sessions) {
        this.gate = gate;
        this.sessions = sessions;
    }

    @PostMapping("/counties/{county}/sessions")
    Mono<ResponseEntity<SessionResponse>> schedule(@PathVariable String county, @Valid @RequestBody SessionRequest request) {
        return gate.act(county).flatMap(code -> sessions.schedule(code, request.course(), request.placeKind(), request.township(), request.village(),
                        request.address(), request.lecturer(), request.capacity(), request.startsOn(), request.endsOn(), request.partnerClient()))
                .map(session -> ResponseEntity.created(URI.create("/counties/" + county + "/sessions/" + session.id()))
                        .body(response(session, List.of(), 0, false)));
    }

    @GetMapping("/counties/{county}/sessions")
    Mono<List<SessionResponse>> between(@PathVariable String county, @RequestParam(required = false) String from,
                                        @RequestParam(required = false) String to, @RequestParam(defaultValue = "200") int limit) {
        PageLimit.check(limit, 1000);
        LocalDate first = from == null ? LocalDate.of(2000, 1, 1) : day("from", from);
        LocalDate last = to == null ? LocalDate.of(2100, 1, 1) : day("to", to);
        return gate.read(county).flatMap(code -> Caller.of(code).flatMap(caller -> sessions.between(code, caller, first, last, limit)))
                .map(list -> list.stream().map(entry -> response(entry.getKey(), null, entry.getValue(), false)).toList());
    }

    @GetMapping("/counties/{county}/sessions/{id}")
    Mono<SessionResponse> find(@PathVariable String county, @PathVariable String id) {
        UUID session = RequestIds.uuid("id", id);
        return gate.read(county).flatMap(code -> Caller.of(code).flatMap(caller -> sessions.find(code, caller, session)))
                .map(view -> response(view.session(), view.enrolments(), view.enrolments().stream()
                        .filter(enrolment -> enrolment.status() == org.povertyalleviation.training.session.domain.EnrolmentStatus.WAITLISTED).count(),
                        view.personalData()));
    }

    @PostMapping("/counties/{county}/sessions/{id}/enrolments")
    Mono<ResponseEntity<EnrolmentResponse>> enrol(@PathVariable String county, @PathVariable String id, @Valid @RequestBody EnrolmentRequest request) {
        UUID session = RequestIds.uuid("id", id);
        return gate.act(county).flatMap(code -> Caller.of(code).flatMap(caller -> sessions.enrol(code, caller, session, request.household(),
                        request.member(), request.village(), request.name(), request.phone(), request.targetGroup(), request.appPerson())))
                .map(view -> ResponseEntity.created(URI.create("/counties/" + county + "/enrolments/" + view.enrolment().id()))
                        .body(response(view.enrolment(), view.personalData())));
    }

    @GetMapping("/counties/{county}/enrolments/{id}")
    Mono<EnrolmentResponse> enrolment(@PathVariable String county, @PathVariable String id) {
        UUID enrolment = RequestIds.uuid("id", id);
        return gate.read(county).flatMap(code -> Caller.of(code).flatMap(caller -> sessions.enrolment(code, caller, enrolment)))
                .map(view -> response(view.enrolment(), view.personalData()));
    }

    @PostMapping("/counties/{county}/enrolments/{id}/cancellation")
    Mono<CancellationResponse> cancel(@PathVariable String county, @PathVariable String id) {
        UUID enrolment = RequestIds.uuid("id", id);
        return gate.act(county).flatMap(code -> Caller.of(code).flatMap(caller -> sessions.cancel(code, caller, enrolment)))
                .map(view -> new CancellationResponse(response(view.enrolment(), view.personalData()),
                        view.promoted() == null ? null : response(view.promoted(), view.personalData())));
    }

    @PutMapping("/counties/{county}/enrolments/{id}/assessment")
    Mono<EnrolmentResponse> assess(@PathVariable String county, @PathVariable String id, @Valid @RequestBody AssessmentRequest request) {
        UUID enrolment = RequestIds.uuid("id", id);
        return gate.act(county).flatMap(code -> sessions.assess(code, enrolment, request.passed())).map(assessed -> response(assessed, true));
    }

    static LocalDate day(String field, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw InvalidRequestException.field(field, "must be a date, YYYY-MM-DD");
        }
    }

    /** @param enrolments null in a list (only a session's own page lists its people) */
    private static SessionResponse response(Session session, List<Enrolment> enrolments, long waitlisted, boolean personalData) {
        return new SessionResponse(session.id(), session.county().value(), session.course(), session.placeKind().name(), session.township(),
                session.village() == null ? null : session.village().value(), session.address(), session.lecturer(), session.capacity(),
                session.enrolled(), waitlisted,
                session.startsOn(), session.endsOn(), session.partnerClient(),
                enrolments == null ? null : enrolments.stream().map(enrolment -> response(enrolment, personalData)).toList());
    }

    private static EnrolmentResponse response(Enrolment enrolment, boolean personalData) {
        return new EnrolmentResponse(enrolment.id(), enrolment.session(), enrolment.household(), enrolment.member(),
                enrolment.village() == null ? null : enrolment.village().value(), personalData ? enrolment.name() : enrolment.maskedName(),
                personalData ? enrolment.phone() : enrolment.maskedPhone(), enrolment.targetGroup().name(), enrolment.status().name(),
                enrolment.appPerson(), enrolment.assessmentPassed(), enrolment.enrolledAt());
    }
}
