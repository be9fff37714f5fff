package org.povertyalleviation.platform.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.events.EventCodec;
import org.povertyalleviation.platform.events.EventEnvelope;
import org.povertyalleviation.platform.events.EventType;
import org.povertyalleviation.platform.events.PublishedEvent;
import org.povertyalleviation.platform.outbox.Outbox;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The producer's side of every event contract a service owns, for each {@link PublishedEvent} record under the
 * service's root package (a service's {@code EventsTest} there extends this, nothing more): the catalogue (docs/events)
 * has the type's schema and example; the example's data read into the record and written back as the outbox writes it
 * is valid against the schema and loses nothing. A record that misses a field of the contract, names one differently
 * or writes it in another shape fails here, before any consumer sees it.
 */
public abstract class ServiceEventsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String root = getClass().getPackageName();

    /** The service's event records, found in its main code. */
    protected List<Class<?>> eventRecords() {
        List<Class<?>> records = new java.util.ArrayList<>();
        for (JavaClass imported : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(root)) {
            if (imported.isAssignableTo(PublishedEvent.class) && !imported.isInterface()) {
                records.add(imported.reflect());
            }
        }
        records.sort(Comparator.comparing(Class::getName));
        return records;
    }

    @Test
    protected void the_service_declares_its_events_as_typed_records() {
        assertThat(eventRecords()).as("PublishedEvent records under " + root).isNotEmpty().allSatisfy(record -> {
            assertThat(record.isRecord()).as(record.getName() + " is a record").isTrue();
            assertThat(record.getAnnotation(EventType.class)).as(record.getName() + " names its @EventType").isNotNull();
        });
    }

    @Test
    protected void every_event_type_is_in_the_catalogue_with_a_schema_and_an_example() {
        for (Class<?> record : eventRecords()) {
            String type = record.getAnnotation(EventType.class).value();
            assertThat(EventCatalogue.declares(type)).as("docs/events/" + type + ".schema.json for " + record.getName()).isTrue();
            assertThat(EventCatalogue.example(type)).as("docs/events/" + type + ".example.json").isNotBlank();
        }
    }

    @Test
    protected void every_event_written_from_its_example_matches_its_schema_and_loses_nothing() {
        EventCodec codec = new EventCodec(JSON);
        Outbox writer = new Outbox(null, codec, "/services/" + root.substring(root.lastIndexOf('.') + 1));
        for (Class<?> record : eventRecords()) {
            String type = record.getAnnotation(EventType.class).value();
            JsonNode example = JSON.readTree(EventCatalogue.example(type));
            PublishedEvent event = (PublishedEvent) JSON.treeToValue(example.get("data"), record);
            EventEnvelope envelope = writer.envelope(event);
            String written = codec.write(envelope);

            assertThat(EventCatalogue.schemaErrors(type, written)).as(type + " written by " + record.getSimpleName()).isEmpty();
            assertThat(envelope.type()).isEqualTo(type);
            assertThat(envelope.subject()).as(type + "'s subject").isEqualTo(example.get("subject").asString());
            assertThat(JSON.readTree(written).get("data")).as(type + "'s data, read from the example and written again")
                    .isEqualTo(JSON.readTree(JSON.writeValueAsString(example.get("data"))));
        }
    }
}
