package org.povertyalleviation.gateway;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.povertyalleviation.platform.infra.FreePorts;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service behind the gateway, for the gateway's own tests: it answers what it received (method, path, the
 * headers the gateway adds, the body) and counts the calls that reached it, and echoes {@code X-Correlation-Id} as
 * the services do. {@code /slow/**} answers after three seconds; {@code /trickle/**} sends its status and headers at
 * once and its body over three seconds; {@code /hangup/**} closes the connection without answering;
 * {@code /status/<code>} answers with that status; {@code /public/cached/**} answers as a public page a browser may
 * keep ({@code Cache-Control: public, max-age=300}, an {@code ETag}, and 304 to a matching {@code If-None-Match});
 * {@code /sink/**} answers with the number of bytes it received, without keeping them; {@code /large/<n>/**} answers
 * with n KB. It
 * can be stopped and started again on the same port, as a service that goes down and comes back.
 */
final class StubService implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String CACHEABLE = "public, max-age=300";
    static final String ETAG = "\"pack-v1\"";

    private final int port;
    private final AtomicInteger calls = new AtomicInteger();
    private DisposableServer server;
    /** Its open connections: stopping the server closes them too, as a crashed service's would be. */
    private ChannelGroup connections;

    /** Counts every request's body without keeping it, as {@code /sink/**} does. */
    private final boolean sink;

    StubService() {
        this(false);
    }

    private StubService(boolean sink) {
        this.port = FreePorts.next();
        this.sink = sink;
        start();
    }

    /** A service that answers every request as {@code /sink/**} does: 201 with the number of bytes received. */
    static StubService sink() {
        return new StubService(true);
    }

    synchronized void start() {
        connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        server = HttpServer.create().host("127.0.0.1").port(port).channelGroup(connections).handle(this::answer).bindNow();
    }

    synchronized void stop() {
        server.disposeNow(Duration.ofSeconds(5));
        connections.close().awaitUninterruptibly();
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    int calls() {
        return calls.get();
    }

    private org.reactivestreams.Publisher<Void> answer(HttpServerRequest request, HttpServerResponse response) {
        if (sink || request.fullPath().startsWith("/sink")) {
            // Counts the body's bytes without keeping them: ten 120 MB uploads must not fill the test's own heap.
            return request.receive().map(buffer -> (long) buffer.readableBytes()).reduce(0L, Long::sum).flatMap(bytes -> {
                int call = calls.incrementAndGet();
                return response.status(HttpResponseStatus.CREATED).header("Content-Type", "application/json")
                        .header("Location", "/things/" + call)
                        .sendString(Mono.just("{\"call\":" + call + ",\"bytes\":" + bytes + "}")).then();
            });
        }
        if (request.fullPath().startsWith("/large/")) {
            // An answer of the size in KB the path names, e.g. /large/100/...
            int kilobytes = Integer.parseInt(request.fullPath().split("/")[2]);
            return request.receive().then(Mono.defer(() -> {
                int call = calls.incrementAndGet();
                return response.status(HttpResponseStatus.CREATED).header("Content-Type", "text/plain")
                        .header("Location", "/things/" + call)
                        .sendString(Flux.range(0, kilobytes).map(i -> "k".repeat(1024))).then();
            }));
        }
        return request.receive().aggregate().asString().defaultIfEmpty("").flatMap(body -> {
            int call = calls.incrementAndGet();
            Map<String, Object> echo = new LinkedHashMap<>();
            echo.put("call", call);
            echo.put("method", request.method().name());
            echo.put("path", request.fullPath());
            echo.put("uri", request.uri());
            Map<String, String> headers = new LinkedHashMap<>();
            request.requestHeaders().forEach(header -> headers.put(header.getKey().toLowerCase(), header.getValue()));
            echo.put("headers", headers);
            echo.put("body", body);
            String path = request.fullPath();
            if (path.startsWith("/hangup")) {
                request.withConnection(connection -> connection.channel().close());
                return Mono.<Void>empty();
            }
            String correlationId = request.requestHeaders().get("X-Correlation-Id");
            if (correlationId != null) {
                response.header("X-Correlation-Id", correlationId);
            }
            if (path.startsWith("/public/cached")) {
                response.header("Cache-Control", CACHEABLE).header("ETag", ETAG);
                return ETAG.equals(request.requestHeaders().get("If-None-Match"))
                        ? response.status(HttpResponseStatus.NOT_MODIFIED).send().then()
                        : response.status(HttpResponseStatus.OK).header("Content-Type", "application/json")
                                .sendString(Mono.just(JSON.writeValueAsString(echo))).then();
            }
            if (path.startsWith("/trickle")) {
                return response.status(HttpResponseStatus.OK).header("Content-Type", "text/plain")
                        .sendString(Flux.just("first ", "second ", "third").delayElements(Duration.ofMillis(1000))).then();
            }
            int status = path.startsWith("/status/") ? Integer.parseInt(path.substring("/status/".length()))
                    : "POST".equals(request.method().name()) ? 201 : 200;
            Mono<Void> reply = response.status(HttpResponseStatus.valueOf(status))
                    .header("Content-Type", "application/json")
                    .header("Location", "/things/" + call)
                    .sendString(Mono.just(JSON.writeValueAsString(echo))).then();
            return path.startsWith("/slow") ? Mono.delay(Duration.ofSeconds(3)).then(reply) : reply;
        });
    }

    @Override
    public void close() {
        stop();
    }
}
