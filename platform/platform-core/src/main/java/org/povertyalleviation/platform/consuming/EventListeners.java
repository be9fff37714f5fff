package org.povertyalleviation.platform.consuming;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.events.EventCodec;
import org.povertyalleviation.platform.events.EventEnvelope;
import org.povertyalleviation.platform.events.MalformedEventException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.messaging.Message;
import reactor.core.publisher.Mono;

/**
 * Builds Spring Cloud Stream consumers for our events.
 *
 * <p>They are imperative functions on purpose: the container's error handler ({@link ConsumerFailures}) retries and
 * dead-letters what an imperative function throws. Each event is parsed, then handled once through
 * {@link IdempotentConsumer}; a malformed message goes to the dead-letter topic at once.
 *
 * <ul>
 *   <li>{@link #idempotent}: one event, one transaction. Enough for most streams.</li>
 *   <li>{@link #idempotentBatch}: a poll's events (the binding's {@code consumer.batch-mode: true}), one transaction
 *       and one processed-events statement per county in the batch, the effect given the list; for streams that
 *       carry thousands of events a second (issue 23). A failure is pinned on the event that caused it, so the
 *       error handler retries or dead-letters that one, not its neighbours.</li>
 * </ul>
 */
public class EventListeners {

    private static final Logger log = LoggerFactory.getLogger(EventListeners.class);
    private static final Duration EFFECT_TIMEOUT = Duration.ofSeconds(30);

    private final EventCodec codec;
    private final IdempotentConsumer idempotentConsumer;

    public EventListeners(EventCodec codec, IdempotentConsumer idempotentConsumer) {
        this.codec = codec;
        this.idempotentConsumer = idempotentConsumer;
    }

    public Consumer<Message<byte[]>> idempotent(String consumer, Function<EventEnvelope, Mono<Void>> effect) {
        return message -> {
            EventEnvelope event = codec.read(message.getPayload());
            Boolean applied = idempotentConsumer.handleOnce(consumer, event, effect).block(EFFECT_TIMEOUT);
            if (Boolean.FALSE.equals(applied)) {
                log.info("{} skipped {} {}: already processed", consumer, event.type(), event.id());
            }
        };
    }

    /**
     * A batch consumer, bound with {@code consumer.batch-mode: true} and {@code consumer.use-native-decoding: true} (the
     * binder's payload conversion turns a batch of byte arrays into an empty list): {@code effect} gets a list of one
     * county's events not processed before, in their order, inside that county's transaction, and must give the same
     * result as applying them one by one.
     *
     * <p>Order: the batch's events are grouped by county (an aggregate's events share a county and a partition, so
     * each aggregate's stay in order) and the groups applied in the order of their first event. When a group fails:
     * if the surroundings failed (the database away), the batch is retried from the group's first event, whose earlier
     * neighbours are done; otherwise the group's events are applied one at a time to find the one at fault, and the
     * failure is pinned on it.
     */
    public Consumer<Message<List<byte[]>>> idempotentBatch(String consumer, Function<List<EventEnvelope>, Mono<Void>> effect) {
        return message -> {
            List<byte[]> payloads = message.getPayload();
            List<EventEnvelope> events = new ArrayList<>(payloads.size());
            MalformedEventException malformed = null;
            for (byte[] payload : payloads) {
                try {
                    events.add(codec.read(payload));
                } catch (MalformedEventException e) {
                    malformed = e;
                    break;
                }
            }
            applyInCountyGroups(consumer, events, effect);
            if (malformed != null) {
                throw new BatchListenerFailedException(consumer + ": malformed event", malformed, events.size());
            }
        };
    }

    private void applyInCountyGroups(String consumer, List<EventEnvelope> events, Function<List<EventEnvelope>, Mono<Void>> effect) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            groups.computeIfAbsent(events.get(i).county(), county -> new ArrayList<>()).add(i);
        }
        for (List<Integer> indexes : groups.values()) {
            List<EventEnvelope> group = indexes.stream().map(events::get).toList();
            try {
                idempotentConsumer.handleBatchOnce(consumer, CountyCode.of(group.get(0).county()), group, effect).block(EFFECT_TIMEOUT);
            } catch (RuntimeException failure) {
                if (TransientFailures.isTransient(failure)) {
                    throw new BatchListenerFailedException(consumer + ": " + failure.getMessage(), failure, indexes.get(0));
                }
                applyOneByOne(consumer, events, indexes, effect);
                // Together they failed, one by one they did not (an effect that cannot take two events of one
                // aggregate in one statement): each is applied now, once.
                log.warn("{}: a batch of {} events failed together and was applied one by one: {}", consumer, indexes.size(), failure.toString());
            }
        }
    }

    private void applyOneByOne(String consumer, List<EventEnvelope> events, List<Integer> indexes,
                               Function<List<EventEnvelope>, Mono<Void>> effect) {
        for (int index : indexes) {
            EventEnvelope event = events.get(index);
            try {
                idempotentConsumer.handleOnce(consumer, event, one -> effect.apply(List.of(one))).block(EFFECT_TIMEOUT);
            } catch (RuntimeException failure) {
                throw new BatchListenerFailedException(consumer + " " + event.type() + " " + event.id() + ": " + failure.getMessage(),
                        failure, index);
            }
        }
    }
}
