package org.povertyalleviation.platform.consuming;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.events.EventCodec;
import org.povertyalleviation.platform.events.EventEnvelope;
import org.povertyalleviation.platform.infra.SharedInfrastructure;
import org.povertyalleviation.platform.sample.SampleServiceIT;
import org.povertyalleviation.platform.contracts.TopicReader;
import org.povertyalleviation.platform.domain.CountyCode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.json.JsonMapper;

class IdempotentConsumerIT extends SampleServiceIT {

    @Autowired
    EventCodec codec;
    @Autowired
    JsonMapper json;
    @Autowired
    DatabaseClient database;

    @Test
    void a_redelivered_event_has_no_second_effect() throws Exception {
        EventEnvelope event = sampleEvent(Map.of("product", "pepper"));
        String marker = EventEnvelope.create("/services/sample", "shipment.registered.v1", CountyCode.of("621222"),
                "marker", json.valueToTree(Map.of("product", "marker"))).id();

        publish(event.partitionKey(), codec.write(event));
        publish(event.partitionKey(), codec.write(event));
        publish(event.partitionKey(), codec.write(withId(event, marker)));

        // The marker comes after both copies on the same partition: once it is processed, so are they.
        awaitTally(marker);
        assertThat(tally(event.id())).isEqualTo(1);
        // Had the copy failed, it would have been retried and dead-lettered before the marker was handled.
        assertThat(TopicReader.readPresent(DEAD_LETTER_TOPIC, r -> r.value().contains(event.id()))).isEmpty();
        assertThat(count("select count(*) from processed_event where consumer = 'sample-tally' and event_id = '" + event.id() + "'"))
                .isEqualTo(1);
    }

    @Test
    void a_poison_message_lands_in_the_dead_letter_topic_and_the_next_event_is_still_processed() throws Exception {
        String poison = "{\"not\": \"an envelope\", \"marker\": \"" + UUID.randomUUID() + "\"}";
        EventEnvelope next = sampleEvent(Map.of("product", "honey"));

        publish("621222:poison", poison);
        publish("621222:poison", codec.write(next));

        assertThat(TopicReader.read(DEAD_LETTER_TOPIC, 1, r -> r.value().equals(poison))).hasSize(1);
        awaitTally(next.id());
    }

    @Test
    void an_event_whose_effect_keeps_failing_is_dead_lettered_and_not_marked_processed() throws Exception {
        EventEnvelope failing = sampleEvent(Map.of("product", "fungus", "fail", true));

        publish(failing.partitionKey(), codec.write(failing));

        assertThat(TopicReader.read(DEAD_LETTER_TOPIC, 1, r -> r.value().contains(failing.id()))).hasSize(1);
        assertThat(count("select count(*) from processed_event where event_id = '" + failing.id() + "'")).isZero();
        assertThat(tally(failing.id())).isZero();
    }

    @Test
    void an_event_whose_effect_always_runs_past_the_statement_timeout_is_dead_lettered_after_its_tries() throws Exception {
        EventEnvelope slow = sampleEvent(Map.of("product", "glacier", "slow", true));
        EventEnvelope next = sampleEvent(Map.of("product", "after-glacier"));

        publish(slow.partitionKey(), codec.write(slow));
        publish(slow.partitionKey(), codec.write(next));

        // Not retried for ever as a transient failure would be: timed-out-attempts tries (three in this test's
        // application.yml) with the growing back-off, then the dead-letter topic, and the partition moves on.
        var letters = TopicReader.read(DEAD_LETTER_TOPIC, 1, r -> r.value().contains(slow.id()));
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).headers().get(ConsumerFailures.ROOT_CAUSE_HEADER)).contains("statement timeout");
        awaitTally(next.id());
        assertThat(tally(slow.id())).isZero();
        assertThat(count("select count(*) from processed_event where event_id = '" + slow.id() + "'")).isZero();
    }

    @Test
    void while_the_database_is_away_events_wait_and_apply_once_it_is_back_with_no_dead_letter() throws Exception {
        List<EventEnvelope> events = java.util.stream.IntStream.range(0, 5).mapToObj(i -> sampleEvent(Map.of("product", "walnut-" + i))).toList();

        SharedInfrastructure.postgres().stop();
        try {
            for (EventEnvelope event : events) {
                publish(event.partitionKey(), codec.write(event));
            }
            // Longer than the three tries a broken rule gets (0.5 s apart): a transient failure must not use them up.
            TimeUnit.SECONDS.sleep(8);
        } finally {
            SharedInfrastructure.postgres().restart();
        }

        for (EventEnvelope event : events) {
            awaitTally(event.id());
            assertThat(tally(event.id())).isEqualTo(1);
        }
        java.util.Set<String> ids = events.stream().map(EventEnvelope::id).collect(java.util.stream.Collectors.toSet());
        assertThat(TopicReader.readPresent(DEAD_LETTER_TOPIC, r -> ids.stream().anyMatch(id -> r.value().contains(id)))).isEmpty();
    }

    private EventEnvelope sampleEvent(Map<String, Object> data) {
        return EventEnvelope.create("/services/sample", "shipment.registered.v1", CountyCode.of("621222"),
                UUID.randomUUID().toString(), json.valueToTree(data));
    }

    private static EventEnvelope withId(EventEnvelope event, String id) {
        return new EventEnvelope(event.specversion(), id, event.source(), event.type(), event.subject(), event.time(),
                event.datacontenttype(), event.county(), event.data());
    }

    private static void publish(String key, String value) throws Exception {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(INPUT_TOPIC, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    private void awaitTally(String eventId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (tally(eventId) == 0) {
            assertThat(System.nanoTime()).as("event %s processed", eventId).isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private long tally(String eventId) {
        return count("select count(*) from sample_tally where event_id = '" + eventId + "'");
    }

    private long count(String sql) {
        return database.sql(sql).map(row -> row.get(0, Long.class)).one().block();
    }
}
