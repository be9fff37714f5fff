package org.povertyalleviation.platform.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service's OpenAPI document as partners receive it: read from the running service, checked for what a generated
 * client needs (the security schemes, the problem answers of every operation, a schema for every body), and written to
 * {@code target/openapi/<service>.json}, where the contracts module parses it strictly and generates a client from it.
 */
public final class ApiDocuments {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> BODY_METHODS = Set.of("post", "put", "patch");

    private ApiDocuments() {
    }

    /** @return the document, after the checks; written to target/openapi/{service}.json */
    public static JsonNode checkAndKeep(WebTestClient web, String service) {
        String body = web.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        JsonNode document = JSON.readTree(body);
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
        assertThat(operations).as("operations in " + service + "'s document").isPositive();
        assertThat(missing).as(service + "'s document").isEmpty();
        try {
            Path kept = Path.of("target", "openapi", service + ".json");
            Files.createDirectories(kept.getParent());
            Files.writeString(kept, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return document;
    }
}
