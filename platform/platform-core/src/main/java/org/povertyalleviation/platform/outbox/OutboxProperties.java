package org.povertyalleviation.platform.outbox;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The outbox relay's settings ({@code platform.outbox.*}).
 *
 * @param relayEnabled       whether this instance may relay; of the replicas that may, the lease holder does
 * @param pollInterval       how long the relay waits when nothing was pending; bounds the latency it adds to an event
 * @param batchSize          unsent rows read per claim, in position order (fewer are sent when rows of one aggregate
 *                           repeat: at most one per aggregate per claim)
 * @param initialBackoff     wait before the first retry of a row that failed to publish; doubles per attempt
 * @param maxBackoff         the longest wait between retries of one row
 * @param lease              how long the relay's lease lasts after its last claim; longer than a claim's sends can
 *                           take (the producer gives up on a record after 10 s), shorter than a failover may wait
 * @param sentRetention      how long sent rows are kept (for an operator's look) before retention deletes them
 * @param processedRetention how long processed-event ids are kept; longer than any topic's retention, so that a
 *                           redelivered event is always recognised
 * @param retentionInterval  how often the lease holder runs retention
 */
@Validated
@ConfigurationProperties("platform.outbox")
public record OutboxProperties(
        @DefaultValue("true") boolean relayEnabled,
        @NotNull @DefaultValue("100ms") Duration pollInterval,
        @Min(1) @Max(5000) @DefaultValue("1000") int batchSize,
        @NotNull @DefaultValue("1s") Duration initialBackoff,
        @NotNull @DefaultValue("1m") Duration maxBackoff,
        @NotNull @DefaultValue("30s") Duration lease,
        @NotNull @DefaultValue("7d") Duration sentRetention,
        @NotNull @DefaultValue("14d") Duration processedRetention,
        @NotNull @DefaultValue("1h") Duration retentionInterval) {

    /** The wait before retrying a row that has failed {@code attempts} times. */
    public Duration backoffAfter(int attempts) {
        Duration wait = initialBackoff.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
