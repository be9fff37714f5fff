package org.povertyalleviation.platform.consuming;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

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

/** A consumer does not take an event's word for who sent it (platform-web's Producers). */
class ForgedEventIT extends SampleServiceIT {

    @Autowired
    EventCodec codec;
    @Autowired
    JsonMapper json;
    @Autowired
    DatabaseClient database;

    @Test
    void an_event_of_a_catalogue_type_from_a_service_that_does_not_produce_it_is_dead_lettered_unapplied() throws Exception {
        EventEnvelope forged = EventEnvelope.create("/services/sample", "county.suspended.v1", CountyCode.of("621222"),
                "621222", json.valueToTree(Map.of("county", "621222", "reason", "forged")));
        EventEnvelope genuine = EventEnvelope.create("/services/county-registry", "county.suspended.v1", CountyCode.of("621222"),
                UUID.randomUUID().toString(), json.valueToTree(Map.of("county", "621222", "reason", "real")));

        publish(forged.partitionKey(), codec.write(forged));
        publish(genuine.partitionKey(), codec.write(genuine));

        assertThat(TopicReader.read(DEAD_LETTER_TOPIC, 1, r -> r.value().contains(forged.id()))).hasSize(1);
        // The genuine one is after it on the same partition: once it is applied, the forged one was passed over.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (count("select count(*) from sample_tally where event_id = '" + genuine.id() + "'") == 0) {
            assertThat(System.nanoTime()).as("the genuine event applied").isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(200);
        }
        assertThat(count("select count(*) from sample_tally where event_id = '" + forged.id() + "'")).isZero();
        assertThat(count("select count(*) from processed_event where event_id = '" + forged.id() + "'")).isZero();
    }

    private static void publish(String key, String value) throws Exception {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(INPUT_TOPIC, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    private long count(String sql) {
        return database.sql(sql).map(row -> row.get(0, Long.class)).one().block();
    }
}
