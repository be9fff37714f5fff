package org.povertyalleviation.bench.training;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends a {@link CheckInPlan}'s check-ins open loop: each when it is due, whatever the server does, with the code the
 * lecturer's screen shows at that moment (or the old photo's token), and times it from its due time to the end of its
 * answer, so that a stall counts against every check-in it delayed. Small on purpose: about 330 requests a minute need
 * no generator of their own (bench-support's FixedRateLoad sends GETs at a fixed rate; these are POSTs at planned moments,
 * each with its own body, whose answers are read).
 */
final class CheckInLoad {

    /** What became of one attempt: the status, the refusal's rule (422) and, for a 201, whether it counted. */
    record Outcome(CheckInPlan.Attempt attempt, int status, String rule, boolean counted, String flag, long latencyMicros, long answeredNanos,
                   String error) {

        boolean accepted() {
            return status == 201;
        }

        /** Why it was not accepted, as the report groups it. */
        String refusal() {
            if (error != null) {
                return "no answer (" + error + ")";
            }
            if (status == 422 && rule != null) {
                return "422 " + rule;
            }
            return status == 429 ? "429 too many requests" : Integer.toString(status);
        }
    }

    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Duration responseTimeout;

    CheckInLoad(HttpClient http, Duration responseTimeout) {
        this.http = http;
        this.responseTimeout = responseTimeout;
    }

    /**
     * @param url         the sitting's check-ins, through the gateway or straight to the service
     * @param token       the caller's: the learning app's (then each body names the person's {@code appPerson}) or the lecturer's
     * @param enrolments  each person's enrolment
     * @param appPersons  each person's account in the learning app; null when the lecturer's device checks people in
     * @param oldToken    the photo of the screen taken before the window: rotated out by the expired attempts' time
     * @param startNanos  when the window opens ({@link System#nanoTime()})
     */
    List<Outcome> run(CheckInPlan plan, String url, String token, List<String> enrolments, List<String> appPersons, LecturerScreen screen,
                      String oldToken, long startNanos) {
        URI uri = URI.create(url);
        List<CompletableFuture<Outcome>> sent = new ArrayList<>(plan.attempts().size());
        for (CheckInPlan.Attempt attempt : plan.attempts()) {
            long due = startNanos + TimeUnit.MILLISECONDS.toNanos(attempt.atMillis());
            long now = System.nanoTime();
            if (due > now) {
                LockSupport.parkNanos(due - now);
            }
            LecturerScreen.Shown shown = screen.now();
            Map<String, String> body = new LinkedHashMap<>();
            body.put("enrolment", enrolments.get(attempt.person()));
            switch (attempt.kind()) {
                case CODE -> body.put("code", shown.fallbackCode());
                case EXPIRED -> body.put("token", oldToken);
                default -> body.put("token", shown.token());
            }
            if (appPersons != null) {
                body.put("appPerson", appPersons.get(attempt.person()));
            }
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(responseTimeout)
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8)).build();
            sent.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                    .handle((response, failure) -> outcome(attempt, due, response, failure)));
        }
        List<Outcome> outcomes = new ArrayList<>(sent.size());
        for (CompletableFuture<Outcome> future : sent) {
            outcomes.add(future.join());
        }
        return outcomes;
    }

    private Outcome outcome(CheckInPlan.Attempt attempt, long due, HttpResponse<String> response, Throwable failure) {
        long end = System.nanoTime();
        long micros = (end - due) / 1_000;
        if (failure != null) {
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            return new Outcome(attempt, 0, null, false, null, micros, end, cause.getClass().getSimpleName());
        }
        String rule = null;
        boolean counted = false;
        String flag = null;
        try {
            JsonNode answer = json.readTree(response.body());
            rule = answer.path("rule").isMissingNode() || answer.path("rule").isNull() ? null : answer.path("rule").asString();
            counted = answer.path("counted").asBoolean(false);
            flag = answer.path("flag").isMissingNode() || answer.path("flag").isNull() ? null : answer.path("flag").asString();
        } catch (RuntimeException e) {
            // Not JSON (a gateway's plain answer): the status says it.
        }
        return new Outcome(attempt, response.statusCode(), rule, counted, flag, micros, end, null);
    }
}
