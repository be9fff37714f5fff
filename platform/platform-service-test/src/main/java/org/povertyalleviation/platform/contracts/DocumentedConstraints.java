package org.povertyalleviation.platform.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The constraints a service's OpenAPI document states for one JSON request body, turned into requests: the body's
 * example, and for each documented constraint (a required field, a pattern, a length, a bound, an enum, a format, a
 * least number of items) the example with that one field broken. A service's ApiDocumentIT sends them as an
 * authorised caller of the home county and expects a 400 naming the field for each ({@link #assertEnforced}): what the
 * document says is what the service enforces. Fields are named as the problem answers name them:
 * {@code head.residentId}, {@code members[0].name}.
 */
public final class DocumentedConstraints {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Tried in turn for a value that breaks a pattern. */
    private static final List<String> NOT_MATCHING = List.of("x", "0", "-", "", " x ", "x,y", "ЖЖЖ", "0".repeat(70));
    private static final String UNKNOWN = "NOT_A_DOCUMENTED_VALUE";

    /** One request that breaks one documented constraint of {@code field}. */
    public record Violation(String field, String constraint, JsonNode body) {

        @Override
        public String toString() {
            return field + " (" + constraint + ")";
        }
    }

    private DocumentedConstraints() {
    }

    /** The body's schema, resolved: of {@code application/json} of the operation, e.g. ("post", "/counties/{county}/shops"). */
    public static JsonNode schema(JsonNode document, String method, String path) {
        JsonNode media = media(document, method, path);
        return ApiDocuments.flatten(document, media.path("schema"));
    }

    /** The example a client reads: the media type's, the schema's, or assembled from its properties' examples. */
    public static JsonNode example(JsonNode document, String method, String path) {
        JsonNode media = media(document, method, path);
        if (media.has("example")) {
            return media.path("example");
        }
        if (media.path("examples").isObject() && !media.path("examples").isEmpty()) {
            return media.path("examples").properties().iterator().next().getValue().path("value");
        }
        return example(document, media.path("schema"), 0);
    }

    /** A body per documented constraint of a field the example has, each breaking that constraint only. */
    public static List<Violation> violations(JsonNode document, String method, String path) {
        JsonNode example = example(document, method, path);
        List<Violation> violations = new ArrayList<>();
        walk(document, media(document, method, path).path("schema"), example, new ArrayList<>(), example, violations, 0);
        return violations;
    }

    /**
     * Sends every violation of the body and expects a 400 problem whose {@code invalid-params} name its field (or a part
     * of it, or the list an item of it belongs to); every mismatch is reported at once.
     *
     * @param send sends a body (JSON text) to the operation, as an authorised caller of the home county
     * @return the violations sent
     */
    public static List<Violation> assertEnforced(JsonNode document, String method, String path,
                                                 Function<String, WebTestClient.ResponseSpec> send) {
        List<Violation> violations = violations(document, method, path);
        assertThat(violations).as("documented constraints of " + method.toUpperCase() + " " + path).isNotEmpty();
        List<String> mismatches = new ArrayList<>();
        for (Violation violation : violations) {
            EntityExchangeResult<String> answer = send.apply(violation.body().toString()).expectBody(String.class).returnResult();
            String body = answer.getResponseBody();
            List<String> named = new ArrayList<>();
            if (body != null && body.startsWith("{")) {
                JSON.readTree(body).path("invalid-params").forEach(param -> named.add(param.path("name").asString("")));
            }
            // A part of the field (causes[0] for causes), or the list an item belongs to (productCategories for productCategories[0]).
            boolean namesField = named.stream().anyMatch(name -> name.equals(violation.field())
                    || name.startsWith(violation.field() + "[") || name.startsWith(violation.field() + ".")
                    || violation.field().startsWith(name + "["));
            if (answer.getStatus().value() != 400 || !namesField) {
                mismatches.add(violation + ": " + answer.getStatus().value() + " " + body + " for " + violation.body());
            }
        }
        assertThat(mismatches).as("documented constraints of " + method.toUpperCase() + " " + path
                + " the service does not answer with a 400 naming the field").isEmpty();
        return violations;
    }

    private static JsonNode media(JsonNode document, String method, String path) {
        JsonNode operation = document.path("paths").path(path).path(method.toLowerCase());
        assertThat(operation.isMissingNode()).as(method + " " + path + " in the document").isFalse();
        JsonNode content = ApiDocuments.resolve(document, operation.path("requestBody")).path("content");
        JsonNode media = content.path("application/json");
        assertThat(media.isMissingNode()).as(method + " " + path + " takes application/json").isFalse();
        return media;
    }

    private static JsonNode example(JsonNode document, JsonNode schema, int depth) {
        if (schema.has("example")) {
            return schema.path("example");
        }
        if (schema.path("examples").isArray() && !schema.path("examples").isEmpty()) {
            return schema.path("examples").get(0);
        }
        JsonNode resolved = ApiDocuments.flatten(document, schema);
        if (resolved != schema && depth < 10 && (resolved.has("example") || resolved.has("examples"))) {
            return example(document, resolved, depth + 1);
        }
        if (resolved.path("properties").isObject() && depth < 10) {
            ObjectNode object = NODES.objectNode();
            resolved.path("properties").properties().forEach(property ->
                    object.set(property.getKey(), example(document, property.getValue(), depth + 1)));
            return object;
        }
        if (resolved.has("items") && depth < 10) {
            ArrayNode array = NODES.arrayNode();
            array.add(example(document, resolved.path("items"), depth + 1));
            return array;
        }
        return NODES.nullNode();
    }

    private static void walk(JsonNode document, JsonNode schema, JsonNode value, List<Object> at, JsonNode root,
                             List<Violation> violations, int depth) {
        if (depth > 10 || value == null || value.isNull() || value.isMissingNode()) {
            return;
        }
        JsonNode resolved = ApiDocuments.flatten(document, schema);
        String field = name(at);
        if (value.isObject()) {
            for (JsonNode required : resolved.path("required")) {
                if (value.has(required.asString())) {
                    violations.add(new Violation(field(field, required.asString()), "required", removed(root, at, required.asString())));
                }
            }
            for (var property : resolved.path("properties").properties()) {
                if (value.has(property.getKey())) {
                    List<Object> next = new ArrayList<>(at);
                    next.add(property.getKey());
                    walk(document, property.getValue(), value.path(property.getKey()), next, root, violations, depth + 1);
                }
            }
            return;
        }
        if (value.isArray()) {
            int least = resolved.path("minItems").asInt(0);
            if (least > 0 && value.size() >= least) {
                ArrayNode fewer = NODES.arrayNode();
                for (int i = 0; i < least - 1; i++) {
                    fewer.add(value.get(i));
                }
                violations.add(new Violation(field, "minItems " + least, replaced(root, at, fewer)));
            }
            JsonNode items = ApiDocuments.flatten(document, resolved.path("items"));
            if (!value.isEmpty() && items.isObject() && !items.isEmpty()) {
                List<Object> first = new ArrayList<>(at);
                first.add(0);
                walk(document, resolved.path("items"), value.get(0), first, root, violations, depth + 1);
            }
            return;
        }
        if (at.isEmpty()) {
            return;
        }
        if (resolved.has("enum")) {
            violations.add(new Violation(field, "enum", replaced(root, at, NODES.stringNode(UNKNOWN))));
        }
        if (resolved.has("pattern")) {
            Pattern pattern = Pattern.compile(resolved.path("pattern").asString());
            NOT_MATCHING.stream().filter(candidate -> !pattern.matcher(candidate).find()).findFirst().ifPresent(candidate ->
                    violations.add(new Violation(field, "pattern " + pattern, replaced(root, at, NODES.stringNode(candidate)))));
        }
        if (resolved.has("minLength") && resolved.path("minLength").asInt() > 0) {
            int least = resolved.path("minLength").asInt();
            violations.add(new Violation(field, "minLength " + least, replaced(root, at, NODES.stringNode("x".repeat(least - 1)))));
        }
        if (resolved.has("maxLength")) {
            int most = resolved.path("maxLength").asInt();
            violations.add(new Violation(field, "maxLength " + most, replaced(root, at, NODES.stringNode("x".repeat(most + 1)))));
        }
        if (Set.of("uuid", "date", "date-time", "email").contains(resolved.path("format").asString("")) && !resolved.has("pattern")) {
            violations.add(new Violation(field, "format " + resolved.path("format").asString(), replaced(root, at, NODES.stringNode("x"))));
        }
        bound(resolved, "minimum", BigDecimal.ONE.negate(), field, at, root, violations);
        bound(resolved, "maximum", BigDecimal.ONE, field, at, root, violations);
        bound(resolved, "exclusiveMinimum", BigDecimal.ZERO, field, at, root, violations);
        bound(resolved, "exclusiveMaximum", BigDecimal.ZERO, field, at, root, violations);
    }

    private static void bound(JsonNode schema, String keyword, BigDecimal step, String field, List<Object> at, JsonNode root,
                              List<Violation> violations) {
        if (schema.path(keyword).isNumber()) {
            BigDecimal beyond = schema.path(keyword).decimalValue().add(step);
            JsonNode number = beyond.stripTrailingZeros().scale() <= 0
                    ? NODES.numberNode(beyond.toBigIntegerExact()) : NODES.numberNode(beyond);
            violations.add(new Violation(field, keyword + " " + schema.path(keyword), replaced(root, at, number)));
        }
    }

    private static JsonNode removed(JsonNode root, List<Object> at, String property) {
        JsonNode copy = root.deepCopy();
        ((ObjectNode) locate(copy, at)).remove(property);
        return copy;
    }

    private static JsonNode replaced(JsonNode root, List<Object> at, JsonNode value) {
        JsonNode copy = root.deepCopy();
        JsonNode parent = locate(copy, at.subList(0, at.size() - 1));
        Object last = at.get(at.size() - 1);
        if (last instanceof Integer index) {
            ((ArrayNode) parent).set(index, value);
        } else {
            ((ObjectNode) parent).set((String) last, value);
        }
        return copy;
    }

    private static JsonNode locate(JsonNode node, List<Object> at) {
        JsonNode current = node;
        for (Object step : at) {
            current = step instanceof Integer index ? current.get(index) : current.get((String) step);
        }
        return current;
    }

    private static String name(List<Object> at) {
        StringBuilder name = new StringBuilder();
        for (Object step : at) {
            if (step instanceof Integer index) {
                name.append('[').append(index).append(']');
            } else {
                name.append(name.isEmpty() ? "" : ".").append(step);
            }
        }
        return name.toString();
    }

    private static String field(String at, String property) {
        return at.isEmpty() ? property : at + "." + property;
    }
}
