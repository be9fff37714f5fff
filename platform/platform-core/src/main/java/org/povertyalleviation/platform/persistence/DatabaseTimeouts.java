package org.povertyalleviation.platform.persistence;

import java.util.Map;

import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcTimeoutException;
import org.povertyalleviation.platform.problem.ProblemException;
import org.povertyalleviation.platform.problem.ProblemResponses;
import org.povertyalleviation.platform.problem.ProblemTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A request whose statement ran past {@code statement_timeout} or waited past {@code lock_timeout}
 * ({@link DatabaseSessions}), or that found no free connection in the pool within
 * {@code spring.r2dbc.pool.max-acquire-time}, or that met the database away (restarting, unreachable), is answered at
 * once with a 503 problem and {@code Retry-After}: the database is busy or away, the request was not wrong, and nothing
 * of its transaction was kept. Every other database error stays a logged 500. Ahead of ProblemResponses, which would answer them all as 500s.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DatabaseTimeouts {

    private static final Logger log = LoggerFactory.getLogger(DatabaseTimeouts.class);
    /** The start of r2dbc-pool's message when no connection came free within max-acquire-time. */
    static final String POOL_ACQUIRE_TIMEOUT = "Connection acquisition timed out";
    private static final String RETRY_AFTER_SECONDS = "5";

    private final ProblemResponses problemResponses;

    public DatabaseTimeouts(ProblemResponses problemResponses) {
        this.problemResponses = problemResponses;
    }

    @ExceptionHandler({DataAccessException.class, R2dbcException.class, TransactionException.class})
    public Mono<ResponseEntity<ProblemDetail>> handle(Exception ex, ServerWebExchange exchange) {
        String reason = reason(ex);
        if (reason == null) {
            return problemResponses.handleUnexpected(ex, exchange);
        }
        log.warn("{} {} answered 503: {} ({})", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), reason, ex.toString());
        return problemResponses.handleProblem(new DatabaseBusy(reason), exchange);
    }

    /**
     * {@code statement-timeout}, {@code lock-timeout}, {@code connections-busy}, {@code database-unavailable}, or null
     * when the error is none of the sessions' or the pool's limits nor the server being away.
     */
    public static String reason(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            // r2dbc-pool says so only in its message (an R2dbcTimeoutException without an SQLSTATE).
            if (cause instanceof R2dbcTimeoutException && cause.getMessage() != null
                    && cause.getMessage().startsWith(POOL_ACQUIRE_TIMEOUT)) {
                return "connections-busy";
            }
            if (DatabaseFailures.statementCancelled(cause) || cause instanceof QueryTimeoutException) {
                return "statement-timeout";
            }
            if (DatabaseFailures.lockNotAvailable(cause)) {
                return "lock-timeout";
            }
            if (DatabaseFailures.serverAway(cause)) {
                return "database-unavailable";
            }
        }
        return null;
    }

    static final class DatabaseBusy extends ProblemException {
        DatabaseBusy(String reason) {
            super(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE, "Service unavailable",
                    switch (reason) {
                        case "statement-timeout" -> "The database did not finish this request's work in time; nothing was changed. Try again shortly.";
                        case "lock-timeout" -> "The records this request needs are held by other work; nothing was changed. Try again shortly.";
                        case "database-unavailable" -> "The service's database cannot be reached just now; nothing was changed. Try again shortly.";
                        default -> "Every database connection of the service is busy; nothing was changed. Try again shortly.";
                    },
                    Map.of("reason", reason), Map.of("Retry-After", RETRY_AFTER_SECONDS));
        }
    }
}
