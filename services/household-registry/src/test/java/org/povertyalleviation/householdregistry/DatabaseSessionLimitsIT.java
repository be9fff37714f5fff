package org.povertyalleviation.householdregistry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/** The platform's session limits hold on the registry's own connections (platform-core's DatabaseSessions). */
class DatabaseSessionLimitsIT extends HouseholdRegistryIT {

    @Autowired
    DatabaseClient database;

    @Test
    void the_registrys_sessions_run_under_the_platforms_statement_lock_and_idle_transaction_limits() {
        assertThat(show("statement_timeout")).isEqualTo("30s");
        assertThat(show("lock_timeout")).isEqualTo("5s");
        assertThat(show("idle_in_transaction_session_timeout")).isEqualTo("1min");
    }

    private String show(String setting) {
        return database.sql("show " + setting).map(row -> row.get(0, String.class)).one().block();
    }
}
