package org.povertyalleviation.platform.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A service's OpenAPI document as partners receive it: read from the running service, checked for what a generated
 * client needs (the security schemes, the problem answers of every operation, a schema for every body, and for every
 * JSON request body its fields' constraints and an example: see {@link #requestBodyProblems}), and written to
 * {@code target/openapi/<service>.json}, where the contracts module parses it strictly and generates a client from it.
 */
public final class ApiDocuments {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> BODY_METHODS = Set.of("post", "put", "patch");
    private static final String SCHEMAS = "#/components/schemas/";

    private ApiDocuments() {
    }

    /** @return the document, after the checks; written to target/openapi/{service}.json (before them, to be read when they fail) */
    public static JsonNode checkAndKeep(WebTestClient web, String service) {
        String body = web.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        JsonNode document = JSON.readTree(body);
        try {
            Path kept = Path.of("target", "openapi", service + ".json");
            Files.createDirectories(kept.getParent());
            Files.writeString(kept, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(document.path("openapi").asString()).startsWith("3.1");
        JsonNode schemes = document.path("components").path("securitySchemes");
        assertThat(schemes.path("bearer").path("scheme").asString()).isEqualTo("bearer");
        assertThat(schemes.path("keycloak").path("flows").path("clientCredentials").path("tokenUrl").asString())
                .endsWith("/protocol/openid-connect/token");
        assertThat(document.path("components").path("schemas").has("Problem")).isTrue();
        List<String> missing = new ArrayList<>();
        int operations = 0;
        for (var path : document.path("paths").properties()) {
            for (var operation : path.getValue().properties()) {
                String method = operation.getKey();
                if (!Set.of("get", "post", "put", "patch", "delete").contains(method)) {
                    continue;
                }
                operations++;
                String name = method.toUpperCase() + " " + path.getKey();
                JsonNode responses = operation.getValue().path("responses");
                for (String status : List.of("400", "401", "403")) {
                    if (!responses.path(status).path("content").has("application/problem+json")) {
                        missing.add(name + " has no " + status + " problem answer");
                    }
                }
                JsonNode request = operation.getValue().path("requestBody");
                if (BODY_METHODS.contains(method) && !request.isMissingNode()
                        && request.path("content").properties().stream().anyMatch(content -> content.getValue().path("schema").isMissingNode())) {
                    missing.add(name + " has a body without a schema");
                }
            }
        }
        missing.addAll(requestBodyProblems(document));
        assertThat(operations).as("operations in " + service + "'s document").isPositive();
        assertThat(missing).as(service + "'s document").isEmpty();
        return document;
    }

    /**
     * What a client generated from the document would not know about the JSON request bodies of its POST, PUT and PATCH
     * operations, each naming the operation and the field. Followed from the body's schema through {@code $ref}s into
     * {@code components/schemas}, {@code allOf} and array items, to every nested object:
     * <ul>
     *   <li>an object with properties says which are required: a {@code required} list, or, when the service requires
     *       none of them, a {@code default} on each (what the service takes when the field is left out);</li>
     *   <li>every property has a {@code description} (on the property, or on the schema a {@code $ref} names);</li>
     *   <li>the body has an example: an {@code example} or {@code examples} on the media type, or on the schema, or on
     *       each of its properties (an object property may instead have examples on each of its own).</li>
     * </ul>
     * Constraints themselves (pattern, lengths, bounds, enums) cannot be told apart from their absence here: the service's
     * own ApiDocumentIT sends a violation of each to show that the documented ones are the enforced ones
     * ({@link DocumentedConstraints}).
     */
    public static List<String> requestBodyProblems(JsonNode document) {
        List<String> problems = new ArrayList<>();
        for (var path : document.path("paths").properties()) {
            for (var operation : path.getValue().properties()) {
                if (!BODY_METHODS.contains(operation.getKey())) {
                    continue;
                }
                String name = operation.getKey().toUpperCase() + " " + path.getKey();
                JsonNode request = resolve(document, operation.getValue().path("requestBody"));
                for (var content : request.path("content").properties()) {
                    if (!content.getKey().contains("json") || content.getValue().path("schema").isMissingNode()) {
                        continue;
                    }
                    JsonNode media = content.getValue();
                    JsonNode schema = media.path("schema");
                    new BodyWalk(document, name, problems).object(schema, "", new HashSet<>());
                    if (!hasExample(media)) {
                        List<String> gaps = new ArrayList<>();
                        exampleGaps(document, schema, "", new HashSet<>(), gaps);
                        if (!gaps.isEmpty()) {
                            problems.add(name + ": the body has no example (none on the media type or the schema, and none on "
                                    + String.join(", ", gaps) + ")");
                        }
                    }
                }
            }
        }
        return problems;
    }

    private record BodyWalk(JsonNode document, String operation, List<String> problems) {

        void object(JsonNode schema, String at, Set<String> visiting) {
            String ref = schema.path("$ref").asString("");
            if (!ref.isEmpty() && !visiting.add(ref)) {
                return;
            }
            JsonNode resolved = flatten(document, schema);
            if (resolved.has("items")) {
                object(resolved.path("items"), at + "[]", visiting);
            }
            JsonNode properties = resolved.path("properties");
            if (properties.isObject() && !properties.isEmpty()) {
                if (!resolved.has("required")) {
                    List<String> undefaulted = properties.properties().stream()
                            .filter(property -> !flatten(document, property.getValue()).has("default"))
                            .map(property -> field(at, property.getKey())).toList();
                    if (!undefaulted.isEmpty()) {
                        problems.add(operation + ": " + (at.isEmpty() ? "the body" : "field " + at) + schemaName(schema)
                                + " has no required list: name the fields the service requires, or give each optional one"
                                + " a default (missing on " + String.join(", ", undefaulted) + ")");
                    }
                }
                for (var property : properties.properties()) {
                    String field = field(at, property.getKey());
                    if (!hasText(property.getValue(), "description") && !hasText(flatten(document, property.getValue()), "description")) {
                        problems.add(operation + ": field " + field + " has no description");
                    }
                    object(property.getValue(), field, visiting);
                }
            }
            if (!ref.isEmpty()) {
                visiting.remove(ref);
            }
        }
    }

    private static void exampleGaps(JsonNode document, JsonNode schema, String at, Set<String> visiting, List<String> gaps) {
        if (hasExample(schema)) {
            return;
        }
        String ref = schema.path("$ref").asString("");
        if (!ref.isEmpty() && !visiting.add(ref)) {
            return;
        }
        JsonNode resolved = flatten(document, schema);
        JsonNode properties = resolved.path("properties");
        if (hasExample(resolved)) {
            // an example on the schema a $ref names
        } else if (properties.isObject() && !properties.isEmpty()) {
            for (var property : properties.properties()) {
                exampleGaps(document, property.getValue(), field(at, property.getKey()), visiting, gaps);
            }
        } else if (resolved.has("items") && flatten(document, resolved.path("items")).path("properties").isObject()) {
            exampleGaps(document, resolved.path("items"), at + "[]", visiting, gaps);
        } else if (resolved.has("items") && hasExample(flatten(document, resolved.path("items")))) {
            // an array of examples of its items
        } else {
            gaps.add(at.isEmpty() ? "the body's schema" : at);
        }
        if (!ref.isEmpty()) {
            visiting.remove(ref);
        }
    }

    /** The schema itself: a {@code $ref} followed, its {@code allOf} parts merged (properties, required, the rest first wins). */
    static JsonNode flatten(JsonNode document, JsonNode schema) {
        JsonNode resolved = resolve(document, schema);
        if (!resolved.has("allOf") && resolved == schema) {
            return resolved;
        }
        ObjectNode merged = JSON.createObjectNode();
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        Set<String> required = new LinkedHashSet<>();
        boolean anyRequired = false;
        List<JsonNode> parts = new ArrayList<>();
        parts.add(schema);
        parts.add(resolved);
        resolved.path("allOf").forEach(part -> parts.add(flatten(document, part)));
        for (JsonNode part : parts) {
            for (var entry : part.properties()) {
                switch (entry.getKey()) {
                    case "$ref", "allOf" -> { }
                    case "properties" -> entry.getValue().properties().forEach(p -> properties.putIfAbsent(p.getKey(), p.getValue()));
                    case "required" -> entry.getValue().forEach(r -> required.add(r.asString()));
                    default -> {
                        if (!merged.has(entry.getKey())) {
                            merged.set(entry.getKey(), entry.getValue());
                        }
                    }
                }
            }
            anyRequired |= part.has("required");
        }
        if (!properties.isEmpty()) {
            ObjectNode props = merged.putObject("properties");
            properties.forEach(props::set);
        }
        if (anyRequired) {
            ArrayNode list = merged.putArray("required");
            required.forEach(list::add);
        }
        return merged;
    }

    /** A {@code $ref} into the document followed (to its end), or the node itself. */
    static JsonNode resolve(JsonNode document, JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; hops < 20 && current.has("$ref"); hops++) {
            String ref = current.path("$ref").asString("");
            if (!ref.startsWith("#/")) {
                return current;
            }
            JsonNode target = document;
            for (String segment : ref.substring(2).split("/")) {
                target = target.path(segment.replace("~1", "/").replace("~0", "~"));
            }
            if (target.isMissingNode()) {
                return current;
            }
            current = target;
        }
        return current;
    }

    private static String schemaName(JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        return ref.startsWith(SCHEMAS) ? " (" + ref.substring(SCHEMAS.length()) + ")" : "";
    }

    private static boolean hasExample(JsonNode node) {
        return node.has("example") && !node.path("example").isNull()
                || node.path("examples").isArray() && !node.path("examples").isEmpty()
                || node.path("examples").isObject() && !node.path("examples").isEmpty();
    }

    private static boolean hasText(JsonNode node, String field) {
        return !node.path(field).asString("").isBlank();
    }

    private static String field(String at, String property) {
        return at.isEmpty() ? property : at + "." + property;
    }
}
