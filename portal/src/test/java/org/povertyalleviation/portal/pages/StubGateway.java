package org.povertyalleviation.portal.supply;

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
 * The platform's gateway as the portal's page tests need it: canned answers by path (the query is ignored), and the
 * requests it received with their Authorization header, so that a test can see the user's token went along.
 */
final class StubGateway implements AutoCloseable {

    record Answer(int status, String contentType, byte[] body) {
    }

    record Received(String path, String authorization) {
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private StubGateway(HttpServer server) {
        this.server = server;
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            received.add(new Received(path, exchange.getRequestHeaders().getFirst("Authorization")));
            Answer answer = answers.getOrDefault(path, new Answer(404, "application/problem+json",
                    "{\"type\":\"urn:poverty-platform:problem:not-found\",\"status\":404}".getBytes(StandardCharsets.UTF_8)));
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

    StubGateway json(String path, String body) {
        return answer(path, 200, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    StubGateway answer(String path, int status, String contentType, byte[] body) {
        answers.put(path, new Answer(status, contentType, body));
        return this;
    }

    List<Received> received() {
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
