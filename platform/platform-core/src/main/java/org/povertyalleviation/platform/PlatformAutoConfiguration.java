package org.povertyalleviation.platform;

import io.micrometer.core.instrument.MeterRegistry;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.migration.JavaMigration;
import org.povertyalleviation.platform.audit.AuditController;
import org.povertyalleviation.platform.audit.AuditTrail;
import org.povertyalleviation.platform.consuming.EventListeners;
import org.povertyalleviation.platform.security.CountyAccess;
import org.povertyalleviation.platform.consuming.IdempotentConsumer;
import org.povertyalleviation.platform.events.EventCodec;
import org.povertyalleviation.platform.outbox.Outbox;
import org.povertyalleviation.platform.persistence.DatabaseSessions;
import org.povertyalleviation.platform.persistence.DatabaseTimeouts;
import org.povertyalleviation.platform.outbox.OutboxProperties;
import org.povertyalleviation.platform.outbox.OutboxRelay;
import org.povertyalleviation.platform.kafka.KafkaClients;
import org.povertyalleviation.platform.tenancy.CountySuspensions;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The data parts every service with a database gets by depending on platform-core (tenancy transactions, outbox,
 * consumers, county copy and jobs, audit, the platform's migrations); the web parts are platform-web's
 * (PlatformWebAutoConfiguration).
 */
@AutoConfiguration(after = PlatformWebAutoConfiguration.class, afterName = {
        "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
        "org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration",
        "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration",
        "org.springframework.cloud.stream.function.FunctionConfiguration"})
@EnableConfigurationProperties({OutboxProperties.class, org.povertyalleviation.platform.consuming.ConsumerProperties.class})
public class PlatformAutoConfiguration {

    /** Services with a database; the gateway has none. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(DatabaseClient.class)
    @ConditionalOnBean(ReactiveTransactionManager.class)
    static class Persistence {

        @Bean
        TenantTransactions tenantTransactions(DatabaseClient database, ReactiveTransactionManager transactionManager) {
            return new TenantTransactions(database, TransactionalOperator.create(transactionManager));
        }

        @Bean
        Outbox outbox(DatabaseClient database, EventCodec codec, org.springframework.core.env.Environment environment) {
            return new Outbox(database, codec, "/services/" + environment.getProperty("spring.application.name", "application"));
        }

        @Bean
        IdempotentConsumer idempotentConsumer(DatabaseClient database, TenantTransactions tenantTransactions) {
            return new IdempotentConsumer(database, tenantTransactions);
        }

        @Bean
        EventListeners eventListeners(EventCodec codec, IdempotentConsumer idempotentConsumer) {
            return new EventListeners(codec, idempotentConsumer);
        }

        @Bean
        CountySuspensions countySuspensions(DatabaseClient database) {
            return new CountySuspensions(database);
        }

        @Bean
        AuditTrail auditTrail(DatabaseClient database, TenantTransactions tenantTransactions) {
            return new AuditTrail(database, tenantTransactions);
        }

        @Bean
        AuditController auditController(AuditTrail auditTrail, CountyAccess countyAccess) {
            return new AuditController(auditTrail, countyAccess);
        }

        /** The audit trail's row in every service's access table: the county's auditors read it. */
        @Bean
        org.povertyalleviation.platform.access.AccessTable auditAccess() {
            return org.povertyalleviation.platform.access.AccessTable.of(org.povertyalleviation.platform.access.AccessRule.read(
                    "GET /audit/counties/{county}/entries", "the county's audit trail, newest first", "auditor"));
        }
    }

    /**
     * Every R2DBC session's limits (DatabaseSessions) as PostgreSQL startup parameters, and their firing answered as
     * a 503 (DatabaseTimeouts).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({DatabaseClient.class, io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider.class})
    @EnableConfigurationProperties(DatabaseSessions.class)
    static class SessionLimits {

        @Bean
        org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer databaseSessionLimits(DatabaseSessions sessions) {
            return options -> options.option(io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider.OPTIONS, sessions.parameters());
        }

        @Bean
        @ConditionalOnBean(org.povertyalleviation.platform.problem.ProblemResponses.class)
        DatabaseTimeouts databaseTimeouts(org.povertyalleviation.platform.problem.ProblemResponses problemResponses) {
            return new DatabaseTimeouts(problemResponses);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Flyway.class)
    static class Migrations {

        /**
         * Platform tables and functions (outbox, processed events, enable_county_isolation) are migrated first,
         * under a history table of their own so their versions never collide with a service's; the service's
         * migrations follow and may use them. The service's history starts from a baseline at version 0 because
         * its schema is no longer empty when its first migration runs.
         */
        @Bean
        @ConditionalOnMissingBean
        FlywayMigrationStrategy platformTablesFirst(org.springframework.core.env.Environment environment) {
            boolean countyCopy = environment.getProperty(PlatformDefaults.COUNTY_COPY_ENABLED, Boolean.class, false);
            boolean householdCopy = environment.getProperty(PlatformDefaults.HOUSEHOLD_COPY_ENABLED, Boolean.class, false);
            return flyway -> {
                platformLocation(flyway, "classpath:db/platform", "platform_schema_history");
                if (countyCopy) {
                    // joined_county and village (CountyCopy), before the service's tables that reference them.
                    platformLocation(flyway, "classpath:db/county-copy", "county_copy_schema_history");
                }
                if (householdCopy) {
                    // household (HouseholdCopy), before the service's tables that reference it.
                    platformLocation(flyway, "classpath:db/household-copy", "household_copy_schema_history");
                }
                Flyway.configure(flyway.getConfiguration().getClassLoader())
                        .configuration(flyway.getConfiguration())
                        .baselineOnMigrate(true)
                        .baselineVersion("0")
                        .load()
                        .migrate();
            };
        }

        private static void platformLocation(Flyway flyway, String location, String historyTable) {
            Flyway.configure(flyway.getConfiguration().getClassLoader())
                    .configuration(flyway.getConfiguration())
                    .locations(location)
                    // The service's callbacks and Java migrations belong to its own history, not this one.
                    .callbacks(new Callback[0])
                    .javaMigrations(new JavaMigration[0])
                    .table(historyTable)
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
        }
    }

    /** Scheduled jobs (CountyJobs' sweeps) in services with a database. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(ReactiveTransactionManager.class)
    @org.springframework.scheduling.annotation.EnableScheduling
    static class Scheduling {
    }

    /** The county registry's counties and villages, kept by services that set platform.county-copy.enabled. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({DatabaseClient.class, StreamBridge.class})
    @ConditionalOnBean(ReactiveTransactionManager.class)
    @ConditionalOnProperty(name = PlatformDefaults.COUNTY_COPY_ENABLED, havingValue = "true")
    @Import(org.povertyalleviation.platform.counties.CountyCopy.class)
    static class CountyCopies {

        @Bean
        org.povertyalleviation.platform.counties.CountyJobs countyJobs(org.povertyalleviation.platform.counties.JoinedCounties joinedCounties,
                                                                       io.r2dbc.spi.ConnectionFactory connections, DatabaseClient database,
                                                                       java.time.Clock clock) {
            return new org.povertyalleviation.platform.counties.CountyJobs(joinedCounties, connections, database, clock);
        }
    }

    /** The household registry's households, kept by services that set platform.household-copy.enabled. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({DatabaseClient.class, StreamBridge.class})
    @ConditionalOnBean(ReactiveTransactionManager.class)
    @ConditionalOnProperty(name = PlatformDefaults.HOUSEHOLD_COPY_ENABLED, havingValue = "true")
    @Import(org.povertyalleviation.platform.households.HouseholdCopy.class)
    static class HouseholdCopies {
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({DatabaseClient.class, StreamBridge.class})
    @ConditionalOnBean(ReactiveTransactionManager.class)
    static class Messaging {

        /** Bound to county.events by the platform defaults: every service learns of suspensions. */
        @Bean
        java.util.function.Consumer<org.springframework.messaging.Message<byte[]>> countyStatus(CountySuspensions suspensions,
                                                                                               EventListeners listeners) {
            return suspensions.consumer(listeners);
        }

        @Bean
        @ConditionalOnBean(StreamBridge.class)
        @ConditionalOnProperty(name = "platform.outbox.relay-enabled", matchIfMissing = true)
        OutboxRelay outboxRelay(DatabaseClient database, KafkaClients kafka, OutboxProperties properties, MeterRegistry meters,
                                org.springframework.core.env.Environment environment) {
            return new OutboxRelay(database, kafka.reliableProducer(environment.getProperty("spring.application.name", "service") + "-outbox"),
                    properties, meters);
        }

        /** Retries and dead letters for every binding, by the kind of failure (ConsumerFailures). */
        @Bean
        @ConditionalOnMissingBean
        org.povertyalleviation.platform.consuming.ConsumerFailures consumerFailures(KafkaClients kafka, MeterRegistry meters,
                                                                                    org.povertyalleviation.platform.consuming.ConsumerProperties properties) {
            return new org.povertyalleviation.platform.consuming.ConsumerFailures(kafka, meters, properties);
        }

        @Bean
        @ConditionalOnMissingBean
        KafkaClients kafkaClients(org.springframework.core.env.Environment environment,
                                  org.springframework.beans.factory.ObjectProvider<org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails> details) {
            return new KafkaClients(environment, details);
        }
    }
}
