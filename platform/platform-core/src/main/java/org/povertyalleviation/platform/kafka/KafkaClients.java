package org.povertyalleviation.platform.kafka;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaBinderConfigurationProperties;
import org.springframework.core.env.Environment;

/**
 * Kafka clients the platform makes outside the binder (the outbox relay's producer, the dead-letter publisher), with
 * the binder's own configuration ({@code spring.cloud.stream.kafka.binder.*}: brokers, producer properties, security),
 * so that they reach the same cluster with the same credentials as the bindings.
 */
public final class KafkaClients {

    private final KafkaBinderConfigurationProperties binder;

    public KafkaClients(Environment environment, ObjectProvider<KafkaConnectionDetails> connectionDetails) {
        Binder properties = Binder.get(environment);
        KafkaProperties kafka = properties.bind("spring.kafka", KafkaProperties.class).orElseGet(KafkaProperties::new);
        this.binder = new KafkaBinderConfigurationProperties(kafka, connectionDetails);
        properties.bind("spring.cloud.stream.kafka.binder", Bindable.ofInstance(binder));
    }

    /** The binder's producer configuration with the binder's brokers. */
    public Map<String, Object> producerConfiguration() {
        Map<String, Object> configuration = new HashMap<>(binder.mergedProducerConfiguration());
        configuration.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, binder.getKafkaConnectionString());
        return configuration;
    }

    /**
     * An idempotent producer that waits for every in-sync replica (a record acknowledged is a record kept), batching
     * what is sent together ({@code linger.ms} 5 unless the binder's producer properties say otherwise).
     */
    public Producer<byte[], byte[]> reliableProducer(String clientId) {
        Map<String, Object> configuration = producerConfiguration();
        configuration.put(ProducerConfig.ACKS_CONFIG, "all");
        configuration.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        configuration.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        configuration.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 65_536);
        configuration.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return new KafkaProducer<>(configuration, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
