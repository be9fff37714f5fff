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
 * @param relayEnabled   whether this instance publishes; every replica may, they never send a row twice
 * @param pollInterval   how long the relay waits when nothing is pending
 * @param batchSize      rows claimed per transaction
 * @param initialBackoff wait before the first retry of a row that failed to publish; doubles per attempt
 * @param maxBackoff     the longest wait between retries of one row
 * @param inFlight       sends of one batch awaiting Kafka's acknowledgement at once; a batch holds at most one row
 *                       per aggregate, so sending them together keeps each aggregate's order
 * @param lease          how long a claimed row is left to the relay that claimed it before another may claim it again;
 *                       longer than a batch's sends can take (the producer gives up on a record after 10 s)
 */
@Validated
@ConfigurationProperties("platform.outbox")
public record OutboxProperties(
        @DefaultValue("true") boolean relayEnabled,
        @NotNull @DefaultValue("500ms") Duration pollInterval,
        @Min(1) @Max(1000) @DefaultValue("100") int batchSize,
        @NotNull @DefaultValue("1s") Duration initialBackoff,
        @NotNull @DefaultValue("1m") Duration maxBackoff,
        @Min(1) @Max(256) @DefaultValue("32") int inFlight,
        @NotNull @DefaultValue("2m") Duration lease) {

    /** The wait before retrying a row that has failed {@code attempts} times. */
    public Duration backoffAfter(int attempts) {
        Duration wait = initialBackoff.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
