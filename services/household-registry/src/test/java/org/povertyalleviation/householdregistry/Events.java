package org.povertyalleviation.householdregistry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.povertyalleviation.platform.infra.SharedInfrastructure;

/** Reads what the service published to Kafka and checks it against the event catalogue (docs/events/). */
public final class Events {

    private Events() {
    }

    /** The events on a topic that match, read until {@code expected} arrived (then 1 s more) or 30 s passed. */
    public static List<String> read(String topic, Predicate<String> matching, int expected) {
        List<String> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            long settle = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, settle)) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (matching.test(record.value())) {
                        found.add(record.value());
                    }
                });
                if (found.size() >= expected && settle == Long.MAX_VALUE) {
                    settle = System.nanoTime() + Duration.ofSeconds(1).toNanos();
                }
            }
        }
        return found;
    }

    /** Events of a type about one subject (household id). */
    public static List<String> about(String topic, String type, String subject, int expected) {
        return read(topic, value -> value.contains("\"type\":\"" + type + "\"") && value.contains("\"subject\":\"" + subject + "\""), expected);
    }

    /** Everything wrong with an event against the envelope schema and its type's data schema (empty when valid). */
    public static Set<String> schemaErrors(String type, String envelope) {
        try {
            var factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
            var node = new ObjectMapper().readTree(envelope);
            Set<String> errors = factory.getSchema(Path.of("../../docs/events/envelope.schema.json").toUri()).validate(node)
                    .stream().map(Object::toString).collect(Collectors.toSet());
            factory.getSchema(Path.of("../../docs/events/" + type + ".schema.json").toUri()).validate(node.get("data"))
                    .forEach(error -> errors.add("data: " + error));
            return errors;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
