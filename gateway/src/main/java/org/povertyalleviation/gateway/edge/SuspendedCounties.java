package org.povertyalleviation.gateway.edge;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.povertyalleviation.platform.events.EventCodec;
import org.povertyalleviation.platform.events.EventEnvelope;
import org.povertyalleviation.platform.security.CountySuspensionCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;

/**
 * The counties suspended right now, in this gateway's memory. The gateway has no database, so each replica reads
 * {@code county.events} from the beginning at start-up (an anonymous consumer group) and follows it; events of
 * one county share a partition, so the last one read is its current state.
 *
 * <p>Until a fresh replica has caught up it may let a suspended county's request through; the service refuses it
 * then, since every service keeps its own list (platform-core's {@code CountySuspensions}).
 */
public class SuspendedCounties {

    private static final Logger log = LoggerFactory.getLogger(SuspendedCounties.class);

    private final Set<String> suspended = ConcurrentHashMap.newKeySet();

    public boolean isSuspended(String county) {
        return suspended.contains(county);
    }

    public void apply(EventEnvelope event) {
        switch (event.type()) {
            case CountySuspensionCheck.SUSPENDED -> {
                if (suspended.add(event.county())) {
                    log.info("County {} suspended: refused at the edge from now on", event.county());
                }
            }
            case CountySuspensionCheck.REINSTATED -> {
                if (suspended.remove(event.county())) {
                    log.info("County {} reinstated", event.county());
                }
            }
            default -> {
            }
        }
    }

    /** The stream consumer bound to {@code county.events}; a malformed event is not retried (platform defaults). */
    public Consumer<Message<byte[]>> consumer(EventCodec codec) {
        return message -> apply(codec.read(message.getPayload()));
    }
}
