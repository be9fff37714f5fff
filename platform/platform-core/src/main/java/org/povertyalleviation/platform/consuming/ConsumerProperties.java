package org.povertyalleviation.platform.consuming;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How consumers retry ({@code platform.consumers.*}, ConsumerFailures).
 *
 * @param initialInterval the first wait after a failure
 * @param maxInterval     the longest wait between two tries of an event whose surroundings failed (below
 *                        max.poll.interval.ms, so that the consumer stays in its group)
 * @param attempts        tries of an event that broke a rule before it is dead-lettered
 * @param timedOutAttempts tries of an event whose effect ran past {@code statement_timeout} before it is
 *                        dead-lettered, with the growing back-off between them (a busy server gets minutes to recover;
 *                        an effect too big to finish in time does not hold its partition for ever)
 */
@Validated
@ConfigurationProperties("platform.consumers")
public record ConsumerProperties(
        @NotNull @DefaultValue("500ms") Duration initialInterval,
        @NotNull @DefaultValue("10s") Duration maxInterval,
        @Min(1) @DefaultValue("3") int attempts,
        @Min(1) @DefaultValue("6") int timedOutAttempts) {
}
