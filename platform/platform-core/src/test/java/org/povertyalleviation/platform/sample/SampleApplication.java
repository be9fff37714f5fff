package org.povertyalleviation.platform.sample;

import java.util.function.Consumer;

import org.povertyalleviation.platform.access.AccessRule;
import org.povertyalleviation.platform.access.AccessTable;
import org.povertyalleviation.platform.consuming.EventListeners;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * A tiny service used only by platform-core's tests: it has a table, an endpoint and a consumer, like a real
 * service, so the shared parts are tested the way services use them. The consumer lives in its own
 * configuration class so that web slice tests, which skip it, need no database.
 */
@SpringBootApplication
public class SampleApplication {

    static final String[] EVERY_ROLE = AccessRule.ROLES.toArray(String[]::new);
    static final String[] WRITERS = {AccessRule.OPERATOR, AccessRule.ADMIN, AccessRule.CLERK, AccessRule.CADRE, AccessRule.PARTNER};

    /** Its access table: what the sample's endpoints let in (the deliberately broken ones too, so the kit sees their leaks). */
    @Bean
    AccessTable sampleAccess() {
        return AccessTable.of(
                AccessRule.read("POST /samples", "validates a shipment and echoes it (stores nothing)", EVERY_ROLE),
                AccessRule.read("GET /samples/diagnostics", "the request's log context", EVERY_ROLE),
                AccessRule.read("GET /samples/search", "validates a limit", EVERY_ROLE),
                AccessRule.read("GET /samples/{id}", "answers the problem its id names", EVERY_ROLE),
                AccessRule.read("GET /samples/sleep", "sleeps in the database under a statement timeout of its own", EVERY_ROLE),
                AccessRule.read("GET /counties/{county}/shipments", "the county's shipments", EVERY_ROLE),
                AccessRule.read("GET /counties/{county}/shipments/{id}", "one shipment", EVERY_ROLE),
                AccessRule.write("PUT /counties/{county}/shipments/{id}", "changes its product", WRITERS),
                AccessRule.write("DELETE /counties/{county}/shipments/{id}", "deletes it", WRITERS),
                // Its row lets everyone in for every county (a deliberately wrong row): the isolation kit must still catch it.
                AccessRule.read("GET /broken/by-county/{code}/shipments/{id}", "broken: reads without the county", EVERY_ROLE),
                AccessRule.read("GET /broken/all-shipments", "broken: lists every county's", EVERY_ROLE),
                AccessRule.write("PUT /broken/shipments/{id}", "broken: writes without the county", WRITERS));
    }
}

@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class SampleConsumers {

    /**
     * Counts the events it was handed; an event whose data says {@code "fail": true} always fails, one that says
     * {@code "failUntilFixed": true} fails until sample_fix names it (a bug fixed, for the replay of dead letters), one
     * that says {@code "slow": true} always runs past its transaction's statement timeout (an effect too big to finish).
     */
    @Bean
    Consumer<Message<byte[]>> sampleTally(EventListeners listeners, DatabaseClient database) {
        return listeners.idempotent("sample-tally", event -> event.data().path("fail").asBoolean(false)
                ? Mono.error(new IllegalStateException("this sample event always fails"))
                : event.data().path("slow").asBoolean(false)
                ? database.sql("set local statement_timeout = '100ms'").then()
                        .then(database.sql("select pg_sleep(2)").fetch().rowsUpdated()).then()
                : fixed(database, event).flatMap(fixed -> fixed ? database.sql("insert into sample_tally (event_id, event_county) values (:id, :county)")
                        .bind("id", event.id()).bind("county", event.county())
                        .fetch().rowsUpdated().then() : Mono.error(new IllegalStateException("this sample event fails until it is fixed"))));
    }

    private static Mono<Boolean> fixed(DatabaseClient database, org.povertyalleviation.platform.events.EventEnvelope event) {
        if (!event.data().path("failUntilFixed").asBoolean(false)) {
            return Mono.just(true);
        }
        return database.sql("select count(*) from sample_fix where event_id = :id").bind("id", event.id())
                .map(row -> row.get(0, Long.class) > 0).one();
    }

    /** The same as a batch consumer: a poll's events in one statement; one that says {@code "fail": true} fails them all. */
    @Bean
    Consumer<Message<java.util.List<byte[]>>> sampleBatchTally(EventListeners listeners, DatabaseClient database) {
        return listeners.idempotentBatch("sample-batch-tally", events -> events.stream().anyMatch(event -> event.data().path("fail").asBoolean(false))
                ? Mono.error(new IllegalStateException("this sample event always fails"))
                : database.sql("insert into sample_tally (event_id, event_county) select unnest(:ids::text[]), :county")
                        .bind("ids", events.stream().map(org.povertyalleviation.platform.events.EventEnvelope::id).toArray(String[]::new))
                        .bind("county", events.get(0).county())
                        .fetch().rowsUpdated().then());
    }
}
