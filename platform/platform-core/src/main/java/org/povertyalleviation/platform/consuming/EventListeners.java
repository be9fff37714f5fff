package org.povertyalleviation.platform.consuming;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;

import org.povertyalleviation.platform.events.EventCodec;
import org.povertyalleviation.platform.events.EventEnvelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import reactor.core.publisher.Mono;

/**
 * Builds Spring Cloud Stream consumers for our events.
 *
 * <p>They are imperative {@code Consumer<Message<byte[]>>} beans on purpose: the Kafka binder retries and
 * dead-letters only imperative functions, not reactive ones. Each message is parsed, then handled once through
 * {@link IdempotentConsumer}; an exception after the binder's retries sends it to the dead-letter topic, and a
 * malformed message goes there at once (platform defaults mark {@code MalformedEventException} not retryable).
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
}
