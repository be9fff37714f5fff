package org.povertyalleviation.bench.training;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lecturer's screen in the room: it asks for {@code GET …/sittings/{id}/screen} every {@code every} (as the
 * county's staff) and shows the latest answer, whose QR token and six digits the people in the room read. What the
 * people send is what it shows at the moment they arrive. The screen's own requests are timed too.
 */
final class LecturerScreen implements AutoCloseable {

    /** What the screen shows: the code of one 30-s step, until when, and the room's count. */
    record Shown(String token, String fallbackCode, Instant validUntil, long checkedIn) {

        /** The step of the rotating code, from the token's middle part ({@code <sitting>.<step>.<mac>}). */
        long step() {
            return Long.parseLong(token.split("\\.")[1]);
        }
    }

    private final HttpClient http;
    private final URI uri;
    private final String authorization;
    private final Duration every;
    private final JsonMapper json = JsonMapper.builder().build();
    private final AtomicReference<Shown> shown = new AtomicReference<>();
    private final List<Long> latenciesMicros = new ArrayList<>();
    private final AtomicLong failures = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    /** Shows the screen's first answer before it returns; then refreshes in the background. */
    LecturerScreen(HttpClient http, String url, String token, Duration every) {
        this.http = http;
        this.uri = URI.create(url);
        this.authorization = "Bearer " + token;
        this.every = every;
        Shown first = fetch();
        if (first == null) {
            throw new IllegalStateException("The lecturer's screen " + url + " did not answer");
        }
        this.thread = new Thread(this::loop, "lecturer-screen");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** What the screen shows now. */
    Shown now() {
        return shown.get();
    }

    /** Asks the screen once, now, and shows the answer (null if it failed). */
    Shown fetch() {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .header("Authorization", authorization).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            long micros = (System.nanoTime() - start) / 1_000;
            synchronized (latenciesMicros) {
                latenciesMicros.add(micros);
            }
            if (response.statusCode() != 200) {
                failures.incrementAndGet();
                return null;
            }
            JsonNode body = json.readTree(response.body());
            Shown next = new Shown(body.path("token").asString(), body.path("fallbackCode").asString(),
                    Instant.parse(body.path("validUntil").asString()), body.path("checkedIn").asLong());
            shown.set(next);
            return next;
        } catch (IOException | RuntimeException e) {
            failures.incrementAndGet();
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void loop() {
        long next = System.nanoTime();
        while (running) {
            next += every.toNanos();
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (running) {
                fetch();
            }
        }
    }

    /** The screen's requests' latencies, sorted, in microseconds. */
    long[] sortedMicros() {
        synchronized (latenciesMicros) {
            return latenciesMicros.stream().mapToLong(Long::longValue).sorted().toArray();
        }
    }

    long failures() {
        return failures.get();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
