package org.povertyalleviation.platform.persistence;

import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientResourceException;

/**
 * What a database error means, one cause at a time, for the two that act on it: a request's answer (DatabaseTimeouts)
 * and a consumer's retry (TransientFailures). The SQLSTATEs are PostgreSQL's.
 */
public final class DatabaseFailures {

    /** A statement cancelled (here: by statement_timeout). */
    static final String QUERY_CANCELED = "57014";
    /** A lock not obtained within lock_timeout. */
    static final String LOCK_NOT_AVAILABLE = "55P03";

    private DatabaseFailures() {
    }

    public static boolean statementCancelled(Throwable cause) {
        return cause instanceof R2dbcException r2dbc && QUERY_CANCELED.equals(r2dbc.getSqlState());
    }

    public static boolean lockNotAvailable(Throwable cause) {
        return cause instanceof R2dbcException r2dbc && LOCK_NOT_AVAILABLE.equals(r2dbc.getSqlState());
    }

    /**
     * The server away or restarting: a refused connection, a pooled connection it closed (validation fails), SQLSTATE
     * class 08 (connection exception) or 57P (shutting down, cannot connect now).
     */
    public static boolean serverAway(Throwable cause) {
        return cause instanceof R2dbcNonTransientResourceException || cause instanceof R2dbcTransientResourceException
                || cause instanceof java.net.ConnectException
                || cause instanceof R2dbcException r2dbc && r2dbc.getSqlState() != null
                && (r2dbc.getSqlState().startsWith("08") || r2dbc.getSqlState().startsWith("57P"));
    }
}
