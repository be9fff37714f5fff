package org.povertyalleviation.servicetemplate.notice.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.povertyalleviation.platform.counties.CountyGate;
import org.povertyalleviation.platform.problem.PageLimit;
import org.povertyalleviation.platform.problem.RequestIds;
import org.povertyalleviation.servicetemplate.notice.Notices;
import org.povertyalleviation.servicetemplate.notice.Notices.NoticeView;
import org.povertyalleviation.servicetemplate.notice.domain.Notice;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Village notices. Who may call what is the service's access table (ServiceTemplateAccess), enforced before a request
 * gets here; the county gate then opens the county's records (a suspended county is closed, one that has not joined is
 * a 404).
 */
@RestController
class NoticeController {

    record PostNoticeRequest(
            @Schema(description = "The village's 12-digit code", example = "621222101201")
            @NotBlank @Pattern(regexp = "\\d{12}", message = "must be 12 digits") String village,
            @Schema(description = "What the notice is about", example = "花椒收购价公示")
            @NotBlank @Size(max = Notice.MAX_TITLE) String title,
            @Schema(description = "The notice itself", example = "本周合作社花椒收购价每公斤 82 元。")
            @NotBlank @Size(max = Notice.MAX_BODY) String body) {
    }

    record NoticeResponse(UUID id, String county, String village, String title, String body, String status, Instant postedAt,
                          Instant withdrawnAt, long householdsInVillage) {
    }

    record NoticeSummary(UUID id, String village, String title, String status, Instant postedAt) {
    }

    private final CountyGate gate;
    private final Notices notices;

    NoticeController(CountyGate gate, Notices notices) {
        this.gate = gate;
        this.notices = notices;
    }

    @PostMapping("/counties/{county}/notices")
    Mono<ResponseEntity<NoticeResponse>> post(@PathVariable String county, @Valid @RequestBody PostNoticeRequest request) {
        return gate.act(county).flatMap(code -> caller()
                        .flatMap(caller -> notices.post(code, request.village(), request.title(), request.body(), caller)))
                .map(view -> ResponseEntity.created(URI.create("/counties/" + county + "/notices/" + view.notice().id())).body(response(view)));
    }

    @PostMapping("/counties/{county}/notices/{id}/withdrawal")
    Mono<NoticeResponse> withdraw(@PathVariable String county, @PathVariable String id) {
        UUID notice = RequestIds.uuid("id", id);
        return gate.act(county).flatMap(code -> notices.withdraw(code, notice))
                .map(NoticeController::response);
    }

    @GetMapping("/counties/{county}/notices/{id}")
    Mono<NoticeResponse> find(@PathVariable String county, @PathVariable String id) {
        UUID notice = RequestIds.uuid("id", id);
        return gate.read(county).flatMap(code -> notices.find(code, notice))
                .map(NoticeController::response);
    }

    @GetMapping("/counties/{county}/villages/{village}/notices")
    Mono<List<NoticeSummary>> ofVillage(@PathVariable String county, @PathVariable String village,
                                        @RequestParam(defaultValue = "50") int limit) {
        PageLimit.check(limit, 200);
        return gate.read(county).flatMap(code -> notices.ofVillage(code, village, limit))
                .map(list -> list.stream().map(notice -> new NoticeSummary(notice.id(), notice.village().value(), notice.title(),
                        notice.status().name(), notice.postedAt())).toList());
    }

    private static Mono<String> caller() {
        return ReactiveSecurityContextHolder.getContext().map(context -> context.getAuthentication().getName());
    }

    private static NoticeResponse response(NoticeView view) {
        Notice notice = view.notice();
        return new NoticeResponse(notice.id(), notice.county().value(), notice.village().value(), notice.title(), notice.body(),
                notice.status().name(), notice.postedAt(), notice.withdrawnAt(), view.householdsInVillage());
    }
}
