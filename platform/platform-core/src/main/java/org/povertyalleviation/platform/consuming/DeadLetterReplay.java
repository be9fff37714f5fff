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

    /** What a run did. */
    public record Outcome(int replayed, int skipped, Map<String, Integer> byTopic) {
    }

    private DeadLetterReplay() {
    }

    public static void main(String[] args) {
        Map<String, String> options = new HashMap<>();
        Map<String, Object> clientProperties = new HashMap<>();
        for (String arg : args) {
            if (arg.equals("--dry-run")) {
                options.put("dry-run", "true");
            } else if (arg.startsWith("--property=") && arg.contains("=")) {
                String property = arg.substring("--property=".length());
                int equals = property.indexOf('=');
                clientProperties.put(property.substring(0, equals), property.substring(equals + 1));
            } else if (arg.startsWith("--") && arg.contains("=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else {
                usage(System.err, "unknown argument " + arg);
                System.exit(2);
            }
        }
        String brokers = options.getOrDefault("brokers", System.getenv("SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS"));
        String topic = options.get("topic");
        if (brokers == null || topic == null || !topic.startsWith("error.")) {
            usage(System.err, brokers == null ? "no --brokers and no SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS" : "--topic=error.<topic>.<group> is needed");
            System.exit(2);
        }
        clientProperties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        Outcome outcome = replay(clientProperties, topic, Boolean.parseBoolean(options.getOrDefault("dry-run", "false")), System.out);
        System.out.printf("%s: %d dead letter(s) %s, %d without an original topic left in place%n", topic, outcome.replayed(),
                options.containsKey("dry-run") ? "would be replayed" : "replayed", outcome.skipped());
    }

    private static void usage(PrintStream out, String why) {
        out.println("DeadLetterReplay: " + why);
        out.println("usage: --topic=error.<topic>.<group> [--brokers=host:port] [--dry-run] [--property=<kafka client property>=<value> ...]");
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
