package org.povertyalleviation.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
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
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.tenancy.CountySuspensions;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/** A service learns of a suspension from the county registry's event and refuses the county's users itself. */
class CountySuspensionIT extends SampleServiceIT {

    private static final String KANG = "621224";

    @Autowired
    EventCodec codec;
    @Autowired
    JsonMapper json;
    @Autowired
    CountySuspensions suspensions;

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

    @Test
    void a_suspension_read_back_after_the_reinstatement_does_not_suspend_the_county_again() {
        CountyCode county = CountyCode.of("621228");
        EventEnvelope suspension = event(CountySuspensionsEvents.SUSPENDED, county, Instant.parse("2026-03-01T08:00:00Z"));
        EventEnvelope reinstatement = event(CountySuspensionsEvents.REINSTATED, county, Instant.parse("2026-03-01T08:05:00Z"));

        suspensions.apply(suspension).block();
        assertThat(suspensions.isSuspended(county).block()).isTrue();
        suspensions.apply(reinstatement).block();
        suspensions.apply(suspension).block();
        assertThat(suspensions.isSuspended(county).block()).as("an older suspension arriving late").isFalse();

        suspensions.apply(event(CountySuspensionsEvents.SUSPENDED, county, Instant.parse("2026-03-02T08:00:00Z"))).block();
        assertThat(suspensions.isSuspended(county).block()).as("a newer suspension").isTrue();
        suspensions.apply(event(CountySuspensionsEvents.REINSTATED, county, Instant.parse("2026-03-02T09:00:00Z"))).block();
    }

    private EventEnvelope event(String type, CountyCode county, Instant time) {
        return new EventEnvelope(EventEnvelope.SPEC_VERSION, UUID.randomUUID().toString(), "/services/county-registry", type,
                county.value(), time, EventEnvelope.CONTENT_TYPE, county.value(), json.valueToTree(Map.of("county", county.value())));
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
