package org.povertyalleviation.gateway;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyIT extends GatewayIT {

    private EntityExchangeResult<byte[]> post(String token, String path, String key, String body) {
        return web.post().uri(path).headers(h -> h.setBearerAuth(token)).header("Idempotency-Key", key)
                .header("Content-Type", "application/json").bodyValue(body)
                .exchange().expectBody().returnResult();
    }

    @Test
    void a_replayed_post_gets_the_first_answer_and_does_not_reach_the_service_again() {
        String partner = partnerToken("partner-taobao");
        String key = UUID.randomUUID().toString();
        String report = "{\"month\":\"2026-10\",\"orders\":120}";
        EntityExchangeResult<byte[]> first = post(partner, "/api/ledger/counties/621222/sales-reports", key, report);
        assertThat(first.getStatus()).isEqualTo(HttpStatus.CREATED);
        int calls = LEDGER.calls();

        EntityExchangeResult<byte[]> again = post(partner, "/api/ledger/counties/621222/sales-reports", key, report);
        assertThat(again.getStatus()).isEqualTo(HttpStatus.CREATED);
        assertThat(again.getResponseBody()).isEqualTo(first.getResponseBody());
        assertThat(again.getResponseHeaders().getLocation()).isEqualTo(first.getResponseHeaders().getLocation());
        assertThat(again.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(LEDGER.calls()).isEqualTo(calls);
    }

    @Test
    void the_same_key_for_a_different_request_is_a_422_problem() {
        String partner = partnerToken("partner-taobao");
        String key = UUID.randomUUID().toString();
        post(partner, "/api/ledger/counties/621222/sales-reports", key, "{\"orders\":1}");
        int calls = LEDGER.calls();
        EntityExchangeResult<byte[]> other = post(partner, "/api/ledger/counties/621222/sales-reports", key, "{\"orders\":2}");
        assertThat(other.getStatus()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(new String(other.getResponseBody())).contains("idempotency-key-reused");
        assertThat(LEDGER.calls()).isEqualTo(calls);
    }

    @Test
    void keys_belong_to_one_client_and_one_county() {
        String key = UUID.randomUUID().toString();
        String body = "{\"orders\":3}";
        int calls = LEDGER.calls();
        post(partnerToken("partner-taobao"), "/api/ledger/counties/621222/sales-reports", key, body);
        post(partnerToken("partner-taobao"), "/api/ledger/counties/621224/sales-reports", key, body);
        post(partnerToken("partner-pinduoduo"), "/api/ledger/counties/621222/sales-reports", key, body);
        assertThat(LEDGER.calls()).isEqualTo(calls + 3);
    }

    @Test
    void a_repeat_while_the_first_may_still_run_is_a_409_until_the_claim_runs_out() {
        String token = tokenFor("admin-621222");
        String key = UUID.randomUUID().toString();
        // The first request takes 3 s at the stub, past the echo route's 1 s timeout: it ends as a 504.
        int before = ECHO.calls();
        Mono<EntityExchangeResult<byte[]>> slow = Mono.fromCallable(() -> post(token, "/api/echo/slow/reports", key, "{}"))
                .subscribeOn(Schedulers.boundedElastic());
        var first = slow.toFuture();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> ECHO.calls() > before);
        EntityExchangeResult<byte[]> during = post(token, "/api/echo/slow/reports", key, "{}");
        assertThat(during.getStatus()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(new String(during.getResponseBody())).contains("request-in-progress");

        assertThat(first.join().getStatus()).isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
        // The service may still be running it: a resend right after the timeout does not run it a second time...
        int calls = ECHO.calls();
        assertThat(post(token, "/api/echo/slow/reports", key, "{}").getStatus()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(ECHO.calls()).isEqualTo(calls);
        // ...and once the claim has run out (in-flight, 4 s here), the failure is not replayed: the request runs again.
        EntityExchangeResult<byte[]> retried = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> post(token, "/api/echo/slow/reports", key, "{}"), answer -> answer.getStatus() != HttpStatus.CONFLICT);
        assertThat(retried.getStatus()).isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
        assertThat(retried.getResponseHeaders().getFirst("Idempotent-Replayed")).isNull();
        assertThat(ECHO.calls()).isEqualTo(calls + 1);
    }

    @Test
    void a_post_that_never_reached_a_service_frees_its_key_at_once() {
        String token = tokenFor("admin-621222");
        String key = UUID.randomUUID().toString();

        assertThat(post(token, "/api/unreachable/counties/621222/reports", key, "{}").getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        EntityExchangeResult<byte[]> again = post(token, "/api/unreachable/counties/621222/reports", key, "{}");

        assertThat(again.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(new String(again.getResponseBody())).contains("unreachable").doesNotContain("request-in-progress");
    }

    @Test
    void a_malformed_key_is_a_400_naming_the_header() {
        EntityExchangeResult<byte[]> answer = post(tokenFor("admin-621222"), "/api/ledger/counties/621222/sales-reports",
                "not a valid key", "{}");
        assertThat(answer.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(new String(answer.getResponseBody())).contains("Idempotency-Key");
    }

    @Test
    void a_chunked_body_and_the_same_bytes_sent_whole_are_one_request_by_their_streamed_fingerprint() {
        String partner = partnerToken("partner-taobao");
        String key = UUID.randomUUID().toString();
        String report = "{\"month\":\"2026-11\",\"orders\":" + "7".repeat(3000) + "}";
        // Sent in pieces without a Content-Length: the gateway hashes the body as it passes to the service.
        EntityExchangeResult<byte[]> first = web.post().uri("/api/ledger/counties/621222/sales-reports")
                .headers(h -> h.setBearerAuth(partner)).header("Idempotency-Key", key).header("Content-Type", "application/json")
                .body(org.springframework.web.reactive.function.BodyInserters.fromPublisher(
                        reactor.core.publisher.Flux.fromArray(report.split("(?<=\\G.{500})")), String.class))
                .exchange().expectBody().returnResult();
        assertThat(first.getStatus()).isEqualTo(HttpStatus.CREATED);
        int calls = LEDGER.calls();

        EntityExchangeResult<byte[]> again = post(partner, "/api/ledger/counties/621222/sales-reports", key, report);
        assertThat(again.getStatus()).isEqualTo(HttpStatus.CREATED);
        assertThat(again.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.getResponseBody()).isEqualTo(first.getResponseBody());
        assertThat(post(partner, "/api/ledger/counties/621222/sales-reports", key, report.replace("2026-11", "2026-12")).getStatus())
                .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(LEDGER.calls()).isEqualTo(calls);
    }

    @Test
    void an_answer_too_large_to_keep_reaches_the_caller_whole_and_a_resend_is_a_409_saying_how_it_was_answered() {
        // The tests keep answers of up to 16 KB (GatewayIT); this one is 40 KB.
        String partner = partnerToken("partner-taobao");
        String key = UUID.randomUUID().toString();
        EntityExchangeResult<byte[]> first = post(partner, "/api/ledger/large/40/reports", key, "{}");
        assertThat(first.getStatus()).isEqualTo(HttpStatus.CREATED);
        assertThat(first.getResponseBody()).hasSize(40 * 1024);
        int calls = LEDGER.calls();

        EntityExchangeResult<byte[]> again = post(partner, "/api/ledger/large/40/reports", key, "{}");
        assertThat(again.getStatus()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getResponseHeaders().getContentType()).isEqualTo(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON);
        java.util.Map<String, Object> problem = echoed(again.getResponseBody());
        assertThat(problem).containsEntry("reason", "answer-not-kept").containsEntry("answerStatus", 201)
                .containsEntry("location", first.getResponseHeaders().getLocation().toString());
        assertThat(LEDGER.calls()).as("the request did not run again").isEqualTo(calls);
        // A different request under the key is still refused as one.
        assertThat(post(partner, "/api/ledger/large/40/reports", key, "{\"other\":1}").getStatus()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
    }
}
