package org.povertyalleviation.bench.logistics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

import org.povertyalleviation.platform.infra.PostgresServer;

/**
 * How busy the service's connection pool was during a burst: every 50 ms, its database sessions (the app role's) by
 * state. A session in a transaction holds one of the pool's connections whether PostgreSQL is running a statement
 * ({@code active}) or waiting for the service's next one ({@code idle in transaction}); bench-support's Sampler sees
 * only the first. When all the pool's connections are in a transaction at nearly every sample, requests queue for a
 * connection in the service.
 */
final class SessionStates implements AutoCloseable {

    private final Connection connection;
    private final String database;
    private final String role;
    private final Thread thread;
    private volatile boolean running = true;
    private int samples;
    private long open;
    private long inTransaction;
    private long active;
    private long lockWaits;
    private int maxInTransaction;
    private int maxOpen;

    SessionStates(PostgresServer postgres, PostgresServer.Database database) {
        this.database = database.name();
        this.role = database.appUsername();
        try {
            this.connection = postgres.connect("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot sample PostgreSQL: " + e.getMessage(), e);
        }
        this.thread = new Thread(this::loop, "session-states");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void loop() {
        try (PreparedStatement select = connection.prepareStatement("""
                select count(*),
                       count(*) filter (where state in ('active', 'idle in transaction')),
                       count(*) filter (where state = 'active'),
                       count(*) filter (where wait_event_type = 'Lock')
                  from pg_stat_activity where datname = ? and usename = ?""")) {
            select.setString(1, database);
            select.setString(2, role);
            while (running) {
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    synchronized (this) {
                        samples++;
                        open += rows.getInt(1);
                        inTransaction += rows.getInt(2);
                        active += rows.getInt(3);
                        lockWaits += rows.getInt(4);
                        maxOpen = Math.max(maxOpen, rows.getInt(1));
                        maxInTransaction = Math.max(maxInTransaction, rows.getInt(2));
                    }
                }
                Thread.sleep(50);
            }
        } catch (SQLException | InterruptedException e) {
            // The burst ended (or the server went away): what was sampled stands.
        }
    }

    /** A sentence for the report. */
    synchronized String summary() {
        if (samples == 0) {
            return "Service's connections: not sampled.";
        }
        return String.format(Locale.ROOT, "Service's connections, sampled %d times: %.1f open on average (at most %d), %.1f in a transaction "
                        + "(at most %d), of which %.1f running a statement and %.1f waiting for a lock; the rest of those in a transaction "
                        + "were waiting for the service's next statement.", samples, open / (double) samples, maxOpen,
                inTransaction / (double) samples, maxInTransaction, active / (double) samples, lockWaits / (double) samples);
    }

    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        try {
            thread.join(2000);
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            // closing anyway
        }
    }
}
