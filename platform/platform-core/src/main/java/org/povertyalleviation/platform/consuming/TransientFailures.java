package org.povertyalleviation.platform.consuming;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcRollbackException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.R2dbcTransientException;
import org.povertyalleviation.platform.persistence.DatabaseFailures;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Which failures of an event's effect are the surroundings' and not the event's: the database restarting or
 * unreachable, a pool exhausted, a timeout, a deadlock or serialization conflict. Those are retried for as long as
 * they last and never dead-lettered; the event is not at fault and would apply once the database is back.
 *
 * <p>A statement cancelled by {@code statement_timeout} (SQLSTATE 57014) is neither: a busy server makes it, but so does
 * an event whose effect is too big to finish in time, and retrying that one for ever would hold its partition for
 * ever. {@link #isStatementTimeout} names it so that its tries can be bounded (ConsumerFailures).
 */
public final class TransientFailures {

    private TransientFailures() {
    }

    public static boolean isTransient(Throwable error) {
        if (isStatementTimeout(error)) {
            return false;
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof TransientDataAccessException || cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException || cause instanceof QueryTimeoutException
                    || cause instanceof PessimisticLockingFailureException
                    || cause instanceof R2dbcTransientException
                    || cause instanceof R2dbcTimeoutException || cause instanceof R2dbcRollbackException
                    || cause instanceof IOException || cause instanceof TimeoutException) {
                return true;
            }
            if (DatabaseFailures.serverAway(cause) || DatabaseFailures.lockNotAvailable(cause)
                    || cause instanceof R2dbcException r2dbc && transientState(r2dbc.getSqlState())) {
                return true;
            }
            // Reactor's block(timeout) and a pool's acquire timeout say so only in their message.
            if (cause instanceof IllegalStateException && cause.getMessage() != null && cause.getMessage().startsWith("Timeout on blocking read")) {
                return true;
            }
        }
        return false;
    }

    /** A statement the server cancelled after {@code statement_timeout} (SQLSTATE 57014), anywhere in the causes. */
    public static boolean isStatementTimeout(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (DatabaseFailures.statementCancelled(cause)) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATEs of a server refusing for a while besides it being away and a lock wait (DatabaseFailures): 53
     * insufficient resources, 40001 serialization failure, 40P01 deadlock.
     */
    static boolean transientState(String state) {
        if (state == null) {
            return false;
        }
        return state.startsWith("53") || state.equals("40001") || state.equals("40P01");
    }
}
