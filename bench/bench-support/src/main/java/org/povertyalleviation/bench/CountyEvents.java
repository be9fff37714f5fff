package org.povertyalleviation.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.povertyalleviation.platform.contracts.EventCatalogue;

/**
 * The county registry's events, published the way its outbox relay does (a structured CloudEvent, key
 * {@code county:subject}) and the way the service's own tests publish them (HouseholdRegistryIT.publish): a county
 * joins with county.joined.v1 on {@code county.events}, each of its villages with village.registered.v1 on
 * {@code village.events}; and the household registry's household.registered.v1 on {@code household.events}.
 */
public final class CountyEvents implements AutoCloseable {

    private final KafkaProducer<String, String> producer;
    private final List<Future<RecordMetadata>> sent = new ArrayList<>();

    public CountyEvents(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new StringSerializer());
    }

    public void countyJoined(String county, String nameZh, int townships, int villages) {
        publish("county.events", county, county, "county.joined.v1", "{\"county\":\"" + county + "\",\"nameZh\":\"" + nameZh
                + "\",\"nameEn\":\"County " + county + "\",\"city\":\"" + county.substring(0, 4) + "00\",\"province\":\""
                + county.substring(0, 2) + "0000\",\"townships\":" + townships + ",\"villages\":" + villages + "}");
    }

    public void villageRegistered(String county, String village, String township, String nameZh) {
        publish("village.events", county, village, "village.registered.v1", "{\"county\":\"" + county + "\",\"village\":\"" + village
                + "\",\"township\":\"" + township + "\",\"nameZh\":\"" + nameZh + "\",\"poor\":true}");
    }

    /** The household registry's household.registered.v1 on {@code household.events}, as the services' tests publish it (ServiceIT). */
    public void householdRegistered(String county, UUID household, String village) {
        publish("household.events", county, household.toString(), "household.registered.v1", "{\"county\":\"" + county + "\",\"household\":\""
                + household + "\",\"fileNumber\":\"F-" + household.toString().substring(0, 8) + "\",\"village\":\"" + village
                + "\",\"registrationYear\":2016,\"status\":\"REGISTERED\",\"members\":3,\"causes\":[\"ILLNESS\"],\"primaryCause\":\"ILLNESS\"}");
    }

    private void publish(String topic, String county, String subject, String type, String dataJson) {
        // The producer's own source: consumers refuse a catalogue type from anyone else (platform-web's Producers).
        String source = EventCatalogue.producer(type).map(producer -> "/services/" + producer).orElse("/bench");
        String envelope = "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"" + source + "\",\"type\":\"" + type
                + "\",\"subject\":\"" + subject + "\",\"time\":\"2026-11-23T02:15:30Z\",\"datacontenttype\":\"application/json\","
                + "\"county\":\"" + county + "\",\"data\":" + dataJson + "}";
        sent.add(producer.send(new ProducerRecord<>(topic, county + ":" + subject, envelope)));
    }

    /** Waits until Kafka acknowledged everything published so far. */
    public void flush() {
        producer.flush();
        try {
            for (Future<RecordMetadata> future : sent) {
                future.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish the county registry's events: " + e.getMessage(), e);
        } finally {
            sent.clear();
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
