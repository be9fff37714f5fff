package org.povertyalleviation.crowdfunding.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.povertyalleviation.crowdfunding.delivery.domain.ShipmentOrder;
import org.povertyalleviation.platform.domain.CountyCode;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Books a reward's shipment with the logistics service, directly, as the county staff member who dispatches: their
 * own bearer token is relayed, so the booking is theirs and the logistics service applies its own access rules to them.
 */
@Component
class LogisticsBookings {

    /** The logistics service's answer: a booking, or a refusal with its problem (a full window carries alternatives). */
    sealed interface Answer {
    }

    record Booked(UUID booking, java.time.Instant bookedAt) implements Answer {
    }

    record Refused(int status, JsonNode problem) implements Answer {

        boolean slotFull() {
            return status == 409 && "slot-full".equals(problem.path("reason").asString(""));
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final WebClient http;
    private final JsonMapper json;

    LogisticsBookings(DeliveryProperties properties, JsonMapper json) {
        this.http = WebClient.builder().baseUrl(properties.logisticsUri().toString()).build();
        this.json = json;
    }

    /** Cancels a booking as the caller; false when the logistics service refused (a shipment already picked up). */
    Mono<Boolean> cancel(CountyCode county, String bearerToken, UUID booking) {
        return http.post().uri("/counties/{county}/bookings/{id}/cancellation", county.value(), booking)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + bearerToken)
                .contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                .bodyValue("{}")
                .retrieve()
                .toBodilessEntity()
                .timeout(TIMEOUT)
                .thenReturn(true)
                .onErrorResume(WebClientResponseException.class, e -> e.getStatusCode().is4xxClientError() ? Mono.just(false) : Mono.error(e));
    }

    /** Errors only when the service cannot be reached or answers nothing usable. */
    Mono<Answer> book(CountyCode county, String bearerToken, ShipmentOrder order) {
        return http.post().uri("/counties/{county}/bookings", county.value())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + bearerToken)
                .contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                .bodyValue(order)
                .retrieve()
                .bodyToMono(JsonNode.class)
                .timeout(TIMEOUT)
                .<Answer>map(booking -> new Booked(UUID.fromString(booking.path("id").asString()),
                        booking.path("bookedAt").isString() ? java.time.Instant.parse(booking.path("bookedAt").asString()) : null))
                .onErrorResume(WebClientResponseException.class, e -> Mono.just(new Refused(e.getStatusCode().value(), problem(e))));
    }

    private JsonNode problem(WebClientResponseException e) {
        try {
            return json.readTree(e.getResponseBodyAsByteArray());
        } catch (RuntimeException unreadable) {
            return json.createObjectNode().put("detail", e.getStatusText());
        }
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> alternatives(JsonNode problem) {
        return problem.path("alternatives").isArray() ? json.convertValue(problem.path("alternatives"), List.class) : List.of();
    }
}
