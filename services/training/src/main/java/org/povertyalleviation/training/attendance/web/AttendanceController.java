package org.povertyalleviation.training.attendance.web;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.povertyalleviation.platform.codes.QrCodes;
import org.povertyalleviation.platform.counties.CountyGate;
import org.povertyalleviation.platform.problem.RequestIds;
import org.povertyalleviation.platform.security.Caller;
import org.povertyalleviation.training.attendance.Attendance;
import org.povertyalleviation.training.attendance.domain.CheckIn;
import org.povertyalleviation.training.attendance.domain.Sitting;
import org.povertyalleviation.training.session.domain.Enrolment;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Sittings, the lecturer's screen (the rotating code, as a token, a QR image and six digits, with the room's figures),
 * check-ins and a lecturer's marks.
 */
@RestController
class AttendanceController {

    record SittingRequest(
            @Schema(description = "When it starts", example = "2026-12-10T09:00:00+08:00", requiredMode = REQUIRED) @NotNull Instant startsAt,
            @Schema(description = "When it ends (at most 12 hours later)", example = "2026-12-10T12:00:00+08:00", requiredMode = REQUIRED) @NotNull Instant endsAt) {
    }

    record CheckInRequest(
            @Schema(description = "Who checks in: their enrolment in the session", example = "4e7a1c2b-9d3f-4b68-a05e-3c1d7f9b2e84", requiredMode = REQUIRED)
            @NotNull UUID enrolment,
            @Schema(description = "The token of the QR code on the lecturer's screen (or send code)", example = "5f2e9a7c-1b3d-4c8e-a6f0-7d9b2e4c1a83.59351760.Zk3xQ1mN8pLw2Rt")
            @Size(max = 120) String token,
            @Schema(description = "The six digits on the lecturer's screen, for a phone without a camera (or send token)", example = "482913")
            @Size(max = 6) String code,
            @Schema(description = "Through a learning app: the app's signed-in person, who must be the enrolment's own account", example = "app-user-88213")
            @Size(max = 100) String appPerson) {
    }

    record MarkRequest(
            @Schema(description = "Whom the lecturer marks present", example = "4e7a1c2b-9d3f-4b68-a05e-3c1d7f9b2e84", requiredMode = REQUIRED) @NotNull UUID enrolment,
            @Schema(description = "Why the person could not check in", example = "老人无智能手机，讲师现场确认", requiredMode = REQUIRED)
            @NotBlank @Size(max = CheckIn.MAX_REASON) String reason) {
    }

    record SittingResponse(UUID id, UUID session, Instant startsAt, Instant endsAt) {
    }

    record ScreenResponse(UUID sitting, String token, String fallbackCode, Instant validUntil, int refreshSeconds, long enrolled, long checkedIn,
                          long late, long duplicates, long manual) {
    }

    record CheckInResponse(UUID id, UUID sitting, UUID enrolment, String method, Instant at, boolean counted, String flag, String reason,
                           String recordedBy) {
    }

    record PersonCheckIn(CheckInResponse checkIn, String name) {
    }

    record AttendanceResponse(SittingResponse sitting, long enrolled, long checkedIn, long late, long duplicates, long manual, List<PersonCheckIn> checkIns) {
    }

    private final CountyGate gate;
    private final Attendance attendance;

    AttendanceController(CountyGate gate, Attendance attendance) {
        this.gate = gate;
        this.attendance = attendance;
    }

    @PostMapping("/counties/{county}/sessions/{id}/sittings")
    Mono<ResponseEntity<SittingResponse>> plan(@PathVariable String county, @PathVariable String id, @Valid @RequestBody SittingRequest request) {
        UUID session = RequestIds.uuid("id", id);
        return gate.act(county).flatMap(code -> Caller.of(code).flatMap(caller -> attendance.plan(code, caller, session, request.startsAt(),
                        request.endsAt())))
                .map(sitting -> ResponseEntity.created(URI.create("/counties/" + county + "/sittings/" + sitting.id())).body(response(sitting)));
    }

    @GetMapping("/counties/{county}/sessions/{id}/sittings")
    Mono<List<SittingResponse>> ofSession(@PathVariable String county, @PathVariable String id) {
        UUID session = RequestIds.uuid("id", id);
        return gate.read(county).flatMap(code -> Caller.of(code).flatMap(caller -> attendance.ofSession(code, caller, session)))
                .map(list -> list.stream().map(AttendanceController::response).toList());
    }

    @GetMapping("/counties/{county}/sittings/{id}/screen")
    Mono<ResponseEntity<ScreenResponse>> screen(@PathVariable String county, @PathVariable String id) {
        UUID sitting = RequestIds.uuid("id", id);
        return gate.read(county).flatMap(code -> attendance.screen(code, sitting))
                .map(screen -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new ScreenResponse(sitting, screen.token(),
                        screen.fallbackCode(), screen.validUntil(), screen.refreshSeconds(), screen.enrolled(), screen.tally().counted(),
                        screen.tally().late(), screen.tally().duplicates(), screen.tally().manual())));
    }

    @GetMapping(value = "/counties/{county}/sittings/{id}/qr.svg", produces = "image/svg+xml")
    Mono<ResponseEntity<String>> qr(@PathVariable String county, @PathVariable String id) {
        UUID sitting = RequestIds.uuid("id", id);
        return gate.read(county).flatMap(code -> attendance.screen(code, sitting))
                .map(screen -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.valueOf("image/svg+xml"))
                        .body(QrCodes.svg(screen.token())));
    }

    @PostMapping("/counties/{county}/sittings/{id}/check-ins")
    Mono<ResponseEntity<CheckInResponse>> checkIn(@PathVariable String county, @PathVariable String id, @Valid @RequestBody CheckInRequest request) {
        UUID sitting = RequestIds.uuid("id", id);
        return gate.act(county).flatMap(code -> Caller.of(code).flatMap(caller -> attendance.checkIn(code, caller, sitting, request.enrolment(),
                        request.token(), request.code(), request.appPerson())))
                .map(kept -> ResponseEntity.status(201).body(response(kept)));
    }

    @PostMapping("/counties/{county}/sittings/{id}/attendance-marks")
    Mono<ResponseEntity<CheckInResponse>> mark(@PathVariable String county, @PathVariable String id, @Valid @RequestBody MarkRequest request) {
        UUID sitting = RequestIds.uuid("id", id);
        return gate.act(county).flatMap(code -> Caller.of(code).flatMap(caller -> attendance.mark(code, caller, sitting, request.enrolment(),
                        request.reason())))
                .map(kept -> ResponseEntity.status(201).body(response(kept)));
    }

    @GetMapping("/counties/{county}/sittings/{id}/attendance")
    Mono<AttendanceResponse> view(@PathVariable String county, @PathVariable String id) {
        UUID sitting = RequestIds.uuid("id", id);
        return gate.read(county).flatMap(code -> Caller.of(code).flatMap(caller -> attendance.view(code, caller, sitting)))
                .map(view -> new AttendanceResponse(response(view.sitting()), view.enrolled(), view.tally().counted(), view.tally().late(),
                        view.tally().duplicates(), view.tally().manual(), view.checkIns().stream().map(checkIn -> {
                            Enrolment person = view.people().get(checkIn.enrolment());
                            return new PersonCheckIn(response(checkIn), person == null ? null : view.personalData() ? person.name() : person.maskedName());
                        }).toList()));
    }

    private static SittingResponse response(Sitting sitting) {
        return new SittingResponse(sitting.id(), sitting.session(), sitting.startsAt(), sitting.endsAt());
    }

    private static CheckInResponse response(CheckIn checkIn) {
        return new CheckInResponse(checkIn.id(), checkIn.sitting(), checkIn.enrolment(), checkIn.method().name(), checkIn.at(), checkIn.counted(),
                checkIn.flag() == null ? null : checkIn.flag().name(), checkIn.reason(), checkIn.recordedBy());
    }
}
