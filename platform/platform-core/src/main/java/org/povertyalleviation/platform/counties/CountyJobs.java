package org.povertyalleviation.platform.counties;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import org.povertyalleviation.platform.domain.CountyCode;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * "Do this for every joined county", run by one replica at a time. Each replica's scheduler fires the same cron; the
 * job's PostgreSQL advisory lock (session level, on a connection of its own, so that a replica that dies releases it)
 * lets one of them run it and the others skip. An occurrence (e.g. the month a monthly sweep is for) is written when
 * it completes, so a replica whose clock fires later finds it done and skips too; a run that died half-way wrote
 * nothing and the next firing runs it again. Counties run one after the other; one county's failure is logged and
 * the others go on.
 */
public class CountyJobs {

    /** What one run did, or that it did not run here. */
    public record Run(String job, String occurrence, boolean ran, int counties, int failed) {
    }

    private static final Logger log = LoggerFactory.getLogger(CountyJobs.class);
    // The first key of the two-key advisory lock: keeps these locks apart from any other use of advisory locks.
    private static final int LOCK_NAMESPACE = 0x434a4f42; // "CJOB"

    private final JoinedCounties joinedCounties;
    private final ConnectionFactory connections;
    private final DatabaseClient database;
    private final Clock clock;
    private final String replica;

    public CountyJobs(JoinedCounties joinedCounties, ConnectionFactory connections, DatabaseClient database, Clock clock) {
        this.joinedCounties = joinedCounties;
        this.connections = connections;
        this.database = database;
        this.clock = clock;
        this.replica = replicaName();
    }

    /**
     * Runs {@code work} for every joined county unless another replica is running this job now or has completed this
     * occurrence of it.
     *
     * @param job        a stable name, e.g. {@code shop-dormancy}
     * @param occurrence what this firing is for, e.g. {@code 2026-12} for a monthly job; a run for an occurrence already
     *                   completed is skipped. Null for a job that repeats every few minutes and may run again at
     *                   will (a watchdog): only the lock keeps two replicas from running it at once, and nothing is
     *                   recorded.
     */
    public <T> Mono<Run> forEachCounty(String job, String occurrence, Function<CountyCode, Mono<T>> work) {
        Instant started = clock.instant();
        return Mono.usingWhen(Mono.from(connections.create()),
                connection -> tryLock(connection, job).flatMap(locked -> {
                    if (!locked) {
                        log.info("County job {} ({}) is running on another replica; skipped here", job, occurrence);
                        return Mono.just(new Run(job, occurrence, false, 0, 0));
                    }
                    if (occurrence == null) {
                        return runAll(job, null, work);
                    }
                    return completed(job, occurrence).flatMap(done -> done
                            ? Mono.just(new Run(job, occurrence, false, 0, 0))
                            : runAll(job, occurrence, work).flatMap(run -> record(run, started).thenReturn(run)));
                }),
                connection -> release(connection, job),
                (connection, error) -> release(connection, job),
                connection -> release(connection, job));
    }

    private <T> Mono<Run> runAll(String job, String occurrence, Function<CountyCode, Mono<T>> work) {
        AtomicInteger counties = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        return joinedCounties.all()
                .concatMap(county -> Mono.defer(() -> work.apply(county))
                        .doOnSubscribe(subscription -> counties.incrementAndGet())
                        .onErrorResume(e -> {
                            failed.incrementAndGet();
                            log.error("County job {} ({}) failed for county {}; the others go on", job, occurrence, county, e);
                            return Mono.empty();
                        }))
                .then(Mono.fromSupplier(() -> new Run(job, occurrence, true, counties.get(), failed.get())))
                // A job that repeats every few seconds (no occurrence) would fill the log; its own work logs what it did.
                .doOnNext(run -> {
                    if (occurrence != null || run.failed() > 0) {
                        log.info("County job {} ({}) ran for {} counties, {} failed", job, occurrence, run.counties(), run.failed());
                    } else {
                        log.debug("County job {} ran for {} counties", job, run.counties());
                    }
                });
    }

    private Mono<Boolean> completed(String job, String occurrence) {
        return database.sql("select exists (select 1 from county_job_run where job = :job and occurrence = :occurrence) as done")
                .bind("job", job).bind("occurrence", occurrence).map(row -> row.get("done", Boolean.class)).one();
    }

    private Mono<Void> record(Run run, Instant started) {
        return database.sql("""
                        insert into county_job_run (job, occurrence, replica, counties, failed, started_at)
                        values (:job, :occurrence, :replica, :counties, :failed, :started)
                        on conflict (job, occurrence) do nothing""")
                .bind("job", run.job()).bind("occurrence", run.occurrence()).bind("replica", replica)
                .bind("counties", run.counties()).bind("failed", run.failed()).bind("started", started)
                .fetch().rowsUpdated().then();
    }

    private static Mono<Boolean> tryLock(Connection connection, String job) {
        return Mono.from(connection.createStatement("select pg_try_advisory_lock($1, hashtext($2)) as locked")
                        .bind("$1", LOCK_NAMESPACE).bind("$2", job).execute())
                .flatMap(result -> Mono.from(result.map((row, meta) -> row.get("locked", Boolean.class))));
    }

    /** Unlocks before the connection goes back to the pool: a session lock would otherwise outlive the run. */
    private static Publisher<Void> release(Connection connection, String job) {
        return Mono.from(connection.createStatement("select pg_advisory_unlock_all()").execute())
                .flatMapMany(result -> result.map((row, meta) -> Boolean.TRUE))
                .then()
                .onErrorResume(e -> Mono.empty())
                .then(Mono.from(connection.close()));
    }

    private static String replicaName() {
        String pod = System.getenv("HOSTNAME");
        if (pod != null && !pod.isBlank()) {
            return pod;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
