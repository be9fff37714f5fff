package org.povertyalleviation.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import tools.jackson.databind.json.JsonMapper;

/** The services' APIs as the demo users call them (a token per user, kept), for the demo seeding. */
final class DemoApi {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Function<String, String> tokenOf;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    /** @param tokenOf a demo user's access token by username (admin-<county>, clerk-<county>, operator) */
    DemoApi(Function<String, String> tokenOf) {
        this.tokenOf = tokenOf;
    }

    int status(String method, String url, String user) {
        return exchange(method, url, user, HttpRequest.BodyPublishers.noBody(), null).statusCode();
    }

    /** The answer's body; anything but a 2xx ends the seeding with the service's problem. */
    String send(String method, String url, String user, Object json) {
        HttpResponse<String> response = call(method, url, user, json);
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("Demo seeding: " + method + " " + url + " answered " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    /** The whole answer, whatever its status, for a caller that waits on one (a household not announced yet). */
    HttpResponse<String> call(String method, String url, String user, Object json) {
        return exchange(method, url, user,
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(json)),
                json == null ? null : "application/json");
    }

    /**
     * Sends until the service stops answering 422 unknown-household: it learns of the registry's households from its
     * events, a moment after they were imported.
     */
    String sendOnceKnown(String method, String url, String user, Object json) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            HttpResponse<String> response = call(method, url, user, json);
            if (response.statusCode() < 300) {
                return response.body();
            }
            if (response.statusCode() != 422 || !response.body().contains("unknown-household") || System.nanoTime() > deadline) {
                throw new IllegalStateException("Demo seeding: " + method + " " + url + " answered " + response.statusCode() + " " + response.body());
            }
            pause(200);
        }
    }

    /** Posts JSON exactly as given with a header of its own (a payment partner's signature over these bytes). */
    String sendWithHeader(String url, String user, String json, String header, String value) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + tokens.computeIfAbsent(user, tokenOf)).header("Content-Type", "application/json")
                .header(header, value).POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("Demo seeding: POST " + url + " answered " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("Demo seeding: POST " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String upload(String url, String user, String fileName, String content) {
        String boundary = "demo-" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> response = exchange("POST", url, user, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8),
                "multipart/form-data; boundary=" + boundary);
        if (response.statusCode() != 202) {
            throw new IllegalStateException("Demo import to " + url + " answered " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private HttpResponse<String> exchange(String method, String url, String user, HttpRequest.BodyPublisher body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + tokens.computeIfAbsent(user, tokenOf)).method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Demo seeding: " + method + " " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String idOf(String body) {
        return JSON.readTree(body).path("id").asString();
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
