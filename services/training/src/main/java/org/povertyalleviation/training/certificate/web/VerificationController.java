package org.povertyalleviation.training.certificate.web;

import java.time.LocalDate;
import java.util.Optional;

import org.povertyalleviation.platform.problem.NotFoundException;
import org.povertyalleviation.training.certificate.Certificates;
import org.povertyalleviation.training.certificate.Certificates.CertificateView;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;

/**
 * Anyone's verification of a certificate by its code, without signing in: an employer, a marketplace, the holder. It
 * shows only what the certificate proves: the holder's name masked, the course, the dates and whether it is valid,
 * expired or revoked. A code that is no certificate's is a 404 that says nothing more.
 */
@RestController
class VerificationController {

    record VerificationResponse(String code, String holder, String county, String course, String hours, LocalDate issuedOn, LocalDate expiresOn,
                                String standing) {
    }

    private final Certificates certificates;

    VerificationController(Certificates certificates) {
        this.certificates = certificates;
    }

    @GetMapping("/verify/{code}")
    Mono<ResponseEntity<VerificationResponse>> verify(@PathVariable String code) {
        return certificates.verify(code).map(found -> ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(response(code, found)));
    }

    @GetMapping(value = "/verify/{code}/page", produces = MediaType.TEXT_HTML_VALUE)
    Mono<ResponseEntity<String>> page(@PathVariable String code) {
        return certificates.verify(code).map(found -> {
            VerificationResponse verified = response(code, found);
            String standing = switch (verified.standing()) {
                case "VALID" -> "有效";
                case "EXPIRED" -> "已过期";
                default -> "已撤销";
            };
            String html = "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">"
                    + "<title>培训证书核验</title></head><body><main><h1>培训证书核验</h1>"
                    + "<p id=\"standing\" class=\"" + verified.standing().toLowerCase() + "\">" + standing + "</p><dl>"
                    + row("证书编号", verified.code()) + row("持证人", verified.holder()) + row("发证县", verified.county())
                    + row("课程", verified.course() + "（" + verified.hours() + "学时）") + row("发证日期", verified.issuedOn().toString())
                    + row("有效期至", verified.expiresOn() == null ? "长期有效" : verified.expiresOn().toString())
                    + "</dl></main></body></html>";
            return ResponseEntity.ok().cacheControl(CacheControl.noCache()).contentType(new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8))
                    .body(html);
        });
    }

    private static String row(String label, String value) {
        return "<dt>" + label + "</dt><dd>" + HtmlUtils.htmlEscape(value) + "</dd>";
    }

    private static VerificationResponse response(String code, Optional<CertificateView> found) {
        CertificateView view = found.orElseThrow(() -> new NotFoundException("Certificate", code));
        return new VerificationResponse(view.certificate().code(), view.certificate().maskedHolder(), view.certificate().county().value(),
                view.course().title(), view.course().hours().toPlainString(), view.certificate().issuedOn(), view.certificate().expiresOn(),
                view.standing().name());
    }
}
