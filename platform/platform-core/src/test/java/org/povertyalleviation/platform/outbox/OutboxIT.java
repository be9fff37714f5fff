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
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
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
    StreamBridge bridge;
    @Autowired
    ReactiveTransactionManager transactionManager;
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
    void several_relays_running_at_once_send_every_event_once_and_in_order_per_aggregate() {
        List<String> shipments = IntStream.range(0, 10).mapToObj(i -> UUID.randomUUID().toString()).toList();
        relay.stop(); // only the replicas below publish, so that they really compete
        try {
            tenantTransactions.inCounty(WEN, () -> Flux.range(1, 10)
                    .concatMap(sequence -> Flux.fromIterable(shipments)
                            .concatMap(shipment -> outbox.append(TOPIC, shipmentRegistered(shipment, sequence))))
                    .then()).block();
            List<OutboxRelay> replicas = List.of(replica(), replica(), replica());
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
            assertThat(published).filteredOn(count -> count.get() > 0).as("replicas that published").hasSizeGreaterThan(1);
        } finally {
            relay.start();
        }

        Set<String> ours = Set.copyOf(shipments);
        List<Received> received = TopicReader.read(TOPIC, 100, r -> r.key() != null && ours.contains(r.key().substring(7)));
        List<EventEnvelope> events = received.stream().map(r -> codec.read(r.value().getBytes())).toList();
        assertThat(events).hasSize(100);
        assertThat(events.stream().map(EventEnvelope::id).distinct()).hasSize(100);
        Map<String, List<Integer>> sequencesByShipment = events.stream().collect(Collectors.groupingBy(EventEnvelope::subject,
                Collectors.mapping(e -> e.data().get("sequence").asInt(), Collectors.toList())));
        assertThat(sequencesByShipment).hasSize(10);
        sequencesByShipment.values().forEach(sequences -> assertThat(sequences).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
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
    void while_kafka_keeps_a_send_waiting_the_claimed_row_is_leased_and_no_transaction_is_open() throws Exception {
        String shipment = UUID.randomUUID().toString();
        EventEnvelope event = shipmentRegistered(shipment, 1);
        relay.stop();
        SharedInfrastructure.kafka().stop();
        CompletableFuture<Integer> cycle;
        try {
            tenantTransactions.inCounty(WEN, () -> outbox.append(TOPIC, event)).block();
            cycle = replica().relayOnce().toFuture();
            // The producer waits up to 5 s for the broker's metadata: look while it does.
            boolean leased = false;
            long deadline = System.nanoTime() + Duration.ofSeconds(4).toNanos();
            while (!leased && System.nanoTime() < deadline) {
                sleep(100);
                leased = count("select count(*) from outbox_event where aggregate_id = '" + shipment + "' and sent_at is null"
                        + " and next_attempt_at > now() + interval '30 seconds'") == 1;
            }
            assertThat(leased).as("the row is leased to the relay sending it").isTrue();
            assertThat(cycle).as("the send is still waiting for Kafka").isNotDone();
            // A transaction held open across the send would show here (the same role sees its own sessions).
            assertThat(count("select count(*) from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'"))
                    .as("sessions idle in a transaction while the relay waits for Kafka").isZero();
        } finally {
            SharedInfrastructure.kafka().restart();
            relay.start();
        }
        // Kafka may be back before the waiting send gives up: it is then sent in that cycle, else in a later one.
        cycle.get(30, java.util.concurrent.TimeUnit.SECONDS);
        List<Received> received = TopicReader.read(TOPIC, 1, r -> r.key() != null && r.key().endsWith(shipment));
        assertThat(received).extracting(r -> codec.read(r.value().getBytes()).id()).containsExactly(event.id());
    }

    private OutboxRelay replica() {
        return new OutboxRelay(database, TransactionalOperator.create(transactionManager), bridge, properties, new SimpleMeterRegistry());
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
        return count("select count(*) from outbox_event where sent_at is null");
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
