package org.povertyalleviation.platform.contracts;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.povertyalleviation.platform.infra.SharedInfrastructure;

/** Reads a topic from the start with a plain Kafka consumer, the way a partner or another service would. */
public final class TopicReader {

    private TopicReader() {
    }

    /** A record's key, value and headers (the last value of each header, as UTF-8 text). */
    public record Received(String key, String value, Map<String, String> headers) {
    }

    /**
     * Reads until {@code expected} records matching the filter arrived, then keeps reading a little longer so
     * that a duplicate would be seen too.
     */
    public static List<Received> read(String topic, int expected, java.util.function.Predicate<Received> filter) {
        return read(topic, expected, filter, Duration.ofSeconds(60));
    }

    /**
     * Everything matching the filter that is on the topic now: for proving that something is absent, once a
     * later marker has shown that it would already be there.
     */
    public static List<Received> readPresent(String topic, java.util.function.Predicate<Received> filter) {
        return read(topic, Integer.MAX_VALUE, filter, Duration.ofSeconds(5));
    }

    private static List<Received> read(String topic, int expected, java.util.function.Predicate<Received> filter, Duration timeout) {
        List<Received> received = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            long settleUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, settleUntil)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Map<String, String> headers = new java.util.HashMap<>();
                    record.headers().forEach(header -> headers.put(header.key(),
                            header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8)));
                    Received r = new Received(record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                            new String(record.value(), StandardCharsets.UTF_8), headers);
                    if (filter.test(r)) {
                        received.add(r);
                    }
                }
                if (received.size() >= expected && settleUntil == Long.MAX_VALUE) {
                    settleUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                }
            }
        }
        return received;
    }
}
