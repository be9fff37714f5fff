package org.povertyalleviation.gateway.limits;

import java.util.concurrent.atomic.AtomicLong;

import org.povertyalleviation.gateway.EdgeProblem;
import org.povertyalleviation.gateway.GatewayProperties;
import org.povertyalleviation.platform.problem.ProblemTypes;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses request bodies larger than the service accepts with a 413 problem: by the declared length before
 * anything is forwarded, and, for a chunked body that declares none, as soon as the bytes passed exceed it.
 * The second case fails the forwarded call, which the breaker lets through as the caller's error, not the
 * service's ({@code ServiceBreaker}). The limit is the path's: a service's {@code uploads} (the household registry's
 * import of a county's file, 120 MB) have their own, every other path the service's, 1 MB unless it says more, so
 * that no other path of a service that takes one large file accepts large bodies too.
 */
public final class RequestBodyLimit {

    public static final int ORDER = -250;

    private RequestBodyLimit() {
    }

    /**
     * @param uploads the service's paths (ant patterns, under the service) with a limit of their own; every other
     *                path has {@code limit}
     */
    public static GatewayFilter of(String service, DataSize serviceLimit, java.util.List<GatewayProperties.Upload> uploads) {
        org.springframework.util.AntPathMatcher paths = new org.springframework.util.AntPathMatcher();
        String prefix = "/api/" + service;
        return new OrderedGatewayFilter((exchange, chain) -> {
            String path = exchange.getRequest().getPath().value();
            String within = path.startsWith(prefix) ? path.substring(prefix.length()) : path;
            DataSize limit = uploads.stream().filter(upload -> paths.match(upload.path(), within))
                    .map(GatewayProperties.Upload::maxRequestBody).findFirst().orElse(serviceLimit);
            long declared = exchange.getRequest().getHeaders().getContentLength();
            if (declared > limit.toBytes()) {
                return Mono.error(tooLarge(service, limit));
            }
            if (declared >= 0) {
                return chain.filter(exchange);
            }
            ServerHttpRequest counted = new ServerHttpRequestDecorator(exchange.getRequest()) {
                @Override
                public Flux<DataBuffer> getBody() {
                    AtomicLong seen = new AtomicLong();
                    return super.getBody().handle((buffer, sink) -> {
                        if (seen.addAndGet(buffer.readableByteCount()) > limit.toBytes()) {
                            org.springframework.core.io.buffer.DataBufferUtils.release(buffer);
                            sink.error(tooLarge(service, limit));
                        } else {
                            sink.next(buffer);
                        }
                    });
                }
            };
            return chain.filter(exchange.mutate().request(counted).build());
        }, ORDER);
    }

    static EdgeProblem tooLarge(String service, DataSize limit) {
        return new EdgeProblem(HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.REQUEST_TOO_LARGE, "Request too large",
                "The request body is larger than " + service + " accepts (" + limit.toKilobytes() + " KB)");
    }
}
