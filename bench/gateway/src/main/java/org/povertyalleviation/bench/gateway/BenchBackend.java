package org.povertyalleviation.bench.gateway;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The service behind both gateways: whatever the path, a small fixed JSON body, at once. Run as its own JVM so
 * that its CPU use is the same whichever way it is reached (directly, through the plain gateway, through ours).
 */
public final class BenchBackend {

    static final byte[] BODY = ("{\"county\":\"621222\",\"things\":[{\"id\":1,\"name\":\"walnuts\",\"stock\":120},"
            + "{\"id\":2,\"name\":\"pepper\",\"stock\":75},{\"id\":3,\"name\":\"honey\",\"stock\":40}]}")
            .getBytes(StandardCharsets.UTF_8);

    private BenchBackend() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: BenchBackend <port>");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        DisposableServer server = HttpServer.create()
                .host("127.0.0.1")
                .port(port)
                .handle((request, response) -> response
                        .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                        .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(BODY.length))
                        .sendObject(Unpooled.wrappedBuffer(BODY)))
                .bindNow();
        System.out.println("Bench backend listening on 127.0.0.1:" + server.port());
        server.onDispose().block();
    }
}
