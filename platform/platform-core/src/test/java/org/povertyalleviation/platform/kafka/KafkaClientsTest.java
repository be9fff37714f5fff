package org.povertyalleviation.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The charts pass a service's Kafka user to it as environment variables (platform-library's _kafka.tpl); here they
 * are bound the way Spring binds a pod's environment, and reach the clients the platform makes itself.
 */
class KafkaClientsTest {

    @Test
    void the_charts_kafka_credentials_reach_the_outbox_relays_producer() {
        Map<String, Object> pod = new LinkedHashMap<>();
        pod.put("SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS", "poverty-kafka-kafka-bootstrap.poverty-data.svc:9093");
        // As the kubelet hands them over: $(KAFKA_USERNAME) and $(KAFKA_PASSWORD) already expanded.
        pod.put("SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SECURITY_PROTOCOL", "SASL_SSL");
        pod.put("SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SASL_MECHANISM", "SCRAM-SHA-512");
        pod.put("SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SASL_JAAS_CONFIG",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"shop-management\" password=\"s3cret\";");
        pod.put("SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SSL_TRUSTSTORE_TYPE", "PEM");
        pod.put("SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SSL_TRUSTSTORE_CERTIFICATES", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----");
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, pod));

        Map<String, Object> producer = new KafkaClients(environment,
                new DefaultListableBeanFactory().getBeanProvider(KafkaConnectionDetails.class)).producerConfiguration();

        assertThat(producer).containsEntry("bootstrap.servers", "poverty-kafka-kafka-bootstrap.poverty-data.svc:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", pod.get("SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SASL_JAAS_CONFIG"))
                .containsEntry("ssl.truststore.type", "PEM")
                .containsKey("ssl.truststore.certificates");
    }
}
