package org.povertyalleviation.householdregistry;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.povertyalleviation.platform.contracts.EventCatalogue;
import org.povertyalleviation.platform.contracts.TopicReader;

/** What the service published to Kafka, and whether it matches the event catalogue (docs/events/). */
public final class Events {

    private Events() {
    }

    /** The events on a topic that match, read until {@code expected} arrived (and a little longer, to see duplicates). */
    public static List<String> read(String topic, Predicate<String> matching, int expected) {
        return TopicReader.read(topic, expected, received -> matching.test(received.value())).stream()
                .map(TopicReader.Received::value).toList();
    }

    /** Everything on the topic that matches now (read for a few seconds): to prove that something was not published. */
    public static List<String> present(String topic, Predicate<String> matching) {
        return TopicReader.readPresent(topic, received -> matching.test(received.value())).stream().map(TopicReader.Received::value).toList();
    }

    /** Events of a type about one subject (a household id). */
    public static List<String> about(String topic, String type, String subject, int expected) {
        return read(topic, value -> value.contains("\"type\":\"" + type + "\"") && value.contains("\"subject\":\"" + subject + "\""), expected);
    }

    public static Set<String> schemaErrors(String type, String envelope) {
        return EventCatalogue.schemaErrors(type, envelope);
    }
}
