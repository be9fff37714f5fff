package org.povertyalleviation.portal.pages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * The platform's gateway as the portal's page tests need it: canned answers by path (the query is ignored), or by
 * method and path where one path answers several methods, and the requests it received with their Authorization
 * header and body, so that a test can see the user's token went along and what a form sent on.
 */
public final class StubGateway implements AutoCloseable {

    record Answer(int status, String contentType, byte[] body) {
    }

    /** A request the gateway received: its method, path (without the query), query, Authorization header and body. */
    public record Received(String method, String path, String query, String authorization, String body) {
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private StubGateway(HttpServer server) {
        this.server = server;
        server.createContext("/", exchange -> {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(method, path, exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Authorization"),
                    body));
            Answer answer = answers.getOrDefault(method + " " + path, answers.getOrDefault(path, new Answer(404, "application/problem+json",
                    "{\"type\":\"urn:poverty-platform:problem:not-found\",\"status\":404}".getBytes(StandardCharsets.UTF_8))));
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            exchange.getResponseHeaders().set("X-Correlation-Id", "stub-correlation");
            exchange.sendResponseHeaders(answer.status(), answer.body().length);
            exchange.getResponseBody().write(answer.body());
            exchange.close();
        });
        server.start();
    }

    static StubGateway start() {
        try {
            return new StubGateway(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A 200 with this JSON for any method on the path. */
    public StubGateway json(String path, String body) {
        return answer(path, 200, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    /** An answer for any method on the path; {@code path} may start with a method ("PUT /api/…") to answer that one only. */
    public StubGateway answer(String path, int status, String contentType, byte[] body) {
        answers.put(path, new Answer(status, contentType, body));
        return this;
    }

    /** A service's refusal as the platform writes it (RFC 9457), with the rule it names if any. */
    public static String problem(int status, String type, String rule) {
        return """
                {"type":"urn:poverty-platform:problem:%s","title":"Refused","status":%d%s,"detail":"refused by the stub"}"""
                .formatted(type, status, rule == null ? "" : ",\"rule\":\"" + rule + "\"");
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    void reset() {
        answers.clear();
        received.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
