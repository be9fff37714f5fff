package org.povertyalleviation.platform.counties;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.infra.PostgresServer;
import org.povertyalleviation.platform.infra.SharedInfrastructure;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Two replicas of a service, each with its own pool, fire the same county job. */
class CountyJobsIT {

    private static PostgresServer.Database db;

    private ConnectionPool poolA;
    private ConnectionPool poolB;
    private CountyJobs replicaA;
    private CountyJobs replicaB;

    @BeforeAll
    static void migrated() {
        db = SharedInfrastructure.postgres().database("county_jobs_check");
        for (String[] location : List.of(new String[]{"classpath:db/platform", "platform_schema_history"},
                new String[]{"classpath:db/county-copy", "county_copy_schema_history"})) {
            Flyway.configure().dataSource(db.jdbcUrl(), db.ownerUsername(), db.ownerPassword())
                    .locations(location[0]).table(location[1]).baselineOnMigrate(true).baselineVersion("0")
                    .placeholders(Map.of("app_role", db.appUsername())).load().migrate();
        }
    }

    @BeforeEach
    void twoReplicas() {
        poolA = pool();
        poolB = pool();
        replicaA = jobs(poolA);
        replicaB = jobs(poolB);
        DatabaseClient database = DatabaseClient.create(poolA);
        database.sql("delete from county_job_run").then().block();
        database.sql("delete from joined_county").then().block();
        for (String county : List.of("621222", "621224", "621226")) {
            database.sql("insert into joined_county (code, name_zh) values (:code, :code)").bind("code", county).then().block();
        }
    }

    @AfterEach
    void closePools() {
        poolA.dispose();
        poolB.dispose();
    }

    @Test
    void while_one_replica_runs_the_job_the_other_skips_it() throws InterruptedException {
        Map<CountyCode, AtomicInteger> runs = new ConcurrentHashMap<>();
        CountDownLatch firstCountyStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        var first = replicaA.forEachCounty("sweep", "2026-12", county -> Mono.fromCallable(() -> {
            runs.computeIfAbsent(county, c -> new AtomicInteger()).incrementAndGet();
            firstCountyStarted.countDown();
            release.await(30, TimeUnit.SECONDS);
            return county;
        }).subscribeOn(Schedulers.boundedElastic())).toFuture();
        assertThat(firstCountyStarted.await(30, TimeUnit.SECONDS)).isTrue();

        CountyJobs.Run second = replicaB.forEachCounty("sweep", "2026-12", county -> Mono.fromCallable(() -> {
            runs.computeIfAbsent(county, c -> new AtomicInteger()).incrementAndGet();
            return county;
        })).block(Duration.ofSeconds(30));
        release.countDown();

        assertThat(second.ran()).isFalse();
        assertThat(first.join().ran()).isTrue();
        assertThat(runs).hasSize(3).allSatisfy((county, count) -> assertThat(count.get()).isEqualTo(1));
    }

    @Test
    void an_occurrence_one_replica_completed_is_skipped_by_the_other_and_the_next_one_runs() {
        AtomicInteger runs = new AtomicInteger();
        assertThat(replicaA.forEachCounty("sweep", "2026-11", county -> Mono.fromCallable(runs::incrementAndGet)).block().ran()).isTrue();

        // B's clock fired a little later: the lock is free again (A released it), but November is done.
        CountyJobs.Run late = replicaB.forEachCounty("sweep", "2026-11", county -> Mono.fromCallable(runs::incrementAndGet)).block();
        CountyJobs.Run december = replicaB.forEachCounty("sweep", "2026-12", county -> Mono.fromCallable(runs::incrementAndGet)).block();

        assertThat(late.ran()).isFalse();
        assertThat(december.ran()).isTrue();
        assertThat(december.counties()).isEqualTo(3);
        assertThat(runs.get()).isEqualTo(6);
    }

    @Test
    void one_countys_failure_does_not_stop_the_others_and_is_counted() {
        List<CountyCode> done = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountyJobs.Run run = replicaA.forEachCounty("sweep", "2026-10", county -> county.value().equals("621224")
                ? Mono.error(new IllegalStateException("broken county"))
                : Mono.fromCallable(() -> done.add(county))).block();

        assertThat(run.counties()).isEqualTo(3);
        assertThat(run.failed()).isEqualTo(1);
        assertThat(done).containsExactly(CountyCode.of("621222"), CountyCode.of("621226"));
    }

    @Test
    void a_job_that_failed_as_a_whole_leaves_its_lock_and_its_occurrence_free() throws Exception {
        // The occurrence cannot be recorded: the run fails after its counties ran.
        owner("alter table county_job_run rename to county_job_run_away");
        try {
            Mono<CountyJobs.Run> failing = replicaA.forEachCounty("sweep", "2026-09", county -> Mono.just(county));
            org.assertj.core.api.Assertions.assertThatThrownBy(failing::block).hasMessageContaining("county_job_run");
        } finally {
            owner("alter table county_job_run_away rename to county_job_run");
        }

        assertThat(replicaB.forEachCounty("sweep", "2026-09", county -> Mono.just(county)).block().ran()).isTrue();
    }

    private static void owner(String sql) throws java.sql.SQLException {
        try (var connection = java.sql.DriverManager.getConnection(db.jdbcUrl(), db.ownerUsername(), db.ownerPassword());
             var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static ConnectionPool pool() {
        return new ConnectionPool(ConnectionPoolConfiguration.builder(ConnectionFactories.get(
                db.r2dbcUrl().replace("r2dbc:postgresql://", "r2dbc:postgresql://" + db.appUsername() + ":" + db.appPassword() + "@")))
                .initialSize(1).maxSize(2).build());
    }

    private static CountyJobs jobs(ConnectionPool pool) {
        DatabaseClient database = DatabaseClient.create(pool);
        return new CountyJobs(new JoinedCounties(database), pool, database, Clock.systemUTC());
    }
}
