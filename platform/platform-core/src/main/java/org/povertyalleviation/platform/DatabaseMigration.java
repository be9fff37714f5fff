package org.povertyalleviation.platform;

import java.util.Map;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MapPropertySource;

/**
 * Migrates a service's database and exits: the Helm charts run it as a Job before each install and upgrade, as the
 * database's owner, so that the service's pods hold only the app role's password and start with migrations off
 * ({@code spring.flyway.enabled=false}). The devstack and the tests do not use it: there the service migrates itself at
 * start-up, as before.
 *
 * <p>It reads the service's own configuration (its {@code application.yml} from the image's classpath, the platform's
 * defaults, the {@code DATABASE_*} variables) and runs the same migrations in the same order as a service that migrates
 * itself ({@link PlatformAutoConfiguration}'s strategy: the platform's tables, the county and household copies the
 * service enables, then its own), with nothing else of the service: no web server, no Kafka, no scheduled jobs.
 *
 * <pre>
 * java -cp '/app/resources:/app/classes:/app/libs/*' org.povertyalleviation.platform.DatabaseMigration
 * </pre>
 */
public final class DatabaseMigration {

    private DatabaseMigration() {
    }

    public static void main(String[] args) {
        run(args).close();
    }

    /** Migrates; the context returned holds the Flyway that did it, for the caller to close. */
    static ConfigurableApplicationContext run(String... args) {
        return new SpringApplicationBuilder(MigrationsOnly.class)
                .web(WebApplicationType.NONE)
                // Above any argument or variable: a Flyway turned off here (the pods' SPRING_FLYWAY_ENABLED=false
                // copied into the Job) would be a Job that succeeds having migrated nothing.
                .initializers(context -> context.getEnvironment().getPropertySources().addFirst(
                        new MapPropertySource("database-migration", Map.of("spring.flyway.enabled", "true"))))
                .run(args);
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(FlywayAutoConfiguration.class)
    @Import(PlatformAutoConfiguration.Migrations.class)
    static class MigrationsOnly {
    }
}
