package org.povertyalleviation.crowdfunding.delivery;

import java.time.Duration;
import java.util.Map;

import org.povertyalleviation.crowdfunding.delivery.domain.TracedLot;
import org.povertyalleviation.platform.domain.RuleRefusedException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;

/**
 * A lot as anyone may read it on the supply platform's public trace (no token): GET /trace/{code} as JSON. A code that
 * is unknown or of an unpublished lot is a 404 there, whichever it is (the public trace never tells).
 */
@Component
class SupplyTrace {

    /** The fields of the public lot page this service reads (the supply platform's PublicLot). */
    record PublicLot(String code, String product, String county) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final WebClient http;

    SupplyTrace(DeliveryProperties properties) {
        this.http = WebClient.builder().baseUrl(properties.supplyUri().toString()).build();
    }

    Mono<TracedLot> lot(String code) {
        return http.get().uri("/trace/{code}", code).accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .bodyToMono(PublicLot.class)
                .timeout(TIMEOUT)
                .map(lot -> new TracedLot(code, lot.product(), lot.county()))
                .onErrorMap(WebClientResponseException.class, e -> e.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)
                        ? RuleRefusedException.violated("unknown-lot", "The supply platform has no published lot " + code, "lotCode")
                        : unreachable(code, "answered " + e.getStatusCode().value()))
                .onErrorMap(e -> !(e instanceof RuleRefusedException) && !(e instanceof ServiceUnreachable), e -> unreachable(code, "did not answer"));
    }

    private static ServiceUnreachable unreachable(String code, String what) {
        return new ServiceUnreachable("supply-platform", "The supply platform " + what + " for lot " + code + "; nothing was changed, try again later",
                Map.of("lotCode", code));
    }
}
