package org.povertyalleviation.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

/**
 * The charts pass each deployable its own Kafka user's credentials (k8s/kafka/users.yaml) and the brokers' CA, through
 * the binder's configuration, with the password only ever a Secret reference.
 */
class ChartKafkaUsersTest {

    private static final String CONFIGURATION = "SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_";

    @Test
    void everyDeployableOnKafkaSignsInAsTheKafkaUserNamedLikeItOverTls() {
        List<HasMetadata> resources = Charts.parse(Charts.render("poverty-platform", ChartPlatformTest.EXAMPLE));
        Set<String> users = KustomizeBasesTest.ofKind("KafkaUser").stream().map(KustomizeBasesTest.Manifest::name)
                .collect(Collectors.toSet());
        List<Deployment> onKafka = Charts.ofType(resources, Deployment.class).stream()
                .filter(deployment -> env(deployment).containsKey("SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS")).toList();

        assertThat(onKafka).extracting(deployment -> deployment.getMetadata().getName())
                .as("the gateway and every service; not the portal").contains("gateway", "county-registry").doesNotContain("portal");
        for (Deployment deployment : onKafka) {
            String name = deployment.getMetadata().getName();
            List<EnvVar> variables = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
            Map<String, EnvVar> env = env(deployment);
            assertThat(users).as("k8s/kafka/users.yaml has %s's user", name).contains(name);
            assertThat(env.get("KAFKA_USERNAME").getValue()).isEqualTo(name);
            assertThat(env.get("KAFKA_PASSWORD").getValue()).as("never a value").isNull();
            assertThat(env.get("KAFKA_PASSWORD").getValueFrom().getSecretKeyRef().getName()).isEqualTo(name + "-kafka");
            assertThat(env.get("KAFKA_PASSWORD").getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
            assertThat(env.get(CONFIGURATION + "SECURITY_PROTOCOL").getValue()).isEqualTo("SASL_SSL");
            assertThat(env.get(CONFIGURATION + "SASL_MECHANISM").getValue()).isEqualTo("SCRAM-SHA-512");
            assertThat(env.get(CONFIGURATION + "SASL_JAAS_CONFIG").getValue())
                    .isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"$(KAFKA_USERNAME)\" password=\"$(KAFKA_PASSWORD)\";");
            // Kubernetes expands $(NAME) only from variables defined earlier in the list.
            List<String> order = variables.stream().map(EnvVar::getName).toList();
            assertThat(order.indexOf("KAFKA_PASSWORD")).isLessThan(order.indexOf(CONFIGURATION + "SASL_JAAS_CONFIG"));
            assertThat(order.indexOf("KAFKA_USERNAME")).isLessThan(order.indexOf(CONFIGURATION + "SASL_JAAS_CONFIG"));
            assertThat(env.get(CONFIGURATION + "SSL_TRUSTSTORE_TYPE").getValue()).isEqualTo("PEM");
            assertThat(env.get(CONFIGURATION + "SSL_TRUSTSTORE_CERTIFICATES").getValueFrom().getSecretKeyRef().getName())
                    .isEqualTo("poverty-kafka-cluster-ca-cert");
            assertThat(env.get("SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS").getValue()).endsWith(":9093");
            assertThat(env.get("SPRING_CLOUD_STREAM_KAFKA_BINDER_AUTOCREATETOPICS").getValue()).as("no user may create topics").isEqualTo("false");
        }
    }

    @Test
    void aClusterWithoutUsersGetsNoCredentialsAndAnUnknownProtocolIsRefused() {
        String plaintext = Charts.valuesFile("global: { platform: { kafka: { brokers: kafka.example:9092, protocol: PLAINTEXT } } }\n");
        Map<String, EnvVar> env = env(Charts.named(Charts.parse(Charts.render("poverty-platform", ChartPlatformTest.EXAMPLE, plaintext)),
                Deployment.class, "shop-management"));

        assertThat(env.get(CONFIGURATION + "SECURITY_PROTOCOL").getValue()).isEqualTo("PLAINTEXT");
        assertThat(env).doesNotContainKeys("KAFKA_PASSWORD", CONFIGURATION + "SASL_JAAS_CONFIG", CONFIGURATION + "SSL_TRUSTSTORE_CERTIFICATES");

        String unknown = Charts.valuesFile("global: { platform: { kafka: { protocol: SSL } } }\n");
        assertThatThrownBy(() -> Charts.render("poverty-platform", ChartPlatformTest.EXAMPLE, unknown)).hasMessageContaining("protocol");
    }

    private static Map<String, EnvVar> env(Deployment deployment) {
        return ChartPlatformTest.env(deployment.getSpec().getTemplate().getSpec().getContainers().get(0));
    }
}
