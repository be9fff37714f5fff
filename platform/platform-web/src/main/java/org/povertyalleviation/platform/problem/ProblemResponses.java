package org.povertyalleviation.platform.problem;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

/**
 * Turns every error a controller raises into an RFC 9457 {@code application/problem+json} answer. Bad input
 * is a 400 naming each offending field; nothing a client sends can produce a stack trace or a 500.
 */
@RestControllerAdvice
public class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    @ExceptionHandler(ProblemException.class)
    public Mono<ResponseEntity<ProblemDetail>> handleProblem(ProblemException ex, ServerWebExchange exchange) {
        ProblemDetail problem = ex.toProblemDetail();
        problem.setInstance(java.net.URI.create(exchange.getRequest().getPath().value()));
        ResponseEntity.BodyBuilder response = ResponseEntity.status(ex.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        ex.headers().forEach((name, value) -> response.header(name, value));
        return Mono.just(response.body(problem));
    }

    /** The domain's own refusals (platform-domain): 400 naming the field, 409 or 422 naming the rule. */
    @ExceptionHandler({org.povertyalleviation.platform.domain.InvalidValueException.class,
            org.povertyalleviation.platform.domain.RuleRefusedException.class})
    public Mono<ResponseEntity<ProblemDetail>> handleDomainRefusal(RuntimeException ex, ServerWebExchange exchange) {
        return handleProblem(DomainRefusals.problem(ex), exchange);
    }

    /** Method validation through a {@code @Validated} proxy: the same 400 as any other invalid input. */
    @ExceptionHandler(jakarta.validation.ConstraintViolationException.class)
    public Mono<ResponseEntity<Object>> handleConstraintViolation(jakarta.validation.ConstraintViolationException ex,
                                                                   ServerWebExchange exchange) {
        List<InvalidParam> params = ex.getConstraintViolations().stream().map(violation -> {
            String path = violation.getPropertyPath().toString();
            return new InvalidParam(path.contains(".") ? path.substring(path.lastIndexOf('.') + 1) : path, violation.getMessage());
        }).toList();
        return invalid(params, new HttpHeaders(), exchange);
    }

    /** A check such as CountyAccess refused: 403, never a 500. */
    @ExceptionHandler(org.springframework.security.access.AccessDeniedException.class)
    public Mono<ResponseEntity<ProblemDetail>> handleForbidden(org.springframework.security.access.AccessDeniedException ex,
                                                               ServerWebExchange exchange) {
        ProblemDetail problem = ProblemTypes.problem(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden", ex.getMessage());
        problem.setInstance(java.net.URI.create(exchange.getRequest().getPath().value()));
        return Mono.just(ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem));
    }

    /** The last resort: a bug, not the caller's fault. Logged in full, answered without internals. */
    @ExceptionHandler(Exception.class)
    public Mono<ResponseEntity<ProblemDetail>> handleUnexpected(Exception ex, ServerWebExchange exchange) {
        log.error("Unhandled error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
        ProblemDetail problem = ProblemTypes.internalError();
        return Mono.just(ResponseEntity.internalServerError().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem));
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(WebExchangeBindException ex, HttpHeaders headers,
                                                                          HttpStatusCode status, ServerWebExchange exchange) {
        List<InvalidParam> params = new ArrayList<>();
        for (FieldError error : ex.getFieldErrors()) {
            params.add(new InvalidParam(error.getField(), error.getDefaultMessage()));
        }
        for (ObjectError error : ex.getGlobalErrors()) {
            params.add(new InvalidParam(error.getObjectName(), error.getDefaultMessage()));
        }
        return invalid(params, headers, exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                                  ServerWebExchange exchange) {
        return invalid(invalidParams(ex), headers, exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex, HttpHeaders headers,
                                                                         HttpStatusCode status, ServerWebExchange exchange) {
        return invalid(List.of(describeInput(ex)), headers, exchange);
    }

    private static List<InvalidParam> invalidParams(HandlerMethodValidationException ex) {
        List<InvalidParam> params = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error ->
                params.add(new InvalidParam(parameterName(result.getMethodParameter()), error.getDefaultMessage()))));
        return params;
    }

    private Mono<ResponseEntity<Object>> invalid(List<InvalidParam> params, HttpHeaders headers, ServerWebExchange exchange) {
        ProblemDetail problem = new InvalidRequestException(params).toProblemDetail();
        problem.setInstance(java.net.URI.create(exchange.getRequest().getPath().value()));
        return Mono.just(ResponseEntity.badRequest().headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem));
    }

    /** Names the field an unreadable body or parameter failed on: the JSON path Jackson reports, or the parameter. */
    static InvalidParam describeInput(ServerWebInputException ex) {
        Throwable cause = ex.getCause();
        while (cause != null && !(cause instanceof JacksonException)) {
            cause = cause.getCause();
        }
        if (cause instanceof JacksonException json) {
            String path = jsonPath(json.getPath());
            String reason = json.getOriginalMessage();
            if (reason != null && reason.contains("\n")) {
                reason = reason.substring(0, reason.indexOf('\n'));
            }
            return new InvalidParam(path.isEmpty() ? "body" : path, path.isEmpty() ? "malformed JSON: " + reason : "invalid value: " + reason);
        }
        if (ex.getCause() instanceof DecodingException decoding) {
            return new InvalidParam("body", decoding.getMessage());
        }
        if (ex.getMethodParameter() != null) {
            return new InvalidParam(parameterName(ex.getMethodParameter()), ex.getReason());
        }
        return new InvalidParam("body", ex.getReason() == null ? "unreadable request" : ex.getReason());
    }

    private static String parameterName(org.springframework.core.MethodParameter parameter) {
        String name = parameter.getParameterName();
        return name == null ? "parameter " + parameter.getParameterIndex() : name;
    }

    private static String jsonPath(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
