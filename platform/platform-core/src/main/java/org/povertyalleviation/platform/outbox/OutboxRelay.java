package org.povertyalleviation.platform.outbox;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.povertyalleviation.platform.events.EventEnvelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes pending outbox rows to Kafka, oldest first, at the speed of the producer (issue 23).
 *
 * <ul>
 *   <li><b>One relay per database.</b> The replica holding the lease ({@code outbox_relay_lease}) relays; the claim
 *       renews it in the same statement once half of it is gone, and a replica that dies leaves it to lapse after {@code platform.outbox.lease}
 *       (30 s), when another takes over. One relay needs no row locks and no per-row "is an earlier event of this
 *       aggregate pending" probe (the old claim's cost, and its stale plans), and two relays can never overtake each
 *       other within an aggregate. A relay paused past its lease (a long GC) may overlap its successor for one claim:
 *       rows are then sent twice, which consumers idempotent on the event id absorb.</li>
 *   <li><b>A claim</b> reads up to {@code batch-size} unsent rows in position order through one partial index and takes
 *       at most one row per aggregate, the first: a later row of an aggregate waits for the next claim, and a row still
 *       waiting out a back-off holds back its aggregate's later rows. Order per aggregate is kept whatever fails.</li>
 *   <li><b>Sends</b> go to one idempotent producer, all of a claim at once, with no transaction open; the relay waits
 *       for the acknowledgements once, then marks the sent rows in one statement and the failed ones in another. A
 *       crash in between re-sends at most one claim.</li>
 *   <li><b>Failures.</b> A broker that is away (a retriable error) leaves the row for a retry with a growing back-off,
 *       and the sends not yet started for the next claim. A record Kafka refuses for good (too large, an invalid topic)
 *       is a poison row: it is marked dead with its error at once, counted ({@code outbox_dead_events_total}, the metric
 *       to alert on) and logged at ERROR; its aggregate's later rows go on. The runbook (docs/events/) says how
 *       to send one again.</li>
 *   <li><b>Retention.</b> The lease holder deletes sent rows after {@code sent-retention} and processed-event ids after
 *       {@code processed-retention}, a bounded batch at a time.</li>
 * </ul>
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int RETENTION_BATCH = 10_000;
    private static final Duration ACK_WAIT = Duration.ofSeconds(30);
    private static final Duration CYCLE_BACKOFF_CAP = Duration.ofSeconds(5);
    private static final byte[] CONTENT_TYPE = (EventEnvelope.STRUCTURED_MEDIA_TYPE + "; charset=UTF-8").getBytes(StandardCharsets.UTF_8);

    /**
     * Takes the lease, or renews it once half of it is gone, and, only when this relay holds it, reads the claim. The
     * upsert is skipped while a lease is held with time to spare (by this relay: no need yet; by another: it would
     * fail), so that an idle leader polling ten times a second does not write its lease row each time, and the other
     * replicas do not lock it.
     */
    private static final String CLAIM = """
            with current_lease as (
                select holder = :holder as mine, expires_at > now() + make_interval(secs => :renewBefore) as spare,
                       expires_at > now() as live
                  from outbox_relay_lease where id = 1),
            lease as (
                insert into outbox_relay_lease (id, holder, expires_at)
                select 1, :holder, now() + make_interval(secs => :lease)
                 where not exists (select 1 from current_lease where (mine and spare) or (not mine and live))
                on conflict (id) do update set holder = excluded.holder, expires_at = excluded.expires_at
                 where outbox_relay_lease.holder = excluded.holder or outbox_relay_lease.expires_at < now()
                returning 1)
            select e.position, e.county_code, e.aggregate_id, e.topic, e.envelope, e.attempts, e.next_attempt_at <= now() as due,
                   extract(epoch from now() - e.created_at) as age
              from outbox_event e
             where (exists (select 1 from lease) or exists (select 1 from current_lease where mine and spare))
               and e.sent_at is null and e.dead_at is null
             order by e.position
             limit :limit""";

    private final DatabaseClient database;
    private final Producer<byte[], byte[]> producer;
    private final OutboxProperties properties;
    private final String holder;
    private final Counter published;
    private final Counter failures;
    private final Counter dead;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile long nextRetention;
    private volatile double oldestUnsentAge;
    private Thread worker;

    /** @param producer an idempotent producer with acks=all, owned by the relay from now on (closed on stop) */
    public OutboxRelay(DatabaseClient database, Producer<byte[], byte[]> producer, OutboxProperties properties, MeterRegistry meters) {
        this.database = database;
        this.producer = producer;
        this.properties = properties;
        this.holder = hostName() + "/" + UUID.randomUUID();
        this.published = Counter.builder("outbox.published").description("Outbox events acknowledged by Kafka").register(meters);
        this.failures = Counter.builder("outbox.publish.failures").description("Outbox publish attempts that failed").register(meters);
        this.dead = Counter.builder("outbox.dead.events").description("Outbox rows Kafka refused for good, kept as dead").register(meters);
        Gauge.builder("outbox.oldest.unsent.age", this, relay -> relay.oldestUnsentAge).baseUnit("seconds")
                .description("Age of the oldest outbox row not yet sent nor dead, as this relay last read it (0 when it does not hold the lease)")
                .register(meters);
        this.nextRetention = System.nanoTime();
    }

    /** This relay's name in the lease. */
    public String holder() {
        return holder;
    }

    /**
     * One cycle: claims (if this relay holds or takes the lease), sends, records the outcomes.
     *
     * @return how many events were published; 0 also when another relay holds the lease
     */
    public Mono<Integer> relayOnce() {
        return Mono.fromCallable(this::cycle).subscribeOn(Schedulers.boundedElastic());
    }

    private int cycle() {
        List<Pending> rows = database.sql(CLAIM)
                .bind("holder", holder)
                .bind("lease", properties.lease().toMillis() / 1000.0)
                .bind("renewBefore", properties.lease().toMillis() / 2000.0)
                .bind("limit", properties.batchSize())
                .map((row, meta) -> new Pending(row.get("position", Long.class), row.get("county_code", String.class),
                        row.get("aggregate_id", String.class), row.get("topic", String.class),
                        row.get("envelope", String.class), row.get("attempts", Integer.class), Boolean.TRUE.equals(row.get("due", Boolean.class)),
                        row.get("age", Double.class)))
                .all().collectList().block(ACK_WAIT);
        // The oldest unsent row's age: how far behind the relay is (0 when it is level, or when another relay holds
        // the lease: alert on the maximum over replicas).
        if (rows == null || rows.isEmpty()) {
            oldestUnsentAge = 0;
            return 0;
        }
        oldestUnsentAge = Math.max(0, rows.get(0).age());
        List<Pending> claim = firstOfEachAggregate(rows);
        return claim.isEmpty() ? 0 : publish(claim);
    }

    /**
     * The due rows that are their aggregate's first unsent row among those read: a row waiting out a back-off, or an
     * earlier row already taken, holds back the aggregate's later rows.
     */
    static List<Pending> firstOfEachAggregate(List<Pending> rows) {
        Set<String> seen = new HashSet<>();
        List<Pending> claim = new ArrayList<>();
        for (Pending row : rows) {
            if (seen.add(row.topic() + '|' + row.county() + '|' + row.aggregateId()) && row.due()) {
                claim.add(row);
            }
        }
        return claim;
    }

    private int publish(List<Pending> claim) {
        List<CompletableFuture<Void>> acks = new ArrayList<>(claim.size());
        int started = 0;
        for (Pending pending : claim) {
            CompletableFuture<Void> ack = send(pending);
            acks.add(ack);
            started++;
            // A broker that is away makes send() itself wait (max.block.ms) for metadata: once one send failed that
            // way, the rest would only wait too. They stay due for the next claim.
            if (ack.isCompletedExceptionally() && retriable(failureOf(ack))) {
                break;
            }
        }
        List<Long> sent = new ArrayList<>();
        List<Pending> failed = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        List<Pending> poison = new ArrayList<>();
        List<String> poisonErrors = new ArrayList<>();
        long deadline = System.nanoTime() + ACK_WAIT.toNanos();
        for (int i = 0; i < started; i++) {
            Pending pending = claim.get(i);
            Throwable error = await(acks.get(i), deadline);
            if (error == null) {
                sent.add(pending.position());
            } else if (poison(error)) {
                poison.add(pending);
                poisonErrors.add(describe(error));
            } else {
                failed.add(pending);
                errors.add(describe(error));
            }
        }
        markSent(sent);
        markDead(poison, poisonErrors);
        markFailed(failed, errors);
        return sent.size();
    }

    private CompletableFuture<Void> send(Pending pending) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(pending.topic(), null,
                (pending.county() + ":" + pending.aggregateId()).getBytes(StandardCharsets.UTF_8),
                pending.envelope().getBytes(StandardCharsets.UTF_8),
                // The CloudEvents Kafka binding's structured mode: the whole event is the value, its media type this header.
                List.of(new RecordHeader("content-type", CONTENT_TYPE)));
        CompletableFuture<Void> ack = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    ack.complete(null);
                } else {
                    ack.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            ack.completeExceptionally(e);
        }
        return ack;
    }

    private static Throwable await(CompletableFuture<Void> ack, long deadline) {
        try {
            ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            return e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    private static Throwable failureOf(CompletableFuture<Void> ack) {
        return await(ack, System.nanoTime());
    }

    private static boolean retriable(Throwable error) {
        return !poison(error);
    }

    /** Refused for good, whatever the broker's state: the record itself is wrong for Kafka. */
    static boolean poison(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException
                    || cause instanceof InvalidTopicException || cause instanceof InvalidRecordException
                    || cause instanceof SerializationException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable error) {
        return error.getClass().getSimpleName() + ": " + error.getMessage();
    }

    private void markSent(List<Long> positions) {
        if (positions.isEmpty()) {
            return;
        }
        database.sql("update outbox_event set sent_at = now(), attempts = attempts + 1, last_error = null where position = any(:positions)")
                .bind("positions", positions.toArray(Long[]::new)).fetch().rowsUpdated().block(ACK_WAIT);
        published.increment(positions.size());
    }

    private void markDead(List<Pending> rows, List<String> errors) {
        if (rows.isEmpty()) {
            return;
        }
        for (int i = 0; i < rows.size(); i++) {
            log.error("Outbox event {} ({} of {} {}) refused by Kafka for good, kept as dead: {}", rows.get(i).position(),
                    rows.get(i).topic(), rows.get(i).county(), rows.get(i).aggregateId(), errors.get(i));
        }
        database.sql("""
                        update outbox_event e
                           set dead_at = now(), attempts = e.attempts + 1, last_error = f.error
                          from unnest(:positions::bigint[], :errors::text[]) as f(position, error)
                         where e.position = f.position""")
                .bind("positions", rows.stream().map(Pending::position).toArray(Long[]::new))
                .bind("errors", errors.toArray(String[]::new))
                .fetch().rowsUpdated().block(ACK_WAIT);
        dead.increment(rows.size());
    }

    /** Each failed row's next attempt after its own back-off (OutboxProperties.backoffAfter its attempts so far). */
    private void markFailed(List<Pending> rows, List<String> errors) {
        if (rows.isEmpty()) {
            return;
        }
        failures.increment(rows.size());
        log.warn("Publishing {} outbox event(s) failed, retried with back-off; first: {}", rows.size(), errors.get(0));
        database.sql("""
                        update outbox_event e
                           set attempts = e.attempts + 1, last_error = f.error,
                               next_attempt_at = now() + make_interval(secs => f.backoff)
                          from unnest(:positions::bigint[], :errors::text[], :backoffs::float8[]) as f(position, error, backoff)
                         where e.position = f.position""")
                .bind("positions", rows.stream().map(Pending::position).toArray(Long[]::new))
                .bind("errors", errors.toArray(String[]::new))
                .bind("backoffs", rows.stream().map(row -> properties.backoffAfter(row.attempts() + 1).toMillis() / 1000.0).toArray(Double[]::new))
                .fetch().rowsUpdated().block(ACK_WAIT);
    }

    /**
     * Deletes sent rows and processed-event ids past their retention, a bounded batch per statement, if this relay
     * holds the lease.
     *
     * @return the rows deleted
     */
    public Mono<Long> retainOnce() {
        return Mono.fromCallable(() -> {
            Boolean holding = database.sql("select exists (select 1 from outbox_relay_lease where holder = :holder and expires_at > now())")
                    .bind("holder", holder).map(row -> row.get(0, Boolean.class)).one().block(ACK_WAIT);
            if (!Boolean.TRUE.equals(holding)) {
                return 0L;
            }
            long deleted = 0;
            deleted += deleteInBatches("""
                    delete from outbox_event where position in (
                        select position from outbox_event where sent_at < now() - make_interval(secs => :age) limit :limit)""",
                    properties.sentRetention());
            deleted += deleteInBatches("""
                    delete from processed_event where (consumer, event_id) in (
                        select consumer, event_id from processed_event where processed_at < now() - make_interval(secs => :age) limit :limit)""",
                    properties.processedRetention());
            return deleted;
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private long deleteInBatches(String sql, Duration age) {
        long total = 0;
        while (running.get() || worker == null) {
            Long deleted = database.sql(sql).bind("age", (double) age.toSeconds()).bind("limit", RETENTION_BATCH)
                    .fetch().rowsUpdated().block(ACK_WAIT);
            total += deleted == null ? 0 : deleted;
            if (deleted == null || deleted < RETENTION_BATCH) {
                break;
            }
        }
        return total;
    }

    @Override
    public void start() {
        if (running.compareAndSet(false, true)) {
            worker = new Thread(this::loop, "outbox-relay");
            worker.setDaemon(true);
            worker.start();
        }
    }

    @Override
    public void stop() {
        running.set(false);
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            worker = null;
        }
        // Hand the lease over at once rather than after it lapses: a rolling update's next pod relays within a poll.
        try {
            database.sql("delete from outbox_relay_lease where holder = :holder").bind("holder", holder).fetch().rowsUpdated()
                    .block(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            log.debug("Could not hand the outbox lease over: {}", e.toString());
        }
    }

    /** Closes the producer: the relay cannot be started again afterwards. */
    public void close() {
        stop();
        producer.close(Duration.ofSeconds(5));
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }

    private void loop() {
        int consecutiveErrors = 0;
        while (running.get()) {
            Duration pause = properties.pollInterval();
            try {
                int sent = cycle();
                consecutiveErrors = 0;
                if (System.nanoTime() - nextRetention >= 0) {
                    nextRetention = System.nanoTime() + properties.retentionInterval().toNanos();
                    Long deleted = retainOnce().block(Duration.ofMinutes(5));
                    if (deleted != null && deleted > 0) {
                        log.info("Outbox retention deleted {} sent rows and processed-event ids", deleted);
                    }
                }
                if (sent > 0) {
                    continue;
                }
            } catch (RuntimeException e) {
                if (!running.get()) {
                    return;
                }
                consecutiveErrors++;
                // A cycle fails when the database is away; retried within seconds so that the relay is back soon
                // after it (a row's own back-off, for Kafka's refusals, is the longer one).
                pause = min(properties.backoffAfter(consecutiveErrors), CYCLE_BACKOFF_CAP);
                log.warn("Outbox relay cycle failed; next try in {}: {}", pause, e.toString());
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "replica";
        }
    }

    record Pending(long position, String county, String aggregateId, String topic, String envelope, int attempts, boolean due,
                   double age) {
    }
}
