package org.povertyalleviation.platform.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The producer of each event type of the catalogue, and the check that an event read for a consumer comes from it.
 *
 * <p>The envelope's {@code source} is written by whoever sends the record, so a consumer that believed it would let
 * any client allowed to write to a topic speak for the service that owns the type (an income event "from" the shop
 * management written by something else). Kafka's ACLs (k8s/kafka/users.yaml) let only the producer write its topics;
 * this is the same rule checked again where the event is used, so that a client let through by a mistaken ACL, or a
 * replay of a foreign record, still cannot put words in a producer's mouth.
 *
 * <p>A type the table does not know passes: no consumer of this build handles it (each consumer acts on the types it
 * names, all in the catalogue), and a type added by a newer producer must not dead-letter in an older consumer.
 */
public final class Producers {

    /** The catalogue's types and their producers (docs/events/README.md; ProducersTest keeps the two in step). */
    public static final Producers CATALOGUE = load("producers.properties");

    private final Map<String, String> producers;

    Producers(Map<String, String> producers) {
        this.producers = Map.copyOf(producers);
    }

    /** The service that produces the type, if the catalogue declares it. */
    public Optional<String> producerOf(String type) {
        return Optional.ofNullable(producers.get(type));
    }

    /** Type → producing service, sorted by type. */
    public Map<String, String> asMap() {
        return new TreeMap<>(producers);
    }

    /** @throws MalformedEventException when the event's type is declared and its source is not that type's producer */
    public void check(EventEnvelope event) {
        String producer = producers.get(event.type());
        if (producer != null && !event.source().equals(source(producer))) {
            throw new MalformedEventException(event.type() + " " + event.id() + " claims to come from " + event.source()
                    + ", but only " + source(producer) + " produces " + event.type(), null);
        }
    }

    /** The envelope source of a service's events (the outbox's, {@code /services/<application name>}). */
    public static String source(String service) {
        return "/services/" + service;
    }

    private static Producers load(String resource) {
        try (InputStream in = Producers.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no " + resource + " beside " + Producers.class.getName());
            }
            Properties properties = new Properties();
            properties.load(in);
            Map<String, String> producers = new TreeMap<>();
            properties.stringPropertyNames().forEach(type -> producers.put(type, properties.getProperty(type).strip()));
            return new Producers(producers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
