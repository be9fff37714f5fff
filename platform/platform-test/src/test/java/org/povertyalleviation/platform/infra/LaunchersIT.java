package org.povertyalleviation.platform.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class LaunchersIT {

    @Test
    void postgres_runs_as_an_unprivileged_account_and_creates_databases_on_demand() throws Exception {
        PostgresServer postgres = SharedInfrastructure.postgres();
        PostgresServer.Database database = postgres.database("launcher_check");
        assertThat(postgres.database("launcher_check")).isEqualTo(database);

        try (Connection connection = postgres.connect("launcher_check"); Statement statement = connection.createStatement()) {
            ResultSet row = statement.executeQuery("select current_database(), version()");
            row.next();
            assertThat(row.getString(1)).isEqualTo("launcher_check");
            assertThat(row.getString(2)).startsWith("PostgreSQL 17");
        }
        long serverPid = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/bin/postgres")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains(Integer.toString(postgres.port()))).orElse(false))
                .findFirst().orElseThrow().pid();
        String owner = ProcessHandle.of(serverPid).orElseThrow().info().user().orElseThrow();
        assertThat(owner).isNotEqualTo("root");
    }

    @Test
    void kafka_keeps_records_across_a_broker_restart() throws Exception {
        KafkaBroker kafka = SharedInfrastructure.kafka();
        try (var producer = new KafkaProducer<String, String>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("launcher-check", "621222:h-1", "before restart")).get(30, TimeUnit.SECONDS);
        }
        kafka.restart();
        try (var producer = new KafkaProducer<String, String>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("launcher-check", "621222:h-1", "after restart")).get(30, TimeUnit.SECONDS);
        }

        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "launcher-check", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("launcher-check"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < 2 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
        }
        assertThat(values).containsExactly("before restart", "after restart");
    }

    @Test
    void redis_answers_ping() {
        assertThat(SharedInfrastructure.redis().answersPing()).isTrue();
    }

    @Test
    void keycloak_imports_the_realm_and_issues_tokens_for_its_users() {
        KeycloakServer keycloak = SharedInfrastructure.keycloak(List.of(KeycloakServer.realmFromClasspath("launcher-test-realm.json")));

        String token = keycloak.passwordGrant("launcher-test", "launcher-cli", "wen-admin", "wen-admin-pass");

        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(payload).contains("\"iss\":\"" + keycloak.issuer("launcher-test") + "\"")
                .contains("\"preferred_username\":\"wen-admin\"")
                .contains("county-admin");
    }
}
