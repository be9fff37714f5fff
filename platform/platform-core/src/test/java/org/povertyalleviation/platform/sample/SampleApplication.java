package org.povertyalleviation.platform.sample;

import java.util.function.Consumer;

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
}

@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class SampleConsumers {

    /** Counts the events it was handed; an event whose data says {@code "fail": true} always fails. */
    @Bean
    Consumer<Message<byte[]>> sampleTally(EventListeners listeners, DatabaseClient database) {
        return listeners.idempotent("sample-tally", event -> event.data().path("fail").asBoolean(false)
                ? Mono.error(new IllegalStateException("this sample event always fails"))
                : database.sql("insert into sample_tally (event_id, event_county) values (:id, :county)")
                        .bind("id", event.id()).bind("county", event.county())
                        .fetch().rowsUpdated().then());
    }
}
