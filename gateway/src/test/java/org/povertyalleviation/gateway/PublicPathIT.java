package org.povertyalleviation.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * Pages reachable without a token, such as the traceability page a buyer's phone opens from a pack's QR code. Each
 * test calls from addresses of its own (X-Forwarded-For, believed from the loopback peer as from the ingress), so
 * the anonymous budget per address, small in these tests, is never what answers.
 */
class PublicPathIT extends GatewayIT {

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Test
    void the_supply_platforms_traceability_pages_need_no_token_and_the_rest_of_it_does() {
        int before = SUPPLY.calls();
        byte[] page = web.get().uri("/api/supply-platform/trace/PACK-0001").header("X-Forwarded-For", "203.0.113.20")
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        assertThat(echoed(page).get("path")).isEqualTo("/trace/PACK-0001");
        // The page counts where it is scanned from: the edge tells it the caller's address, whatever the caller claims.
        byte[] claimed = web.get().uri("/api/supply-platform/trace/PACK-0001").header("X-Forwarded-For", "203.0.113.20")
                .header("X-Client-Address", "198.51.100.1").exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        assertThat(echoedHeader(claimed, "x-client-address")).isEqualTo("203.0.113.20");
        String signedIn = echoedHeader(web.get().uri("/api/echo/counties/621222/villages").headers(h -> h.setBearerAuth(tokenFor("admin-621222")))
                .header("X-Client-Address", "198.51.100.1").exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody(),
                "x-client-address");
        assertThat(signedIn).as("a signed-in caller's claim is dropped too").isNull();

        for (String path : new String[] {"/api/supply-platform/counties/621222/organisations", "/api/supply-platform/tracer",
                "/api/supply-platform/organisations/trace/PACK-0001"}) {
            web.get().uri(path).header("X-Forwarded-For", "203.0.113.20").exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo("urn:poverty-platform:problem:unauthenticated");
        }
        assertThat(SUPPLY.calls()).as("only the traceability pages reached the service").isEqualTo(before + 2);
    }

    @SuppressWarnings("unchecked")
    private String echoedHeader(byte[] body, String header) {
        return ((java.util.Map<String, String>) echoed(body).get("headers")).get(header);
    }

    @Test
    void a_public_pages_own_caching_headers_and_its_304_pass_through_unchanged() {
        int before = ECHO.calls();
        EntityExchangeResult<byte[]> first = web.get().uri("/api/echo/public/cached/PACK-0002")
                .header("X-Forwarded-For", "203.0.113.21").exchange()
                .expectStatus().isOk()
                .expectBody().returnResult();
        assertThat(first.getResponseHeaders().get(HttpHeaders.CACHE_CONTROL)).containsExactly(StubService.CACHEABLE);
        assertThat(first.getResponseHeaders().getETag()).isEqualTo(StubService.ETAG);
        // Spring Security's no-cache triple would contradict the service's own answer.
        assertThat(first.getResponseHeaders().containsHeader(HttpHeaders.PRAGMA)).isFalse();
        assertThat(first.getResponseHeaders().containsHeader(HttpHeaders.EXPIRES)).isFalse();

        EntityExchangeResult<byte[]> again = web.get().uri("/api/echo/public/cached/PACK-0002")
                .header("X-Forwarded-For", "203.0.113.21").header(HttpHeaders.IF_NONE_MATCH, StubService.ETAG).exchange()
                .expectStatus().isNotModified()
                .expectBody().returnResult();
        assertThat(again.getResponseBody()).isNullOrEmpty();
        assertThat(again.getResponseHeaders().get(HttpHeaders.CACHE_CONTROL)).containsExactly(StubService.CACHEABLE);
        assertThat(again.getResponseHeaders().getETag()).isEqualTo(StubService.ETAG);
        assertThat(ECHO.calls()).as("the service, not the gateway, answered the conditional request").isEqualTo(before + 2);
    }

    @Test
    void a_public_page_that_says_nothing_about_caching_gets_the_secure_default() {
        web.get().uri("/api/echo/public/trace/PACK-0003").header("X-Forwarded-For", "203.0.113.22").exchange()
                .expectStatus().isOk()
                .expectHeader().value(HttpHeaders.CACHE_CONTROL, value -> assertThat(value).contains("no-store"));
    }

    @Test
    void an_anonymous_callers_answers_never_enter_the_idempotency_store() {
        String address = "203.0.113.23";
        String key = UUID.randomUUID().toString();
        int before = ECHO.calls();
        for (int i = 0; i < 2; i++) {
            web.post().uri("/api/echo/public/trace/PACK-0004/scans").header("X-Forwarded-For", address)
                    .header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"city\":\"Chengdu\"}")
                    .exchange()
                    .expectStatus().isCreated()
                    .expectHeader().doesNotExist("Idempotent-Replayed");
        }
        web.get().uri("/api/echo/public/trace/PACK-0004").header("X-Forwarded-For", address).header("Idempotency-Key", key)
                .exchange().expectStatus().isOk();
        assertThat(ECHO.calls()).as("each request reached the service; none was replayed").isEqualTo(before + 3);
        assertThat(redis.scan(ScanOptions.scanOptions().match("idempotency:address:" + address + ":*").build())
                .collectList().block()).isEmpty();
    }
}
