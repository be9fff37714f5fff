package org.povertyalleviation.platform.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The request-body checks of {@link ApiDocuments} and the violations {@link DocumentedConstraints} makes and sends, on
 * hand-made documents and a hand-made service.
 */
class ApiDocumentsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String OPERATION = "POST /counties/{county}/notices";

    /** As springdoc writes it: a body by $ref, a nested object by $ref with a description beside it, a multipart upload. */
    private static final String DOCUMENT = """
            {
              "openapi": "3.1.0",
              "paths": {
                "/counties/{county}/notices": {
                  "post": {
                    "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PostNoticeRequest"}}}},
                    "responses": {}
                  },
                  "get": {"responses": {}}
                },
                "/counties/{county}/imports": {
                  "post": {
                    "requestBody": {"content": {"multipart/form-data": {"schema": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}}}},
                    "responses": {}
                  }
                }
              },
              "components": {
                "schemas": {
                  "PostNoticeRequest": {
                    "type": "object",
                    "required": ["village", "title", "author"],
                    "properties": {
                      "village": {"type": "string", "description": "The village's 12-digit code", "example": "621222101201", "pattern": "^\\\\d{12}$"},
                      "title": {"type": "string", "description": "What the notice is about", "example": "花椒收购价公示", "minLength": 1, "maxLength": 100},
                      "author": {"$ref": "#/components/schemas/Author", "description": "Who posts it"},
                      "copies": {"type": "integer", "format": "int32", "description": "Printed copies", "example": 20, "minimum": 1, "maximum": 500},
                      "tags": {"type": "array", "description": "Tags", "minItems": 1, "items": {"type": "string", "enum": ["PRICE", "WEATHER"]}, "example": ["PRICE"]}
                    }
                  },
                  "Author": {
                    "type": "object",
                    "required": ["name"],
                    "properties": {
                      "name": {"type": "string", "description": "The cadre's name", "example": "王芳", "maxLength": 50},
                      "unit": {"type": "string", "description": "Where the cadre works", "enum": ["TOWNSHIP", "VILLAGE"], "example": "VILLAGE"}
                    }
                  }
                }
              }
            }
            """;

    @Test
    void a_body_with_required_fields_descriptions_and_examples_passes() {
        assertThat(ApiDocuments.requestBodyProblems(document(d -> { }))).isEmpty();
    }

    @Test
    void a_nested_object_without_a_required_list_fails_naming_the_operation_and_the_field() {
        assertThat(ApiDocuments.requestBodyProblems(document(d -> schema(d, "Author").remove("required"))))
                .singleElement().asString()
                .startsWith(OPERATION + ": field author (Author) has no required list")
                .contains("author.name", "author.unit");
        assertThat(ApiDocuments.requestBodyProblems(document(d -> schema(d, "PostNoticeRequest").remove("required"))))
                .singleElement().asString().startsWith(OPERATION + ": the body (PostNoticeRequest) has no required list");
    }

    @Test
    void an_object_whose_fields_all_have_a_default_needs_no_required_list() {
        assertThat(ApiDocuments.requestBodyProblems(document(d -> {
            ObjectNode author = schema(d, "Author");
            author.remove("required");
            ((ObjectNode) author.path("properties").path("name")).put("default", "");
            ((ObjectNode) author.path("properties").path("unit")).put("default", "VILLAGE");
        }))).isEmpty();
    }

    @Test
    void a_field_without_a_description_fails_naming_it() {
        assertThat(ApiDocuments.requestBodyProblems(document(d -> property(d, "Author", "name").remove("description"))))
                .containsExactly(OPERATION + ": field author.name has no description");
        assertThat(ApiDocuments.requestBodyProblems(document(d -> property(d, "PostNoticeRequest", "author").remove("description"))))
                .containsExactly(OPERATION + ": field author has no description");
    }

    @Test
    void a_field_naming_a_schema_may_take_that_schemas_description() {
        assertThat(ApiDocuments.requestBodyProblems(document(d -> {
            property(d, "PostNoticeRequest", "author").remove("description");
            schema(d, "Author").put("description", "The cadre who posts the notice");
        }))).isEmpty();
    }

    @Test
    void a_body_without_an_example_fails_naming_the_fields_that_lack_one() {
        assertThat(ApiDocuments.requestBodyProblems(document(d -> {
            property(d, "PostNoticeRequest", "title").remove("example");
            property(d, "Author", "unit").remove("example");
        }))).containsExactly(OPERATION + ": the body has no example (none on the media type or the schema, and none on title, author.unit)");
    }

    @Test
    void an_example_on_the_media_type_or_the_schema_is_enough() {
        String example = "{\"village\":\"621222101201\",\"title\":\"花椒收购价公示\",\"author\":{\"name\":\"王芳\"}}";
        Consumer<ObjectNode> noFieldExamples = d -> {
            property(d, "PostNoticeRequest", "village").remove("example");
            property(d, "PostNoticeRequest", "title").remove("example");
            property(d, "Author", "name").remove("example");
        };
        assertThat(ApiDocuments.requestBodyProblems(document(noFieldExamples))).hasSize(1);
        assertThat(ApiDocuments.requestBodyProblems(document(noFieldExamples.andThen(d -> media(d).set("example", JSON.readTree(example))))))
                .isEmpty();
        assertThat(ApiDocuments.requestBodyProblems(document(noFieldExamples.andThen(d -> schema(d, "PostNoticeRequest")
                .set("example", JSON.readTree(example)))))).isEmpty();
    }

    @Test
    void a_schema_that_names_itself_is_followed_once() {
        assertThat(ApiDocuments.requestBodyProblems(document(d -> ((ObjectNode) schema(d, "Author").path("properties"))
                .set("deputy", JSON.readTree("{\"$ref\": \"#/components/schemas/Author\", \"description\": \"Stands in for the author\"}")))))
                .isEmpty();
    }

    @Test
    void the_documented_constraints_become_one_violating_body_each() {
        JsonNode document = document(d -> { });
        JsonNode example = DocumentedConstraints.example(document, "post", "/counties/{county}/notices");
        assertThat(example.toString()).isEqualTo("{\"village\":\"621222101201\",\"title\":\"花椒收购价公示\","
                + "\"author\":{\"name\":\"王芳\",\"unit\":\"VILLAGE\"},\"copies\":20,\"tags\":[\"PRICE\"]}");

        var violations = DocumentedConstraints.violations(document, "post", "/counties/{county}/notices");
        assertThat(violations).extracting(Object::toString).containsExactlyInAnyOrder(
                "village (required)", "title (required)", "author (required)",
                "village (pattern ^\\d{12}$)", "title (minLength 1)", "title (maxLength 100)",
                "author.name (required)", "author.name (maxLength 50)", "author.unit (enum)",
                "copies (minimum 1)", "copies (maximum 500)", "tags (minItems 1)", "tags[0] (enum)");
        assertThat(violations).filteredOn(violation -> violation.toString().equals("author.name (maxLength 50)")).singleElement()
                .satisfies(violation -> {
                    assertThat(violation.body().path("author").path("name").asString()).hasSize(51);
                    assertThat(violation.body().path("village").asString()).isEqualTo("621222101201");
                });
        assertThat(violations).filteredOn(violation -> violation.field().equals("copies")).extracting(violation -> violation.body().path("copies").asInt())
                .containsExactly(0, 501);
        assertThat(violations).filteredOn(violation -> violation.toString().equals("author.name (required)")).singleElement()
                .satisfies(violation -> assertThat(violation.body().path("author").has("name")).isFalse());
    }

    @Test
    void a_documented_constraint_the_service_does_not_enforce_is_named() {
        JsonNode document = document(d -> { });
        // A service that checks everything the document says but the author's name's length.
        WebTestClient service = WebTestClient.bindToRouterFunction(RouterFunctions.route(RequestPredicates.POST("/notices"),
                request -> request.bodyToMono(String.class).flatMap(text -> {
                    JsonNode body = JSON.readTree(text);
                    List<String> invalid = new ArrayList<>();
                    for (String field : List.of("village", "title", "author")) {
                        if (!body.hasNonNull(field)) {
                            invalid.add(field);
                        }
                    }
                    if (!body.path("village").asString("").matches("\\d{12}")) {
                        invalid.add("village");
                    }
                    int title = body.path("title").asString("").length();
                    if (title < 1 || title > 100) {
                        invalid.add("title");
                    }
                    if (!body.path("author").has("name")) {
                        invalid.add("author.name");
                    }
                    if (!List.of("TOWNSHIP", "VILLAGE").contains(body.path("author").path("unit").asString("VILLAGE"))) {
                        invalid.add("author.unit");
                    }
                    int copies = body.path("copies").asInt(1);
                    if (copies < 1 || copies > 500) {
                        invalid.add("copies");
                    }
                    if (body.path("tags").isEmpty()) {
                        invalid.add("tags");
                    } else if (!body.path("tags").get(0).asString().equals("PRICE")) {
                        invalid.add("tags[0]");
                    }
                    return invalid.isEmpty() ? ServerResponse.status(201).build()
                            : ServerResponse.badRequest().bodyValue(Map.of("invalid-params", invalid.stream().map(name -> Map.of("name", name)).toList()));
                }))).build();
        Function<String, WebTestClient.ResponseSpec> send = body -> service.post().uri("/notices")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();

        assertThatThrownBy(() -> DocumentedConstraints.assertEnforced(document, "post", "/counties/{county}/notices", send))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("author.name (maxLength 50): 201")
                .hasMessageNotContainingAny("village (", "title (", "author (", "author.name (required", "copies (", "tags (", "tags[0] (");
        assertThat(DocumentedConstraints.assertEnforced(document(d -> property(d, "Author", "name").remove("maxLength")), "post",
                "/counties/{county}/notices", send)).hasSize(12);
    }

    private static JsonNode document(Consumer<ObjectNode> change) {
        ObjectNode document = (ObjectNode) JSON.readTree(DOCUMENT);
        change.accept(document);
        return document;
    }

    private static ObjectNode schema(ObjectNode document, String name) {
        return (ObjectNode) document.path("components").path("schemas").path(name);
    }

    private static ObjectNode property(ObjectNode document, String schema, String property) {
        return (ObjectNode) schema(document, schema).path("properties").path(property);
    }

    private static ObjectNode media(ObjectNode document) {
        return (ObjectNode) document.path("paths").path("/counties/{county}/notices").path("post").path("requestBody").path("content")
                .path("application/json");
    }
}
