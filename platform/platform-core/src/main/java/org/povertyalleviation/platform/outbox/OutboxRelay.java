package org.povertyalleviation.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.errors.RetriableException;
import org.povertyalleviation.platform.events.EventEnvelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes pending outbox rows to Kafka through Spring Cloud Stream, oldest first.
 *
 * <ul>
 *   <li>Rows are claimed with {@code FOR UPDATE SKIP LOCKED} and leased (their next attempt set past the lease) in
 *       a short transaction, so replicas share the work and never send a row twice while it is being sent, and no
 *       transaction stays open while Kafka is slow or away.</li>
 *   <li>Only the oldest pending row of each aggregate is claimable: a later event of the same household waits
 *       until the earlier one is sent, which keeps per-aggregate order even across replicas and retries.</li>
 *   <li>A row is marked sent only after Kafka acknowledged it (the binder sends synchronously). A batch's rows are
 *       sent together ({@code platform.outbox.in-flight} at once, each waiting for its own acknowledgement on a
 *       thread of the relay's), which the claim makes safe: it holds at most one row per aggregate. The rows sent
 *       are then marked in one statement. If the broker is down, a row is kept with a growing back-off and retried;
 *       nothing is lost across restarts because the rows are the state. A crash after some acknowledgements and
 *       before they are marked re-sends those rows once their lease ends (at most a batch): consumers are
 *       idempotent on the event id.</li>
 *   <li>A row whose record Kafka refuses (too large, topic not allowed) keeps being retried at up to the
 *       maximum back-off, holding back only its own aggregate; {@code outbox_publish_failures_total} and the
 *       row's {@code last_error} show it.</li>
 * </ul>
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private static final String CLAIM = """
            select e.position, e.event_id, e.county_code, e.aggregate_id, e.topic, e.envelope, e.attempts
              from outbox_event e
             where e.sent_at is null
               and e.next_attempt_at <= now()
               and not exists (select 1 from outbox_event earlier
                                where earlier.sent_at is null
                                  and earlier.topic = e.topic
                                  and earlier.county_code = e.county_code
                                  and earlier.aggregate_id = e.aggregate_id
                                  and earlier.position < e.position)
             order by e.position
             limit :limit
             for update skip locked""";

    private final DatabaseClient database;
    private final TransactionalOperator transactions;
    private final StreamBridge bridge;
    private final OutboxProperties properties;
    private final Counter published;
    private final Counter failures;
    private final AtomicBoolean running = new AtomicBoolean();
    private final reactor.core.scheduler.Scheduler senders;
    private Thread worker;

    public OutboxRelay(DatabaseClient database, TransactionalOperator transactions, StreamBridge bridge,
                       OutboxProperties properties, MeterRegistry meters) {
        this.database = database;
        this.transactions = transactions;
        this.bridge = bridge;
        this.properties = properties;
        this.published = Counter.builder("outbox.published").description("Outbox events acknowledged by Kafka").register(meters);
        this.failures = Counter.builder("outbox.publish.failures").description("Outbox publish attempts that failed").register(meters);
        // Daemon threads that end after a minute idle: relayOnce may run without start (tests, one-off runs).
        this.senders = Schedulers.newBoundedElastic(properties.inFlight(), Integer.MAX_VALUE, "outbox-send", 60, true);
    }

    /**
     * Claims one batch in a short transaction (its rows leased to this relay for {@code platform.outbox.lease}), then
     * publishes it with no transaction open, then records the outcomes. A relay that dies mid-batch leaves its rows to
     * be claimed again when the lease ends: they are sent again, which consumers idempotent on the event id absorb,
     * and each aggregate's later rows still wait behind them.
     *
     * @return how many events were published
     */
    public Mono<Integer> relayOnce() {
        return database.sql(CLAIM).bind("limit", properties.batchSize())
                .map((row, meta) -> new Pending(row.get("position", Long.class), row.get("county_code", String.class),
                        row.get("aggregate_id", String.class), row.get("topic", String.class),
                        row.get("envelope", String.class), row.get("attempts", Integer.class)))
                .all().collectList()
                .flatMap(batch -> batch.isEmpty() ? Mono.just(batch) : database.sql(
                                "update outbox_event set next_attempt_at = now() + make_interval(secs => :lease) where position = any(:positions)")
                        .bind("lease", properties.lease().toMillis() / 1000.0)
                        .bind("positions", batch.stream().map(Pending::position).toArray(Long[]::new))
                        .fetch().rowsUpdated().thenReturn(batch))
                .as(transactions::transactional)
                .flatMap(batch -> batch.isEmpty() ? Mono.just(0) : publishInOrder(batch));
    }

    /**
     * Publishes the batch, its sends in flight together, and records the outcomes: the rows sent in one statement,
     * each failure (too large, refused topic, broker unreachable) on its own row with its back-off. Once a send says
     * the broker is unreachable, the sends not yet started are left for the next cycle untouched: they would only
     * time out too.
     */
    private Mono<Integer> publishInOrder(List<Pending> batch) {
        AtomicBoolean brokerDown = new AtomicBoolean();
        return Flux.fromIterable(batch)
                .flatMap(pending -> Mono.defer(() -> brokerDown.get() ? Mono.<Sent>empty()
                        : send(pending).thenReturn(new Sent(pending, null)).onErrorResume(error -> {
                            if (brokerUnavailable(error)) {
                                brokerDown.set(true);
                            }
                            return Mono.just(new Sent(pending, error));
                        })), properties.inFlight())
                .collectList()
                .flatMap(outcomes -> {
                    List<Long> sent = outcomes.stream().filter(outcome -> outcome.error() == null).map(outcome -> outcome.pending().position()).toList();
                    java.util.Set<Long> tried = outcomes.stream().map(outcome -> outcome.pending().position()).collect(java.util.stream.Collectors.toSet());
                    List<Long> untried = batch.stream().map(Pending::position).filter(position -> !tried.contains(position)).toList();
                    return markSent(sent)
                            .thenMany(Flux.fromIterable(outcomes).filter(outcome -> outcome.error() != null)
                                    .concatMap(outcome -> markFailed(outcome.pending(), outcome.error())))
                            .then(release(untried))
                            .then(Mono.just(sent.size()));
                });
    }

    /** A send's outcome: acknowledged, or the error. */
    private record Sent(Pending pending, Throwable error) {
    }

    private static boolean brokerUnavailable(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof RetriableException) {
                return true;
            }
        }
        return false;
    }

    private Mono<Void> send(Pending pending) {
        Message<byte[]> message = MessageBuilder.withPayload(pending.envelope().getBytes(StandardCharsets.UTF_8))
                .setHeader(KafkaHeaders.KEY, (pending.county() + ":" + pending.aggregateId()).getBytes(StandardCharsets.UTF_8))
                .setHeader(MessageHeaders.CONTENT_TYPE, EventEnvelope.STRUCTURED_MEDIA_TYPE)
                .build();
        // StreamBridge blocks until Kafka acknowledges (producer sync=true): on the relay's own threads, one per send
        // in flight, never the database's; the producer batches what the threads send together.
        return Mono.fromCallable(() -> bridge.send(pending.topic(), message))
                .subscribeOn(senders)
                .flatMap(accepted -> accepted ? Mono.empty() : Mono.error(new IllegalStateException("binder refused the message")));
    }

    /** Ends the lease of rows this cycle did not try: the next cycle (after the relay's back-off) may take them. */
    private Mono<Void> release(List<Long> positions) {
        if (positions.isEmpty()) {
            return Mono.empty();
        }
        return database.sql("update outbox_event set next_attempt_at = now() where position = any(:positions) and sent_at is null")
                .bind("positions", positions.toArray(Long[]::new)).fetch().rowsUpdated().then();
    }

    private Mono<Void> markSent(List<Long> positions) {
        if (positions.isEmpty()) {
            return Mono.empty();
        }
        return database.sql("update outbox_event set sent_at = now(), attempts = attempts + 1, last_error = null where position = any(:positions)")
                .bind("positions", positions.toArray(Long[]::new)).fetch().rowsUpdated()
                .doOnSuccess(updated -> published.increment(positions.size())).then();
    }

    private Mono<Void> markFailed(Pending pending, Throwable error) {
        failures.increment(); // runs only once the send has failed: this method is called from onErrorResume
        int attempts = pending.attempts() + 1;
        log.warn("Publishing outbox event {} to {} failed (attempt {}): {}", pending.position(), pending.topic(), attempts, error.toString());
        return database.sql("""
                        update outbox_event
                           set attempts = :attempts, last_error = :error,
                               next_attempt_at = now() + make_interval(secs => :backoff)
                         where position = :position""")
                .bind("attempts", attempts)
                .bind("error", String.valueOf(error.getMessage()))
                .bind("backoff", properties.backoffAfter(attempts).toMillis() / 1000.0)
                .bind("position", pending.position())
                .fetch().rowsUpdated().then();
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
        }
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
                Integer sent = relayOnce().block(Duration.ofMinutes(5));
                consecutiveErrors = 0;
                if (sent != null && sent > 0) {
                    continue;
                }
            } catch (RuntimeException e) {
                if (!running.get()) {
                    return;
                }
                consecutiveErrors++;
                pause = properties.backoffAfter(consecutiveErrors);
                log.warn("Outbox relay cycle failed; next try in {}: {}", pause, e.toString());
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private record Pending(long position, String county, String aggregateId, String topic, String envelope, int attempts) {
    }
}
