package org.povertyalleviation.platform.security;

import java.time.Duration;
import java.util.Map;
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
import org.povertyalleviation.platform.tenancy.CountyCode;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/** A service learns of a suspension from the county registry's event and refuses the county's users itself. */
class CountySuspensionIT extends SampleServiceIT {

    private static final String KANG = "621224";

    @Autowired
    EventCodec codec;
    @Autowired
    JsonMapper json;

    @Test
    void a_suspended_countys_users_are_refused_until_it_is_reinstated_while_operators_keep_access() throws Exception {
        String admin = "Bearer " + tokenFor("admin-621224");
        publish(CountySuspensionsEvents.SUSPENDED);
        try {
            awaitStatus(admin, 403);
            web.get().uri("/counties/" + KANG + "/shipments").header("Authorization", "Bearer " + tokenFor("operator"))
                    .exchange().expectStatus().isOk();
            web.get().uri("/counties/621222/shipments").header("Authorization", "Bearer " + tokenFor("admin-621222"))
                    .exchange().expectStatus().isOk();
        } finally {
            publish(CountySuspensionsEvents.REINSTATED);
            awaitStatus(admin, 200);
        }
    }

    private void awaitStatus(String authorization, int status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            int seen = web.get().uri("/counties/" + KANG + "/shipments").header("Authorization", authorization)
                    .exchange().returnResult(String.class).getStatus().value();
            if (seen == status) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + status + " for county " + KANG + ", still " + seen);
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private void publish(String type) throws Exception {
        EventEnvelope event = EventEnvelope.create("/services/county-registry", type, CountyCode.of(KANG), KANG,
                json.valueToTree(Map.of("county", KANG)));
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("county.events", event.partitionKey(), codec.write(event))).get(30, TimeUnit.SECONDS);
        }
    }

    /** The type names, as the county registry publishes them (docs/events). */
    private static final class CountySuspensionsEvents {
        static final String SUSPENDED = "county.suspended.v1";
        static final String REINSTATED = "county.reinstated.v1";
    }
}
