package org.povertyalleviation.platform.consuming;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Moves dead letters back to the topic they came from, once what made them fail is fixed (runbook: docs/events/README.md,
 * "Dead letters and dead rows"). Every consumer group of that topic receives them again; those that had applied an event
 * skip it by its id, so only the group that failed applies it.
 *
 * <p>Run inside a service's pod, where the binder's brokers are in the environment:
 * <pre>
 * kubectl exec deploy/household-registry -- java -cp '/app/resources:/app/classes:/app/libs/*' \
 *     org.povertyalleviation.platform.consuming.DeadLetterReplay --topic=error.shop.events.household-registry [--dry-run]
 * </pre>
 * It replays what the dead-letter topic holds when it starts, from where the last replay stopped (its consumer group
 * {@code dead-letter-replay}, offsets committed after each record is acknowledged), so two runs never replay a letter
 * twice and a letter that fails again waits for the next run. The original topic is the one the dead-letter publisher
 * recorded ({@code kafka_dlt-original-topic}); key and value travel unchanged, the dead-letter headers do not.
 */
public final class DeadLetterReplay {

    static final String GROUP = "dead-letter-replay";
    private static final String BINDER_CONFIGURATION = "SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_";

    /** What a run did. */
    public record Outcome(int replayed, int skipped, Map<String, Integer> byTopic) {
    }

    private DeadLetterReplay() {
    }

    public static void main(String[] args) {
        Map<String, String> options = new HashMap<>();
        Map<String, Object> explicit = new HashMap<>();
        for (String arg : args) {
            if (arg.equals("--dry-run") || arg.equals("--password-stdin")) {
                options.put(arg.substring(2), "true");
            } else if (arg.startsWith("--property=") && arg.indexOf('=', "--property=".length()) > 0) {
                String property = arg.substring("--property=".length());
                int equals = property.indexOf('=');
                explicit.put(property.substring(0, equals), property.substring(equals + 1));
            } else if (arg.startsWith("--") && arg.contains("=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else {
                usage(System.err, "unknown argument " + arg);
                System.exit(2);
            }
        }
        String topic = options.get("topic");
        Map<String, Object> clientProperties;
        try {
            clientProperties = clientProperties(System.getenv(), options, explicit, DeadLetterReplay::passwordFromStdin);
        } catch (IllegalArgumentException e) {
            usage(System.err, e.getMessage());
            System.exit(2);
            return;
        }
        if (topic == null || !topic.startsWith("error.")) {
            usage(System.err, "--topic=error.<topic>.<group> is needed");
            System.exit(2);
        }
        Outcome outcome = replay(clientProperties, topic, Boolean.parseBoolean(options.getOrDefault("dry-run", "false")), System.out);
        System.out.printf("%s: %d dead letter(s) %s, %d without an original topic left in place%n", topic, outcome.replayed(),
                options.containsKey("dry-run") ? "would be replayed" : "replayed", outcome.skipped());
    }

    /**
     * The Kafka client's properties: the pod's own binder settings (the brokers, and the protocol, mechanism and trust
     * store of {@code SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_*}, as the charts set them), then
     * {@code --user} with the password read from standard input ({@code --password-stdin}: never on the command line,
     * where {@code ps} and the shell's history would keep it), then each {@code --property} over all of them.
     */
    static Map<String, Object> clientProperties(Map<String, String> environment, Map<String, String> options,
                                                Map<String, Object> explicit, java.util.function.Supplier<String> password) {
        Map<String, Object> properties = new HashMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(BINDER_CONFIGURATION) && name.length() > BINDER_CONFIGURATION.length()) {
                properties.put(name.substring(BINDER_CONFIGURATION.length()).toLowerCase(java.util.Locale.ROOT).replace('_', '.'), value);
            }
        });
        String brokers = options.getOrDefault("brokers", environment.get("SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS"));
        if (brokers == null || brokers.isBlank()) {
            throw new IllegalArgumentException("no --brokers and no SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS");
        }
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        String user = options.get("user");
        if (user != null) {
            if (!options.containsKey("password-stdin")) {
                throw new IllegalArgumentException("--user needs --password-stdin (the password is read from standard input)");
            }
            String secret = password.get();
            if (secret == null || secret.isBlank()) {
                throw new IllegalArgumentException("--password-stdin: standard input held no password");
            }
            properties.put("sasl.mechanism", properties.getOrDefault("sasl.mechanism", "SCRAM-SHA-512"));
            properties.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                    + user.replace("\"", "") + "\" password=\"" + secret.strip().replace("\\", "\\\\").replace("\"", "\\\"") + "\";");
        } else if (options.containsKey("password-stdin")) {
            throw new IllegalArgumentException("--password-stdin needs --user");
        }
        properties.putAll(explicit);
        return properties;
    }

    private static String passwordFromStdin() {
        try {
            return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("--password-stdin: " + e.getMessage());
        }
    }

    private static void usage(PrintStream out, String why) {
        out.println("DeadLetterReplay: " + why);
        out.println("usage: --topic=error.<topic>.<group> [--brokers=host:port] [--dry-run] [--user=<kafka user> --password-stdin]"
                + " [--property=<kafka client property>=<value> ...]");
    }

    /**
     * Replays the dead letters of {@code deadLetterTopic} written before this call.
     *
     * @param clientProperties Kafka client properties (at least bootstrap.servers; security settings if the cluster needs them)
     */
    public static Outcome replay(Map<String, Object> clientProperties, String deadLetterTopic, boolean dryRun, PrintStream log) {
        Map<String, Object> consumerProperties = new HashMap<>(clientProperties);
        consumerProperties.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProperties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, Object> producerProperties = new HashMap<>(clientProperties);
        producerProperties.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProperties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        int replayed = 0;
        int skipped = 0;
        Map<String, Integer> byTopic = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties, new ByteArraySerializer(), new ByteArraySerializer())) {
            List<PartitionInfo> partitionInfos = consumer.partitionsFor(deadLetterTopic, Duration.ofSeconds(30));
            if (partitionInfos == null || partitionInfos.isEmpty()) {
                return new Outcome(0, 0, byTopic);
            }
            List<TopicPartition> partitions = partitionInfos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            // Only what is there now: a letter that fails again lands after these ends and waits for the next run.
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new java.util.HashSet<>(partitions), Duration.ofSeconds(30));
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata start = committed.get(partition);
                if (start == null) {
                    consumer.seekToBeginning(List.of(partition));
                } else {
                    consumer.seek(partition, start.offset());
                }
            }
            while (partitions.stream().anyMatch(partition -> consumer.position(partition, Duration.ofSeconds(30)) < ends.get(partition))) {
                for (ConsumerRecord<byte[], byte[]> letter : consumer.poll(Duration.ofSeconds(1))) {
                    TopicPartition partition = new TopicPartition(letter.topic(), letter.partition());
                    if (letter.offset() >= ends.get(partition)) {
                        continue;
                    }
                    Header original = letter.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC);
                    if (original == null) {
                        skipped++;
                        log.printf("  %s-%d@%d has no original topic: left in place%n", letter.topic(), letter.partition(), letter.offset());
                    } else {
                        String target = new String(original.value(), StandardCharsets.UTF_8);
                        if (!dryRun) {
                            RecordHeaders headers = new RecordHeaders();
                            for (Header header : letter.headers()) {
                                if (!header.key().startsWith("kafka_dlt-")) {
                                    headers.add(header);
                                }
                            }
                            Future<RecordMetadata> sent = producer.send(new ProducerRecord<>(target, null, letter.key(), letter.value(), headers));
                            awaitSent(sent);
                            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(letter.offset() + 1)));
                        }
                        replayed++;
                        byTopic.merge(target, 1, Integer::sum);
                    }
                }
            }
        }
        return new Outcome(replayed, skipped, byTopic);
    }

    private static void awaitSent(Future<RecordMetadata> sent) {
        try {
            sent.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Replaying a dead letter failed; nothing after it was replayed: " + e.getMessage(), e);
        }
    }
}
