package org.povertyalleviation.platform.persistence;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The limits every R2DBC session of a service starts with, sent to PostgreSQL as startup parameters (so they hold
 * for every pooled connection, and {@code set local} may raise one for a single transaction of a bulk path). Without
 * them a statement stuck behind a lock, a runaway query or a transaction left open by a stalled client holds a
 * connection, and the locks it took, for ever. Defaults in platform-defaults.properties; a service's application.yml,
 * the chart's env (PLATFORM_DATABASE_STATEMENTTIMEOUT, …) or a test override them. Migrations (Flyway, JDBC) are not
 * limited: an index build may rightly take longer.
 *
 * @param statementTimeout         {@code statement_timeout}: the longest a single statement may run
 * @param lockTimeout              {@code lock_timeout}: the longest a statement waits for a lock
 * @param idleInTransactionTimeout {@code idle_in_transaction_session_timeout}: the longest a transaction may sit
 *                                 idle between statements before the server ends the session
 */
@ConfigurationProperties("platform.database")
public record DatabaseSessions(Duration statementTimeout, Duration lockTimeout, Duration idleInTransactionTimeout) {

    public DatabaseSessions {
        positive("statement-timeout", statementTimeout);
        positive("lock-timeout", lockTimeout);
        positive("idle-in-transaction-timeout", idleInTransactionTimeout);
    }

    /** The startup parameters, in milliseconds (PostgreSQL's unit for all three). */
    public Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("statement_timeout", statementTimeout.toMillis() + "ms");
        parameters.put("lock_timeout", lockTimeout.toMillis() + "ms");
        parameters.put("idle_in_transaction_session_timeout", idleInTransactionTimeout.toMillis() + "ms");
        return parameters;
    }

    // Zero would mean "no limit" to PostgreSQL: exactly what these settings exist to prevent.
    private static void positive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative() || value.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("platform.database." + name + " must be a positive duration below 24 days, was " + value);
        }
    }
}
