package org.povertyalleviation.bench.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's API through the gateway as one user (password grant with the devstack's CLI client), the way a
 * county clerk's script would call it. A fresh token is fetched when the last one is a minute old, so that a slow
 * seeding step never runs into an expired one.
 */
final class GatewayCalls {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String gateway;
    private final String tokenEndpoint;
    private final String username;
    private final String password;
    private String token;
    private long tokenAt;

    GatewayCalls(String gateway, String issuer, String username, String password) {
        this.gateway = gateway;
        this.tokenEndpoint = issuer + "/protocol/openid-connect/token";
        this.username = username;
        this.password = password;
    }

    /** The answer: status and body, the body parsed when it is JSON. */
    record Answer(int status, String body) {
        boolean ok() {
            return status / 100 == 2;
        }

        String brief() {
            return status + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        }
    }

    JsonNode parse(Answer answer) {
        return json.readTree(answer.body());
    }

    Answer get(String path) {
        return send(request(path).GET());
    }

    Answer post(String path, String body) {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer put(String path, String body) {
        return send(request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A multipart/form-data upload of one file part, as the portal's import form sends it. */
    Answer upload(String path, String field, String fileName, String contentType, byte[] content) {
        String boundary = "bench-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token());
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private String token() {
        if (token == null || System.nanoTime() - tokenAt > Duration.ofSeconds(60).toNanos()) {
            String form = "grant_type=password&client_id=devstack-cli&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                    + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(tokenEndpoint))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("Keycloak refused a token for " + username + ": " + response.statusCode() + " " + response.body());
                }
                token = json.readTree(response.body()).path("access_token").asString();
                tokenAt = System.nanoTime();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted", e);
            }
        }
        return token;
    }
}
