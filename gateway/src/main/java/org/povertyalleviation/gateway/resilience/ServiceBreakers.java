package org.povertyalleviation.gateway.resilience;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import org.povertyalleviation.gateway.EdgeProblem;
import org.povertyalleviation.gateway.GatewayProperties;
import org.povertyalleviation.platform.problem.ProblemException;
import org.povertyalleviation.platform.problem.ProblemTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreaker;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * One Resilience4j circuit breaker and time limit per service, through Spring Cloud CircuitBreaker. A call that
 * cannot connect or outlives the service's timeout is a failure; enough failures open the breaker, and then the
 * service's callers get an immediate 503 instead of waiting, until trial calls find it back (half-open, then
 * closed). The caller always gets a problem naming the service: 503 when it is down or cut off, 504 when it has
 * not begun to answer within the timeout (which includes sending it the request body). The gateway's own health
 * does not depend on any service's.
 *
 * <p>Only failures to get an answer count; a 5xx the service answers is passed on as it is and not counted,
 * because by then the answer is already on its way to the caller.
 */
public class ServiceBreakers {

    /**
     * Inside Spring Cloud Gateway's response writer (order -1): the call ends when the service's answer has begun
     * (its status and headers), so the time limit bounds the service, not how fast the caller downloads the body
     * (a large export to a slow rural link must not be cut off as a "timeout"). Outside the retries
     * ({@link #RETRY_ORDER}), so a call retried and then answered is one success.
     */
    public static final int ORDER = 0;
    public static final int RETRY_ORDER = ORDER + 1;

    private static final Logger log = LoggerFactory.getLogger(ServiceBreakers.class);

    private final ReactiveResilience4JCircuitBreakerFactory factory;
    private final GatewayProperties.Breaker settings;

    public ServiceBreakers(ReactiveResilience4JCircuitBreakerFactory factory, GatewayProperties.Breaker settings) {
        this.factory = factory;
        this.settings = settings;
    }

    public GatewayFilter forService(String service, Duration timeout) {
        factory.configure(builder -> builder
                .timeLimiterConfig(TimeLimiterConfig.custom().timeoutDuration(timeout).build())
                .circuitBreakerConfig(CircuitBreakerConfig.custom()
                        .slidingWindowSize(settings.window())
                        .minimumNumberOfCalls(settings.minimumCalls())
                        .failureRateThreshold(settings.failureRateThreshold())
                        .waitDurationInOpenState(settings.waitInOpenState())
                        .permittedNumberOfCallsInHalfOpenState(settings.trialCalls())
                        // The caller's fault (a body over the limit) says nothing about the service's health, also
                        // when it reaches the breaker wrapped in the HTTP client's exception.
                        .ignoreException(failure -> cause(failure, ProblemException.class) != null)
                        .build()), service);
        ReactiveCircuitBreaker breaker = factory.create(service);
        return new OrderedGatewayFilter((exchange, chain) ->
                breaker.run(chain.filter(exchange), failure -> answer(exchange, service, timeout, failure)), ORDER);
    }

    private Mono<Void> answer(ServerWebExchange exchange, String service, Duration timeout, Throwable failure) {
        ProblemException callersFault = cause(failure, ProblemException.class);
        if (callersFault != null) {
            return Mono.error(callersFault);
        }
        if (exchange.getResponse().isCommitted()) {
            // Part of the answer has gone out; all that is left is to cut the connection.
            return Mono.error(failure);
        }
        if (failure instanceof CallNotPermittedException) {
            long retryAfter = Math.max(1, settings.waitInOpenState().toSeconds());
            return Mono.error(new NotCalled(ProblemTypes.SERVICE_UNAVAILABLE, "Service unavailable",
                    service + " is unavailable: it failed repeatedly and is given time to recover; retry after " + retryAfter + " s",
                    Map.of("service", service), Map.of(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter))));
        }
        if (failure instanceof TimeoutException) {
            log.warn("{} did not answer {} {} within {}", service, exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), timeout);
            return Mono.error(new EdgeProblem(HttpStatus.GATEWAY_TIMEOUT, ProblemTypes.SERVICE_TIMEOUT, "Service timeout",
                    service + " did not answer within " + timeout.toMillis() + " ms",
                    Map.of("service", service), Map.of()));
        }
        log.warn("{} could not be reached for {} {}: {}", service, exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(), failure.toString());
        String detail = service + " cannot be reached; try again shortly";
        if (cause(failure, ConnectException.class) != null) {
            return Mono.error(new NotCalled(ProblemTypes.SERVICE_UNAVAILABLE, "Service unavailable", detail,
                    Map.of("service", service), Map.of()));
        }
        return Mono.error(new EdgeProblem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE, "Service unavailable",
                detail, Map.of("service", service), Map.of()));
    }

    /**
     * A 503 for a call that never reached the service (the breaker was open, or the connection was refused), so
     * nothing can have taken effect; any other failure may have reached it before the answer was lost.
     */
    public static final class NotCalled extends EdgeProblem {
        NotCalled(URI type, String title, String detail, Map<String, Object> properties, Map<String, String> headers) {
            super(HttpStatus.SERVICE_UNAVAILABLE, type, title, detail, properties, headers);
        }
    }

    private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
