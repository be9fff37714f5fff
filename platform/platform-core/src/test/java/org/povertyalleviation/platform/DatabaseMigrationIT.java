package org.povertyalleviation.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.infra.PostgresServer;
import org.povertyalleviation.platform.infra.SharedInfrastructure;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The charts' migration Job (DatabaseMigration) against a fresh database on the real PostgreSQL: as the owner it
 * migrates what a self-migrating service would, then the app role alone can use the tables, and nothing of the
 * service starts. Run with the sample service's application.yml on the classpath, as the Job runs with the service's.
 */
class DatabaseMigrationIT {

    @Test
    void the_job_migrates_as_the_owner_what_the_service_would_and_the_app_role_needs_nothing_more() throws Exception {
        PostgresServer.Database database = SharedInfrastructure.postgres().database("migration_job");
        String[] job = {"--spring.flyway.url=" + database.jdbcUrl(), "--spring.flyway.user=" + database.ownerUsername(),
                "--spring.flyway.password=" + database.ownerPassword(), "--spring.r2dbc.username=" + database.appUsername(),
                // As the pods' environment says; the Job migrates regardless.
                "--spring.flyway.enabled=false"};

        try (ConfigurableApplicationContext context = DatabaseMigration.run(job)) {
            assertThat(context.getBeanNamesForType(org.springframework.cloud.stream.function.StreamBridge.class))
                    .as("no Kafka").isEmpty();
            assertThat(context).as("no web server").isExactlyInstanceOf(org.springframework.context.annotation.AnnotationConfigApplicationContext.class);
            assertThat(context.getBeanNamesForType(PlatformAutoConfiguration.class)).as("none of the service's platform beans").isEmpty();
        }

        try (Connection owner = DriverManager.getConnection(database.jdbcUrl(), database.ownerUsername(), database.ownerPassword())) {
            assertThat(strings(owner, "select version from platform_schema_history where success order by installed_rank"))
                    .as("the platform's migrations").isNotEmpty();
            assertThat(strings(owner, "select version from flyway_schema_history where success and version <> '0' order by installed_rank"))
                    .as("the service's own, after the platform's").containsExactly("1", "2");
            assertThat(strings(owner, "select tableowner from pg_tables where tablename in ('outbox_event', 'processed_event')"))
                    .containsOnly(database.ownerUsername()).hasSize(2);
        }
        try (Connection app = DriverManager.getConnection(database.jdbcUrl(), database.appUsername(), database.appPassword())) {
            assertThat(strings(app, "select count(*) from outbox_event")).as("the app role reads what the owner created").containsExactly("0");
        }

        // A second run (the next upgrade with no new migration) changes nothing and succeeds.
        DatabaseMigration.run(job).close();
        try (Connection owner = DriverManager.getConnection(database.jdbcUrl(), database.ownerUsername(), database.ownerPassword())) {
            assertThat(strings(owner, "select count(*) from flyway_schema_history where version <> '0'")).containsExactly("2");
        }
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = connection.createStatement().executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
