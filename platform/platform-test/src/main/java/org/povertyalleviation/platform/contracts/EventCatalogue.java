package org.povertyalleviation.platform.contracts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

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
