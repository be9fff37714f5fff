package org.povertyalleviation.platform.contracts;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.povertyalleviation.platform.infra.SharedInfrastructure;

/**
 * Publishes events to the JVM's Kafka the way a producing service's outbox relay does (a structured CloudEvent,
 * key county:subject), so that a consumer is tested with what the other service really sends.
 */
public final class TopicWriter {

    private TopicWriter() {
    }

    /** @return the event's id */
    public static String publish(String topic, String county, String subject, String type, String dataJson) {
        String id = UUID.randomUUID().toString();
        publishWithId(topic, county, subject, type, id, dataJson);
        return id;
    }

    public static void publishWithId(String topic, String county, String subject, String type, String id, String dataJson) {
        // The producer's own source: consumers refuse a catalogue type from anyone else (platform-web's Producers).
        String source = EventCatalogue.producer(type).map(producer -> "/services/" + producer).orElse("/tests");
        String envelope = "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"" + source + "\",\"type\":\"" + type
                + "\",\"subject\":\"" + subject + "\",\"time\":\"2026-11-23T02:15:30Z\",\"datacontenttype\":\"application/json\",\"county\":\""
                + county + "\",\"data\":" + dataJson + "}";
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, county + ":" + subject, envelope)).get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish " + type, e);
        }
    }

    /**
     * The county registry's county.joined.v1 and a village.registered.v1 for each village (all poor), as when the
     * county is onboarded. Waiting until the service under test has them is the caller's part.
     */
    public static void countyJoined(String county, String nameZh, List<String> villages) {
        publish("county.events", county, county, "county.joined.v1",
                "{\"county\":\"" + county + "\",\"nameZh\":\"" + nameZh + "\",\"nameEn\":\"County " + county + "\",\"city\":\""
                        + county.substring(0, 4) + "00\",\"province\":\"" + county.substring(0, 2) + "0000\",\"townships\":3,\"villages\":"
                        + villages.size() + "}");
        for (String village : villages) {
            villageRegistered(county, village, true);
        }
    }

    public static void villageRegistered(String county, String village, boolean poor) {
        publish("village.events", county, village, "village.registered.v1",
                "{\"county\":\"" + county + "\",\"village\":\"" + village + "\",\"township\":\"" + village.substring(0, 9)
                        + "\",\"nameZh\":\"村" + village.substring(9) + "\",\"poor\":" + poor + "}");
    }
}
