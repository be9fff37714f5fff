package org.povertyalleviation.platform.consuming;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.povertyalleviation.platform.events.MalformedEventException;
import org.povertyalleviation.platform.kafka.KafkaClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * What a consumer does when an event's effect fails, for every binding of the service (issue 22): the container, not
 * the binder, retries and dead-letters, so that the kind of failure decides.
 *
 * <ul>
 *   <li><b>The surroundings failed</b> ({@link TransientFailures}: the database restarting, a timeout, a deadlock): the
 *       partition waits and retries the same event with a back-off growing to {@code max-interval}, for as long as it
 *       takes. Nothing is dead-lettered and nothing after it on the partition overtakes it. The consumer stays in its
 *       group: each wait is shorter than {@code max.poll.interval.ms}, and the container polls again between them.</li>
 *   <li><b>The event is malformed</b> ({@link MalformedEventException}, an undeserialisable record): straight to the
 *       dead-letter topic ({@code error.<topic>.<group>}); retrying cannot mend it.</li>
 *   <li><b>Its statement ran past {@code statement_timeout}</b> ({@link TransientFailures#isStatementTimeout}):
 *       {@code timed-out-attempts} tries with the growing back-off, then the dead-letter topic, so that an effect too
 *       big to finish in time does not hold its partition for ever.</li>
 *   <li><b>The event broke a rule</b> (anything else): {@code attempts} tries with a back-off, then the dead-letter
 *       topic. The replay tool (docs/events/README.md, "Dead letters") moves dead letters back once fixed.</li>
 * </ul>
 * Each dead letter is counted in {@code consumer_dead_letters_total} (by topic and group), the metric to alert on.
 */
public class ConsumerFailures implements ListenerContainerWithDlqAndRetryCustomizer {

    private static final Logger log = LoggerFactory.getLogger(ConsumerFailures.class);
    /** The dead letter's header with the failure's root cause (class and message). */
    public static final String ROOT_CAUSE_HEADER = "platform-dlt-root-cause";

    private final KafkaTemplate<byte[], byte[]> deadLetters;
    private final MeterRegistry meters;
    private final long initialInterval;
    private final long maxInterval;
    private final int attempts;
    private final int timedOutAttempts;

    public ConsumerFailures(KafkaClients kafka, MeterRegistry meters, ConsumerProperties properties) {
        this.deadLetters = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(kafka.producerConfiguration(),
                new org.apache.kafka.common.serialization.ByteArraySerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer()));
        this.meters = meters;
        this.initialInterval = properties.initialInterval().toMillis();
        this.maxInterval = properties.maxInterval().toMillis();
        this.attempts = properties.attempts();
        this.timedOutAttempts = properties.timedOutAttempts();
    }

    @Override
    public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
                          BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver, BackOff backOff) {
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer(destinationName, group, dlqDestinationResolver), ruleBroken());
        handler.setBackOffFunction((record, error) -> TransientFailures.isStatementTimeout(error) ? timedOut()
                : TransientFailures.isTransient(error) ? untilItPasses() : null);
        handler.addNotRetryableExceptions(MalformedEventException.class, DeserializationException.class);
        // A failure of another kind (the database came back, the event then broke a rule) starts its count afresh.
        handler.setResetStateOnExceptionChange(true);
        handler.setCommitRecovered(true);
        // The container would log each re-seek of a failed batch at ERROR with its stack; the listener below says it once.
        handler.setLogLevel(org.springframework.kafka.KafkaException.Level.DEBUG);
        handler.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception error, int deliveryAttempt) {
                // The first failure of each event and then every tenth: a database away for minutes says so in a few
                // lines, not one per back-off.
                if (deliveryAttempt == 1 || deliveryAttempt % 10 == 0) {
                    log.warn("Event at {}-{}@{} failed (attempt {}), {}: {}", record.topic(), record.partition(), record.offset(),
                            deliveryAttempt, TransientFailures.isTransient(error) ? "retried until it passes" : "retried within its tries",
                            rootMessage(error));
                }
            }
        });
        container.setCommonErrorHandler(handler);
    }

    @Override
    public boolean retryAndDlqInBinding(String destinationName, String group) {
        return false;
    }

    private org.springframework.kafka.listener.ConsumerRecordRecoverer recoverer(String destination, String group,
                                                                                BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> resolver) {
        Counter counter = Counter.builder("consumer.dead.letters").description("Events sent to a dead-letter topic")
                .tag("topic", destination).tag("group", group == null ? "" : group).register(meters);
        if (resolver == null) {
            // enable-dlq switched off for this binding: the event is logged and skipped, as the binder would.
            return (record, error) -> {
                counter.increment();
                log.error("Event at {}-{}@{} dropped after its tries (no dead-letter topic for this binding): {}",
                        record.topic(), record.partition(), record.offset(), error.toString());
            };
        }
        // The binder's resolver names the topic only when the binding sets dlq-name; otherwise it is the binder's
        // default, error.<topic>.<group>, and Kafka picks the partition by the event's key.
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(deadLetters, (record, error) -> {
            TopicPartition named = resolver.apply(record, error);
            return named != null && named.topic() != null ? named : new TopicPartition("error." + record.topic() + "." + group, -1);
        });
        // Spring Kafka's own exception header holds the outermost message ("Listener failed; ..."); the root cause is
        // what an operator needs to decide whether a replay will pass.
        publisher.addHeadersFunction((record, error) -> new org.apache.kafka.common.header.internals.RecordHeaders(List.of(
                new org.apache.kafka.common.header.internals.RecordHeader(ROOT_CAUSE_HEADER, rootMessage(error).getBytes(StandardCharsets.UTF_8)))));
        return (record, error) -> {
            log.error("Event at {}-{}@{} dead-lettered: {}", record.topic(), record.partition(), record.offset(), rootMessage(error));
            publisher.accept(record, error);
            counter.increment();
        };
    }

    private BackOff ruleBroken() {
        return new FixedBackOff(initialInterval, Math.max(0, attempts - 1));
    }

    private BackOff untilItPasses() {
        ExponentialBackOff backOff = new ExponentialBackOff(initialInterval, 2.0);
        backOff.setMaxInterval(maxInterval);
        return backOff;
    }

    BackOff timedOut() {
        ExponentialBackOff backOff = new ExponentialBackOff(initialInterval, 2.0);
        backOff.setMaxInterval(maxInterval);
        backOff.setMaxAttempts(timedOutAttempts - 1);
        return backOff;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString();
    }
}
