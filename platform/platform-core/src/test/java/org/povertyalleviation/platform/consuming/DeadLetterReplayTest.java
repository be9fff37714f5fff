package org.povertyalleviation.platform.consuming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** How the replay tool assembles its Kafka client's settings in a service's pod. */
class DeadLetterReplayTest {

    private static final Map<String, String> POD = Map.of(
            "SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS", "poverty-kafka-bootstrap.poverty-data:9093",
            "SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SECURITY_PROTOCOL", "SASL_SSL",
            "SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SASL_MECHANISM", "SCRAM-SHA-512",
            "SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SASL_JAAS_CONFIG",
            "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"household-registry\" password=\"pod\";",
            "SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SSL_TRUSTSTORE_TYPE", "PEM",
            "SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SSL_TRUSTSTORE_CERTIFICATES", "-----BEGIN CERTIFICATE-----",
            "HOME", "/home/app");

    @Test
    void the_pods_binder_settings_carry_over_and_the_replay_user_signs_in_with_the_password_from_standard_input() {
        Map<String, Object> properties = DeadLetterReplay.clientProperties(POD,
                Map.of("user", "dead-letter-replay", "password-stdin", "true"), Map.of(), () -> "s3cr\"et\n");

        assertThat(properties).containsEntry("bootstrap.servers", "poverty-kafka-bootstrap.poverty-data:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.type", "PEM")
                .containsEntry("ssl.truststore.certificates", "-----BEGIN CERTIFICATE-----")
                .containsEntry("sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"dead-letter-replay\" password=\"s3cr\\\"et\";")
                .doesNotContainKey("home");
    }

    @Test
    void without_a_user_the_pods_own_credentials_serve_and_explicit_properties_win() {
        Map<String, Object> properties = DeadLetterReplay.clientProperties(POD, Map.of(),
                Map.of("security.protocol", "SASL_PLAINTEXT"), () -> {
                    throw new AssertionError("standard input is read only with --password-stdin");
                });

        assertThat(properties.get("sasl.jaas.config")).asString().contains("username=\"household-registry\"");
        assertThat(properties).containsEntry("security.protocol", "SASL_PLAINTEXT");
    }

    @Test
    void a_user_without_a_password_or_a_pod_without_brokers_is_refused() {
        assertThatThrownBy(() -> DeadLetterReplay.clientProperties(POD, Map.of("user", "dead-letter-replay"), Map.of(), () -> "x"))
                .hasMessageContaining("--password-stdin");
        assertThatThrownBy(() -> DeadLetterReplay.clientProperties(POD, Map.of("user", "dead-letter-replay", "password-stdin", "true"),
                Map.of(), () -> "  \n")).hasMessageContaining("held no password");
        assertThatThrownBy(() -> DeadLetterReplay.clientProperties(Map.of(), Map.of(), Map.of(), () -> "x"))
                .hasMessageContaining("no --brokers");
    }
}
