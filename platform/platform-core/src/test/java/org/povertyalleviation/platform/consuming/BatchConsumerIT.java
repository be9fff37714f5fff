package org.povertyalleviation.platform.consuming;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.contracts.TopicReader;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.events.EventCodec;
import org.povertyalleviation.platform.events.EventEnvelope;
import org.povertyalleviation.platform.infra.SharedInfrastructure;
import org.povertyalleviation.platform.sample.SampleServiceIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.json.JsonMapper;

/** EventListeners.idempotentBatch against the real broker and database (the sample's sampleBatchTally). */
class BatchConsumerIT extends SampleServiceIT {

    private static final String TOPIC = "sample.batch-events";
    private static final String DEAD_LETTERS = "error.sample.batch-events.platform-core-test";

    @Autowired
    EventCodec codec;
    @Autowired
    JsonMapper json;
    @Autowired
    DatabaseClient database;

    @Test
    void a_batch_applies_each_event_once_and_pins_a_failure_on_the_event_at_fault() throws Exception {
        List<EventEnvelope> before = events("621222", 20);
        EventEnvelope failing = event("621222", Map.of("product", "fungus", "fail", true));
        List<EventEnvelope> after = events("621224", 20);
        String malformed = "{\"not\": \"an envelope\", \"marker\": \"" + UUID.randomUUID() + "\"}";
        List<EventEnvelope> last = events("621222", 5);

        // One key, so that all of them share a partition and come in few polls, in this order; the first events twice.
        try (var producer = producer()) {
            for (EventEnvelope event : before) {
                producer.send(new ProducerRecord<>(TOPIC, "batch", codec.write(event)));
            }
            for (EventEnvelope event : before.subList(0, 5)) {
                producer.send(new ProducerRecord<>(TOPIC, "batch", codec.write(event)));
            }
            producer.send(new ProducerRecord<>(TOPIC, "batch", codec.write(failing)));
            for (EventEnvelope event : after) {
                producer.send(new ProducerRecord<>(TOPIC, "batch", codec.write(event)));
            }
            producer.send(new ProducerRecord<>(TOPIC, "batch", malformed));
            for (EventEnvelope event : last) {
                producer.send(new ProducerRecord<>(TOPIC, "batch", codec.write(event)));
            }
            producer.flush();
        }

        List<EventEnvelope> good = new ArrayList<>(before);
        good.addAll(after);
        good.addAll(last);
        awaitTallied(good);
        good.forEach(event -> assertThat(tally(event.id())).as("tallies of %s", event.id()).isEqualTo(1));
        assertThat(TopicReader.read(DEAD_LETTERS, 1, r -> r.value().contains(failing.id()))).hasSize(1);
        assertThat(TopicReader.read(DEAD_LETTERS, 1, r -> r.value().equals(malformed))).hasSize(1);
        assertThat(tally(failing.id())).isZero();
        assertThat(count("select count(*) from processed_event where consumer = 'sample-batch-tally' and event_id = '" + failing.id() + "'")).isZero();
        Set<String> goodIds = good.stream().map(EventEnvelope::id).collect(Collectors.toSet());
        assertThat(TopicReader.readPresent(DEAD_LETTERS, r -> goodIds.stream().anyMatch(id -> r.value().contains(id))))
                .as("good neighbours dead-lettered").isEmpty();
    }

    @Test
    void while_the_database_is_away_a_batch_waits_and_applies_once_it_is_back_with_no_dead_letter() throws Exception {
        List<EventEnvelope> events = events("621222", 30);

        SharedInfrastructure.postgres().stop();
        try {
            try (var producer = producer()) {
                for (EventEnvelope event : events) {
                    producer.send(new ProducerRecord<>(TOPIC, event.partitionKey(), codec.write(event)));
                }
                producer.flush();
            }
            TimeUnit.SECONDS.sleep(8);
        } finally {
            SharedInfrastructure.postgres().restart();
        }

        awaitTallied(events);
        events.forEach(event -> assertThat(tally(event.id())).isEqualTo(1));
        Set<String> ids = events.stream().map(EventEnvelope::id).collect(Collectors.toSet());
        assertThat(TopicReader.readPresent(DEAD_LETTERS, r -> ids.stream().anyMatch(id -> r.value().contains(id)))).isEmpty();
    }

    private List<EventEnvelope> events(String county, int count) {
        return IntStream.range(0, count).mapToObj(i -> event(county, Map.of("product", "pepper-" + i))).toList();
    }

    private EventEnvelope event(String county, Map<String, Object> data) {
        return EventEnvelope.create("/services/sample", "shipment.registered.v1", CountyCode.of(county), UUID.randomUUID().toString(),
                json.valueToTree(data));
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 50), new StringSerializer(), new StringSerializer());
    }

    private void awaitTallied(List<EventEnvelope> events) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        for (EventEnvelope event : events) {
            while (tally(event.id()) == 0) {
                assertThat(System.nanoTime()).as("event %s processed", event.id()).isLessThan(deadline);
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
    }

    private long tally(String eventId) {
        return count("select count(*) from sample_tally where event_id = '" + eventId + "'");
    }

    private long count(String sql) {
        return database.sql(sql).map(row -> row.get(0, Long.class)).one().block();
    }
}
