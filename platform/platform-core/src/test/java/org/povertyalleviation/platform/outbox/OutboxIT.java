package org.povertyalleviation.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.events.EventCodec;
import org.povertyalleviation.platform.events.EventEnvelope;
import org.povertyalleviation.platform.infra.SharedInfrastructure;
import org.povertyalleviation.platform.sample.SampleServiceIT;
import org.povertyalleviation.platform.contracts.EventCatalogue;
import org.povertyalleviation.platform.contracts.TopicReader;
import org.povertyalleviation.platform.contracts.TopicReader.Received;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.tenancy.TenantContext;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.springframework.beans.factory.annotation.Autowired;
import org.povertyalleviation.platform.kafka.KafkaClients;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

class OutboxIT extends SampleServiceIT {

    private static final CountyCode WEN = CountyCode.of("621222");

    @Autowired
    TenantTransactions tenantTransactions;
    @Autowired
    Outbox outbox;
    @Autowired
    EventCodec codec;
    @Autowired
    DatabaseClient database;
    @Autowired
    JsonMapper json;
    @Autowired
    KafkaClients kafkaClients;
    @Autowired
    OutboxProperties properties;
    @Autowired
    OutboxRelay relay;

    @Test
    void a_committed_change_is_published_exactly_once_keyed_by_county_and_aggregate() throws Exception {
        String shipment = UUID.randomUUID().toString();
        EventEnvelope event = shipmentRegistered(shipment, 1);

        registerShipment(shipment, event).block();

        List<Received> received = TopicReader.read(TOPIC, 1, r -> r.value().contains(event.id()));
        assertThat(received).hasSize(1);
        assertThat(received.get(0).key()).isEqualTo("621222:" + shipment);
        assertThat(codec.read(received.get(0).value().getBytes())).isEqualTo(event);
        assertThat(EventCatalogue.envelopeErrors(received.get(0).value())).isEmpty();
        assertThat(pendingRows()).isZero();
    }

    @Test
    void a_rolled_back_change_leaves_neither_row_nor_event() {
        String shipment = UUID.randomUUID().toString();
        EventEnvelope event = shipmentRegistered(shipment, 1);

        assertThatThrownBy(() -> registerShipment(shipment, event)
                .then(Mono.error(new IllegalStateException("rule refused after the event was written")))
                .as(work -> tenantTransactions.inCounty(WEN, () -> work)).block())
                .hasMessageContaining("rule refused");

        assertThat(tenantTransactions.inCounty(WEN, () -> database.sql("select count(*) from sample_shipment where id = :id")
                .bind("id", UUID.fromString(shipment)).map(row -> row.get(0, Long.class)).one()).block()).isZero();
        assertThat(count("select count(*) from outbox_event where event_id = '" + event.id() + "'")).isZero();
        // A later event that did commit: once it has arrived, the relay is past the point where the other would be.
        EventEnvelope later = shipmentRegistered(UUID.randomUUID().toString(), 1);
        tenantTransactions.inCounty(WEN, () -> outbox.append(TOPIC, later)).block();
        List<Received> received = TopicReader.read(TOPIC, 1, r -> r.value().contains(event.id()) || r.value().contains(later.id()));
        assertThat(received).extracting(Received::value).allMatch(value -> value.contains(later.id())).hasSize(1);
    }

    @Test
    void events_written_while_the_broker_is_down_are_published_in_order_once_it_is_back() {
        String shipment = UUID.randomUUID().toString();
        List<EventEnvelope> events = IntStream.rangeClosed(1, 3).mapToObj(n -> shipmentRegistered(shipment, n)).toList();

        SharedInfrastructure.kafka().stop();
        try {
            for (EventEnvelope event : events) {
                tenantTransactions.inCounty(WEN, () -> outbox.append(TOPIC, event)).block();
            }
            awaitFailedAttempt(events.get(0).id());
            assertThat(count("select count(*) from outbox_event where subject_check and sent_at is null"
                    .replace("subject_check", "aggregate_id = '" + shipment + "'"))).isEqualTo(3);
        } finally {
            SharedInfrastructure.kafka().restart();
        }

        List<Received> received = TopicReader.read(TOPIC, 3, r -> r.key() != null && r.key().endsWith(shipment));
        assertThat(received).extracting(r -> codec.read(r.value().getBytes()).id())
                .containsExactlyElementsOf(events.stream().map(EventEnvelope::id).toList());
    }

    @Test
    void of_several_relays_only_the_lease_holder_publishes_and_another_takes_over_when_its_lease_lapses() {
        List<String> shipments = IntStream.range(0, 10).mapToObj(i -> UUID.randomUUID().toString()).toList();
        relay.stop(); // hands its lease over: only the replicas below compete
        List<OutboxRelay> replicas = List.of(replica(), replica(), replica());
        try {
            tenantTransactions.inCounty(WEN, () -> Flux.range(1, 10)
                    .concatMap(sequence -> Flux.fromIterable(shipments)
                            .concatMap(shipment -> outbox.append(TOPIC, shipmentRegistered(shipment, sequence))))
                    .then()).block();
            List<AtomicInteger> published = List.of(new AtomicInteger(), new AtomicInteger(), new AtomicInteger());
            List<CompletableFuture<Void>> running = new ArrayList<>();
            for (int i = 0; i < replicas.size(); i++) {
                OutboxRelay replica = replicas.get(i);
                AtomicInteger count = published.get(i);
                running.add(CompletableFuture.runAsync(() -> {
                    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                    while (pendingRows() > 0 && System.nanoTime() < deadline) {
                        count.addAndGet(replica.relayOnce().block());
                    }
                }));
            }
            running.forEach(CompletableFuture::join);
            assertThat(published.stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(100);
            assertThat(published).filteredOn(count -> count.get() > 0).as("replicas that published").hasSize(1);
            String leader = holder();
            OutboxRelay follower = replicas.stream().filter(replica -> !replica.holder().equals(leader)).findFirst().orElseThrow();

            // The leader dies: its lease lapses (made to here rather than waited for), and a follower relays.
            EventEnvelope afterFailover = shipmentRegistered(shipments.get(0), 11);
            tenantTransactions.inCounty(WEN, () -> outbox.append(TOPIC, afterFailover)).block();
            assertThat(follower.relayOnce().block()).as("a follower while the lease holds").isZero();
            execute("update outbox_relay_lease set expires_at = now() - interval '1 second'");
            assertThat(follower.relayOnce().block()).isEqualTo(1);
            assertThat(holder()).isEqualTo(follower.holder());
        } finally {
            replicas.forEach(OutboxRelay::close);
            execute("delete from outbox_relay_lease");
            relay.start();
        }

        Set<String> ours = Set.copyOf(shipments);
        List<Received> received = TopicReader.read(TOPIC, 101, r -> r.key() != null && ours.contains(r.key().substring(7)));
        List<EventEnvelope> events = received.stream().map(r -> codec.read(r.value().getBytes())).toList();
        assertThat(events).hasSize(101);
        assertThat(events.stream().map(EventEnvelope::id).distinct()).hasSize(101);
        Map<String, List<Integer>> sequencesByShipment = events.stream().collect(Collectors.groupingBy(EventEnvelope::subject,
                Collectors.mapping(e -> e.data().get("sequence").asInt(), Collectors.toList())));
        assertThat(sequencesByShipment).hasSize(10);
        sequencesByShipment.forEach((shipment, sequences) -> assertThat(sequences)
                .startsWith(1, 2, 3, 4, 5, 6, 7, 8, 9, 10).hasSize(shipment.equals(shipments.get(0)) ? 11 : 10));
    }

    @Test
    void a_row_kafka_refuses_for_good_is_kept_as_dead_and_its_aggregates_later_events_go_on() {
        String shipment = UUID.randomUUID().toString();
        // Larger than the producer's max.request.size (1 MiB): refused before it leaves, whatever the broker's state.
        EventEnvelope tooLarge = EventEnvelope.create("/services/sample", "shipment.registered.v1", WEN, shipment,
                json.valueToTree(Map.of("product", "walnut", "sequence", 1, "notes", "x".repeat(1_200_000))));
        EventEnvelope next = shipmentRegistered(shipment, 2);

        tenantTransactions.inCounty(WEN, () -> outbox.append(TOPIC, tooLarge).then(outbox.append(TOPIC, next))).block();

        List<Received> received = TopicReader.read(TOPIC, 1, r -> r.key() != null && r.key().endsWith(shipment));
        assertThat(received).extracting(r -> codec.read(r.value().getBytes()).id()).containsExactly(next.id());
        assertThat(count("select count(*) from outbox_event where event_id = '" + tooLarge.id() + "' and dead_at is not null"
                + " and sent_at is null and last_error like 'RecordTooLargeException%'")).isEqualTo(1);
        assertThat(count("select count(*) from outbox_event where dead_at is null and sent_at is null and aggregate_id = '" + shipment + "'")).isZero();
    }

    @Test
    void retention_deletes_sent_rows_and_processed_ids_past_their_age_and_keeps_the_rest() {
        String old = UUID.randomUUID().toString();
        String recent = UUID.randomUUID().toString();
        EventEnvelope oldEvent = shipmentRegistered(old, 1);
        EventEnvelope recentEvent = shipmentRegistered(recent, 1);
        tenantTransactions.inCounty(WEN, () -> outbox.append(TOPIC, oldEvent).then(outbox.append(TOPIC, recentEvent))).block();
        TopicReader.read(TOPIC, 2, r -> r.key() != null && (r.key().endsWith(old) || r.key().endsWith(recent)));
        awaitSent(oldEvent.id());
        awaitSent(recentEvent.id());
        execute("update outbox_event set sent_at = now() - interval '8 days' where event_id = '" + oldEvent.id() + "'");
        UUID oldProcessed = UUID.randomUUID();
        UUID recentProcessed = UUID.randomUUID();
        execute("insert into processed_event (consumer, event_id, event_type, county_code, processed_at) values"
                + " ('retention-test', '" + oldProcessed + "', 't', '621222', now() - interval '15 days'),"
                + " ('retention-test', '" + recentProcessed + "', 't', '621222', now() - interval '13 days')");

        relay.stop();
        OutboxRelay holder = replica();
        try {
            holder.relayOnce().block(); // takes the lease: retention runs only on the holder
            assertThat(holder.retainOnce().block()).isGreaterThanOrEqualTo(2);
        } finally {
            holder.close();
            relay.start();
        }

        assertThat(count("select count(*) from outbox_event where event_id = '" + oldEvent.id() + "'")).isZero();
        assertThat(count("select count(*) from outbox_event where event_id = '" + recentEvent.id() + "'")).isEqualTo(1);
        assertThat(count("select count(*) from processed_event where event_id = '" + oldProcessed + "'")).isZero();
        assertThat(count("select count(*) from processed_event where event_id = '" + recentProcessed + "'")).isEqualTo(1);
    }

    @Test
    void an_event_can_only_be_appended_inside_a_transaction_for_its_county() {
        EventEnvelope event = shipmentRegistered(UUID.randomUUID().toString(), 1);

        assertThatThrownBy(() -> outbox.append(TOPIC, event).block()).isInstanceOf(TenantContext.MissingCountyException.class);
        assertThatThrownBy(() -> outbox.append(TOPIC, event).contextWrite(TenantContext.withCounty(WEN)).block())
                .as("a county in the context but no transaction").hasMessageContaining("needs the transaction of county 621222");
        assertThatThrownBy(() -> tenantTransactions.inCounty(CountyCode.of("621224"), () -> outbox.append(TOPIC, event)).block())
                .hasMessageContaining("appended in a transaction for county 621224");
        assertThat(count("select count(*) from outbox_event where event_id = '" + event.id() + "'")).isZero();
    }

    @Test
    void a_batch_appended_in_one_statement_is_published_in_its_order_per_aggregate() {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        List<EventEnvelope> batch = List.of(shipmentRegistered(first, 1), shipmentRegistered(second, 1), shipmentRegistered(first, 2),
                shipmentRegistered(second, 2), shipmentRegistered(first, 3));

        tenantTransactions.inCounty(WEN, () -> outbox.appendAll(TOPIC, batch)).block();

        Set<String> ids = batch.stream().map(EventEnvelope::id).collect(Collectors.toSet());
        List<Received> received = TopicReader.read(TOPIC, 5, r -> ids.stream().anyMatch(id -> r.value().contains(id)));
        assertThat(received).hasSize(5);
        assertThat(received.stream().filter(r -> r.key().endsWith(first)).map(r -> codec.read(r.value().getBytes()).id()))
                .containsExactly(batch.get(0).id(), batch.get(2).id(), batch.get(4).id());
        assertThat(received.stream().filter(r -> r.key().endsWith(second)).map(r -> codec.read(r.value().getBytes()).id()))
                .containsExactly(batch.get(1).id(), batch.get(3).id());
    }

    @Test
    void a_batch_is_refused_outside_its_countys_transaction_and_nothing_of_it_is_written() {
        List<EventEnvelope> batch = List.of(shipmentRegistered(UUID.randomUUID().toString(), 1),
                shipmentRegistered(UUID.randomUUID().toString(), 1));

        assertThatThrownBy(() -> outbox.appendAll(TOPIC, batch).contextWrite(TenantContext.withCounty(WEN)).block())
                .hasMessageContaining("needs the transaction of county 621222");
        assertThatThrownBy(() -> tenantTransactions.inCounty(CountyCode.of("621224"), () -> outbox.appendAll(TOPIC, batch)).block())
                .hasMessageContaining("Events of another county");
        assertThat(count("select count(*) from outbox_event where event_id in ('" + batch.get(0).id() + "', '" + batch.get(1).id() + "')")).isZero();
    }

    @Test
    void while_kafka_keeps_a_send_waiting_no_transaction_is_open() throws Exception {
        String shipment = UUID.randomUUID().toString();
        EventEnvelope event = shipmentRegistered(shipment, 1);
        relay.stop();
        OutboxRelay waiting = replica();
        SharedInfrastructure.kafka().stop();
        CompletableFuture<Integer> cycle;
        try {
            tenantTransactions.inCounty(WEN, () -> outbox.append(TOPIC, event)).block();
            cycle = waiting.relayOnce().toFuture();
            // The producer waits up to 5 s for the broker's metadata: look while it does.
            sleep(1500);
            assertThat(cycle).as("the send is still waiting for Kafka").isNotDone();
            // A transaction held open across the send would show here (the same role sees its own sessions).
            assertThat(count("select count(*) from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'"))
                    .as("sessions idle in a transaction while the relay waits for Kafka").isZero();
        } finally {
            SharedInfrastructure.kafka().restart();
        }
        try {
            // Kafka may be back before the waiting send gives up: it is then sent in that cycle, else in a later one.
            cycle.get(30, java.util.concurrent.TimeUnit.SECONDS);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (count("select count(*) from outbox_event where sent_at is null and event_id = '" + event.id() + "'") > 0
                    && System.nanoTime() < deadline) {
                waiting.relayOnce().block();
                sleep(200);
            }
        } finally {
            waiting.close();
            relay.start();
        }
        List<Received> received = TopicReader.read(TOPIC, 1, r -> r.key() != null && r.key().endsWith(shipment));
        assertThat(received).extracting(r -> codec.read(r.value().getBytes()).id()).containsExactly(event.id());
    }

    private OutboxRelay replica() {
        return new OutboxRelay(database, kafkaClients.reliableProducer("outbox-it"), properties, new SimpleMeterRegistry());
    }

    private String holder() {
        return database.sql("select holder from outbox_relay_lease").map(row -> row.get(0, String.class)).one().block();
    }

    private void awaitSent(String eventId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (count("select count(*) from outbox_event where sent_at is not null and event_id = '" + eventId + "'") == 0) {
            assertThat(System.nanoTime()).as("event %s sent", eventId).isLessThan(deadline);
            sleep(100);
        }
    }

    private Mono<Void> registerShipment(String shipment, EventEnvelope event) {
        return tenantTransactions.inCounty(WEN, () -> database
                .sql("insert into sample_shipment (id, county_code, product) values (:id, :county, 'walnut')")
                .bind("id", UUID.fromString(shipment)).bind("county", WEN.value())
                .fetch().rowsUpdated()
                .then(outbox.append(TOPIC, event)));
    }

    private EventEnvelope shipmentRegistered(String shipment, int sequence) {
        return EventEnvelope.create("/services/sample", "shipment.registered.v1", WEN, shipment,
                json.valueToTree(Map.of("product", "walnut", "sequence", sequence)));
    }

    private void awaitFailedAttempt(String eventId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (count("select count(*) from outbox_event where attempts > 0 and sent_at is null and event_id = '" + eventId + "'") == 0) {
            assertThat(System.nanoTime()).as("relay attempted while the broker was down").isLessThan(deadline);
            sleep(200);
        }
    }

    private long pendingRows() {
        return count("select count(*) from outbox_event where sent_at is null and dead_at is null");
    }

    private void execute(String sql) {
        database.sql(sql).fetch().rowsUpdated().block();
    }

    private long count(String sql) {
        return database.sql(sql).map(row -> row.get(0, Long.class)).one().defaultIfEmpty(0L).block();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
