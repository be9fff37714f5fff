package org.povertyalleviation.platform.consuming;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
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

class DeadLetterReplayIT extends SampleServiceIT {

    @Autowired
    EventCodec codec;
    @Autowired
    JsonMapper json;
    @Autowired
    DatabaseClient database;

    @Test
    void a_dead_letter_replayed_after_the_fix_is_applied_once_and_never_replayed_twice() throws Exception {
        EventEnvelope event = EventEnvelope.create("/services/sample", "shipment.registered.v1", CountyCode.of("621222"),
                UUID.randomUUID().toString(), json.valueToTree(Map.of("product", "chestnut", "failUntilFixed", true)));
        try (var producer = new KafkaProducer<String, String>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedInfrastructure.kafka().bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(INPUT_TOPIC, event.partitionKey(), codec.write(event))).get(30, TimeUnit.SECONDS);
        }
        assertThat(TopicReader.read(DEAD_LETTER_TOPIC, 1, r -> r.value().contains(event.id()))).hasSize(1);
        assertThat(tally(event.id())).isZero();

        Map<String, Object> client = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers());
        DeadLetterReplay.Outcome dryRun = DeadLetterReplay.replay(client, DEAD_LETTER_TOPIC, true, quiet());
        assertThat(dryRun.byTopic()).as("a dry run counts, and moves nothing").containsEntry(INPUT_TOPIC, dryRun.replayed());
        assertThat(dryRun.replayed()).isPositive();

        database.sql("insert into sample_fix (event_id) values (:id)").bind("id", event.id()).fetch().rowsUpdated().block();
        DeadLetterReplay.Outcome outcome = DeadLetterReplay.replay(client, DEAD_LETTER_TOPIC, false, quiet());

        // Earlier tests' dead letters (events that always fail) go back too and return to the dead-letter topic.
        assertThat(outcome.replayed()).isEqualTo(dryRun.replayed());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (tally(event.id()) == 0) {
            assertThat(System.nanoTime()).as("the replayed event applied").isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(200);
        }
        assertThat(tally(event.id())).isEqualTo(1);
        // Only letters written since (those that failed again) wait for the next run; this one is not among them.
        DeadLetterReplay.Outcome again = DeadLetterReplay.replay(client, DEAD_LETTER_TOPIC, true, quiet());
        assertThat(again.replayed()).isLessThanOrEqualTo(outcome.replayed() - 1);
        assertThat(TopicReader.readPresent(DEAD_LETTER_TOPIC, r -> r.value().contains(event.id()))).hasSize(1);
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }

    private long tally(String eventId) {
        return database.sql("select count(*) from sample_tally where event_id = :id").bind("id", eventId)
                .map(row -> row.get(0, Long.class)).one().block();
    }
}
