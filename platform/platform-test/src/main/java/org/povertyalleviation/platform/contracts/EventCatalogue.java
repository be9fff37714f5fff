package org.povertyalleviation.platform.contracts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

/**
 * The event catalogue (docs/events/) as producers' tests use it: what an emitted event breaks of the envelope schema
 * and of its type's data schema. Found from the module's directory upwards, so every module's tests find it.
 */
public final class EventCatalogue {

    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventCatalogue() {
    }

    /** Everything wrong with the envelope and with its data against {@code <type>.schema.json}; empty when valid. */
    public static Set<String> schemaErrors(String type, String envelope) {
        JsonNode node = parse(envelope);
        Set<String> errors = envelopeErrors(node);
        Path schema = file(type + ".schema.json");
        if (!Files.isRegularFile(schema)) {
            errors.add("no schema " + schema + " in the catalogue");
            return errors;
        }
        SCHEMAS.getSchema(schema.toUri()).validate(node.get("data")).forEach(error -> errors.add("data: " + error));
        return errors;
    }

    /** The catalogue's example envelope of a type ({@code <type>.example.json}), for consumers' and producers' tests. */
    public static String example(String type) {
        Path example = file(type + ".example.json");
        try {
            return Files.readString(example);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("no example " + example + " in the catalogue", e);
        }
    }

    /** One row of the catalogue's table (docs/events/README.md): a type, the service that produces it, its topic. */
    public record Entry(String type, String producer, String topic) {
    }

    /**
     * The catalogue's table, in its order: the one list of who produces what, which the consumers' producer check
     * (platform-web's producers.properties) and the Kafka users' ACLs (k8s/kafka/users.yaml) are checked against.
     */
    public static List<Entry> entries() {
        Path readme = directory().resolve("README.md");
        List<Entry> entries = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(readme)) {
                Matcher row = TABLE_ROW.matcher(line);
                if (row.find()) {
                    entries.add(new Entry(row.group(1), row.group(2), row.group(3)));
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (entries.isEmpty()) {
            throw new IllegalStateException(readme + " has no table of types, producers and topics");
        }
        return entries;
    }

    /** The producer of a type in the catalogue's table, if it has one. */
    public static Optional<String> producer(String type) {
        return entries().stream().filter(entry -> entry.type().equals(type)).map(Entry::producer).findFirst();
    }

    private static final Pattern TABLE_ROW = Pattern.compile("^\\| `([^`]+)` \\| ([a-z0-9-]+) \\| `([^`]+)` \\|");

    /** Whether the catalogue has a schema for the type. */
    public static boolean declares(String type) {
        return Files.isRegularFile(file(type + ".schema.json"));
    }

    /** Everything wrong with the envelope alone (the CloudEvents envelope with the county extension). */
    public static Set<String> envelopeErrors(String envelope) {
        return envelopeErrors(parse(envelope));
    }

    private static Set<String> envelopeErrors(JsonNode node) {
        Set<String> errors = new LinkedHashSet<>();
        SCHEMAS.getSchema(directory().resolve("envelope.schema.json").toUri()).validate(node).forEach(error -> errors.add(error.toString()));
        return errors;
    }

    /**
     * A type's file: the module's own {@code events/} first (the service template keeps its example contract there, out
     * of the partners' catalogue), then docs/events.
     */
    private static Path file(String name) {
        Path own = Path.of("events").resolve(name).toAbsolutePath();
        return Files.isRegularFile(own) ? own : directory().resolve(name);
    }

    /** The catalogue's directory: docs/events of the repository the tests run in. */
    public static Path directory() {
        return org.povertyalleviation.platform.infra.Directories.repositoryFile("docs/events/envelope.schema.json").getParent();
    }

    private static JsonNode parse(String envelope) {
        try {
            return JSON.readTree(envelope);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON: " + envelope, e);
        }
    }
}
