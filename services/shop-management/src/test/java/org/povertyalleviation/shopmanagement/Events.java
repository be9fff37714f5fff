package org.povertyalleviation.shopmanagement;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.povertyalleviation.platform.contracts.EventCatalogue;
import org.povertyalleviation.platform.contracts.TopicReader;

/** What the service published on shop.events, and whether it matches the event catalogue (docs/events/). */
public final class Events {

    public static final String TOPIC = "shop.events";

    private Events() {
    }

    /** Events of a type whose JSON contains every fragment, read until {@code expected} arrived (and a little longer). */
    public static List<String> read(String type, int expected, String... fragments) {
        return TopicReader.read(TOPIC, expected, received -> matches(received.value(), type, fragments)).stream()
                .map(TopicReader.Received::value).toList();
    }

    /** Everything of the type on the topic that matches now: to prove that something was not published. */
    public static List<String> present(String type, String... fragments) {
        return TopicReader.readPresent(TOPIC, received -> matches(received.value(), type, fragments)).stream()
                .map(TopicReader.Received::value).toList();
    }

    public static Set<String> schemaErrors(String type, String envelope) {
        return EventCatalogue.schemaErrors(type, envelope);
    }

    private static boolean matches(String value, String type, String... fragments) {
        Predicate<String> all = v -> v.contains("\"type\":\"" + type + "\"");
        for (String fragment : fragments) {
            all = all.and(v -> v.contains(fragment));
        }
        return all.test(value);
    }
}
