package org.povertyalleviation.supplyplatform.trace.web;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.povertyalleviation.platform.problem.ProblemTypes;
import org.povertyalleviation.supplyplatform.trace.PublicTrace;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The page a scanned code opens, without signing in: HTML for a phone's browser, JSON for a partner's app that asks for
 * it (Accept: application/json). Reached through the gateway at /api/supply-platform/trace/…, a public path the gateway
 * limits per address. A lot's page may be cached for five minutes; a pack's is never cached, since each scan counts.
 */
@RestController
class PublicTraceController {

    /** The gateway's word for the caller's address (its ClientAddress, behind trusted proxies); the peer otherwise. */
    static final String CLIENT_ADDRESS = "X-Client-Address";

    private final PublicTrace trace;

    PublicTraceController(PublicTrace trace) {
        this.trace = trace;
    }

    @GetMapping("/trace/{code}")
    Mono<ResponseEntity<?>> lot(@PathVariable String code, @RequestParam(required = false) String lang, ServerHttpRequest request) {
        return answer(trace.view(code, null, null, null), lang, request, false);
    }

    @GetMapping("/trace/{code}/{serial}")
    Mono<ResponseEntity<?>> pack(@PathVariable String code, @PathVariable String serial, @RequestParam(required = false) String lang,
                                 ServerHttpRequest request) {
        return answer(trace.view(code, serial, null, clientAddress(request)), lang, request, true);
    }

    /** GS1 Digital Link: a lot of a trade item (AI 01 GTIN, AI 10 batch/lot). */
    @GetMapping("/trace/01/{gtin}/10/{lot}")
    Mono<ResponseEntity<?>> digitalLinkLot(@PathVariable String gtin, @PathVariable String lot, @RequestParam(required = false) String lang,
                                           ServerHttpRequest request) {
        return answer(trace.view(lot, null, gtin, null), lang, request, false);
    }

    /** GS1 Digital Link: one pack (AI 21 serial) of a lot of a trade item. */
    @GetMapping("/trace/01/{gtin}/10/{lot}/21/{serial}")
    Mono<ResponseEntity<?>> digitalLinkPack(@PathVariable String gtin, @PathVariable String lot, @PathVariable String serial,
                                            @RequestParam(required = false) String lang, ServerHttpRequest request) {
        return answer(trace.view(lot, serial, gtin, clientAddress(request)), lang, request, true);
    }

    private static Mono<ResponseEntity<?>> answer(Mono<PublicTrace.PublicLot> view, String lang, ServerHttpRequest request, boolean pack) {
        boolean json = wantsJson(request);
        TracePage page = TracePage.in(lang, languages(request));
        String switchLink = request.getPath().pathWithinApplication().value().replaceFirst("^.*/trace/", "") + "?lang=" + (page.english() ? "zh" : "en");
        // The link is relative to the page's own directory: the last segment of the path it was reached by.
        String relative = "./" + switchLink.substring(switchLink.lastIndexOf('/') + 1);
        return view.<ResponseEntity<?>>map(lot -> {
                    ResponseEntity.BodyBuilder ok = ResponseEntity.ok()
                            .header(HttpHeaders.CACHE_CONTROL, pack ? "no-store" : "public, max-age=300")
                            .header(HttpHeaders.VARY, "Accept, Accept-Language");
                    return json ? ok.contentType(MediaType.APPLICATION_JSON).body(lot)
                            : ok.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8)).body(page.lot(lot, relative));
                })
                .onErrorResume(PublicTrace.UnknownCode.class, unknown -> {
                    ResponseEntity.BodyBuilder notFound = ResponseEntity.status(HttpStatus.NOT_FOUND)
                            .header(HttpHeaders.CACHE_CONTROL, "public, max-age=60").header(HttpHeaders.VARY, "Accept, Accept-Language");
                    if (json) {
                        ProblemDetail problem = ProblemTypes.problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Unknown code", unknown.getMessage());
                        return Mono.just(notFound.contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem));
                    }
                    return Mono.just(notFound.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8)).body(page.unknown(relative)));
                });
    }

    private static boolean wantsJson(ServerHttpRequest request) {
        List<MediaType> accepted = new java.util.ArrayList<>(request.getHeaders().getAccept());
        org.springframework.util.MimeTypeUtils.sortBySpecificity(accepted);
        for (MediaType type : accepted) {
            if (type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardType()) {
                return false;
            }
            if (type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.isWildcardType()) {
                return true;
            }
        }
        return false;
    }

    private static List<Locale.LanguageRange> languages(ServerHttpRequest request) {
        try {
            return request.getHeaders().getAcceptLanguage();
        } catch (IllegalArgumentException malformed) {
            return List.of();
        }
    }

    private static String clientAddress(ServerHttpRequest request) {
        String forwarded = request.getHeaders().getFirst(CLIENT_ADDRESS);
        if (forwarded != null && !forwarded.isBlank()) {
            return forwarded;
        }
        InetSocketAddress peer = request.getRemoteAddress();
        return peer == null || peer.getAddress() == null ? null : peer.getAddress().getHostAddress();
    }
}
