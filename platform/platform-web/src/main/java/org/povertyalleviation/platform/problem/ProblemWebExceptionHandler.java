package org.povertyalleviation.platform.problem;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Catches what never reaches a controller (errors in filters, unknown routes before dispatch) so that even
 * those answers are problem+json and never Boot's default error page or a stack trace.
 */
@Order(-2)
public class ProblemWebExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemWebExceptionHandler.class);

    private final JsonMapper json;

    public ProblemWebExceptionHandler(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        ProblemDetail problem;
        HttpStatusCode status;
        ProblemException refusal = DomainRefusals.problem(ex);
        if (refusal != null) {
            ex = refusal;
        }
        if (ex instanceof ProblemException known) {
            problem = known.toProblemDetail();
            status = known.status();
            known.headers().forEach(exchange.getResponse().getHeaders()::set);
        } else if (ex instanceof ResponseStatusException known) {
            status = known.getStatusCode();
            problem = known.getBody();
            // e.g. Allow on a 405, Accept on a 415
            known.getHeaders().forEach((name, values) -> exchange.getResponse().getHeaders().put(name, values));
        } else {
            log.error("Unhandled error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
            status = HttpStatus.INTERNAL_SERVER_ERROR;
            problem = ProblemTypes.internalError();
        }
        return write(exchange, status, problem, json);
    }

    /** Writes a problem as the response, outside any controller (this handler, the security filters). */
    public static Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, ProblemDetail problem, JsonMapper json) {
        problem.setInstance(java.net.URI.create(exchange.getRequest().getPath().value()));
        byte[] body = json.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);
        // Headers describing another body (an answer that failed after its headers were set, e.g. by a proxied
        // service) must not describe the problem.
        for (String header : List.of(HttpHeaders.CONTENT_LENGTH, HttpHeaders.CONTENT_ENCODING, HttpHeaders.CONTENT_RANGE,
                HttpHeaders.CONTENT_DISPOSITION, HttpHeaders.LOCATION, HttpHeaders.ETAG, HttpHeaders.LAST_MODIFIED,
                HttpHeaders.TRANSFER_ENCODING)) {
            exchange.getResponse().getHeaders().remove(header);
        }
        exchange.getResponse().setStatusCode(status);
        exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return exchange.getResponse().writeWith(Mono.just(exchange.getResponse().bufferFactory().wrap(body)));
    }
}
