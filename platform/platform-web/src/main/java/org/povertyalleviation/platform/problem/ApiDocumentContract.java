package org.povertyalleviation.platform.problem;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * What every service's OpenAPI document says the same way, so that partners can generate clients from it: how to
 * authenticate (Keycloak's OAuth2 flows, or a bearer token, which Swagger UI's Authorize then offers) and the RFC 9457
 * problem answers each operation can give (docs/api/problems.md), with their schema. The service's own annotations
 * (bean validation on request records, {@code @Schema} examples) describe its fields.
 */
public class ApiDocumentContract implements OpenApiCustomizer {

    static final String PROBLEM = "Problem";
    static final String PROBLEM_JSON = "application/problem+json";

    private final String issuer;

    /** @param issuer the token issuer (Keycloak's realm URL), whose token and authorization endpoints the flows name */
    public ApiDocumentContract(String issuer) {
        this.issuer = issuer;
    }

    @Override
    public void customise(OpenAPI document) {
        Components components = document.getComponents() == null ? new Components() : document.getComponents();
        document.setComponents(components);
        components.addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .bearerFormat("JWT").description("An access token of the platform's Keycloak realm (audience poverty-platform)."));
        components.addSecuritySchemes("keycloak", new SecurityScheme().type(SecurityScheme.Type.OAUTH2)
                .description("Keycloak: partner platforms use client credentials, people sign in with the authorization code flow.")
                .flows(new OAuthFlows()
                        .clientCredentials(new OAuthFlow().tokenUrl(issuer + "/protocol/openid-connect/token").scopes(new Scopes().addString("roles", "The realm roles and county grants (a default scope)")))
                        .authorizationCode(new OAuthFlow().authorizationUrl(issuer + "/protocol/openid-connect/auth")
                                .tokenUrl(issuer + "/protocol/openid-connect/token").scopes(new Scopes().addString("openid", "Sign in").addString("roles", "The realm roles and county grants (a default scope)")))));
        document.setSecurity(List.of(new SecurityRequirement().addList("bearer"), new SecurityRequirement().addList("keycloak")));
        components.addSchemas(PROBLEM, problemSchema());
        if (document.getPaths() == null) {
            return;
        }
        document.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                problems(path, method, operation)));
    }

    private static void problems(String path, PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        add(responses, "400", "A parameter or body field is invalid: invalid-params names each one.");
        add(responses, "401", "No valid access token.");
        add(responses, "403", "The caller's role or county scope does not allow this.");
        if (path.contains("{")) {
            add(responses, "404", "The county has not joined, or the record does not exist in it.");
        }
        if (method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD) {
            add(responses, "409", "The record's state does not allow this (reason names the rule), or it changed meanwhile.");
            add(responses, "422", "A domain rule refuses the request (rule names it, field the request field).");
        }
        add(responses, "429", "The caller's rate limit at the gateway is spent (Retry-After says when to come back).");
        add(responses, "503", "A service the request needs is unavailable (Retry-After).");
    }

    private static void add(ApiResponses responses, String status, String description) {
        if (responses.containsKey(status)) {
            return;
        }
        responses.addApiResponse(status, new ApiResponse().description(description).content(new Content()
                .addMediaType(PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> problemSchema() {
        ObjectSchema invalidParam = new ObjectSchema();
        invalidParam.addProperty("name", new StringSchema().description("The field, as a JSON path (members[0].residentId)."));
        invalidParam.addProperty("reason", new StringSchema().description("Why it was refused."));
        invalidParam.required(List.of("name", "reason"));
        Schema problem = new ObjectSchema().description("An RFC 9457 problem (docs/api/problems.md).");
        problem.setProperties(new java.util.LinkedHashMap<>(Map.of(
                "type", new StringSchema().format("uri").description("The kind of problem, a stable URI."),
                "title", new StringSchema(),
                "status", new IntegerSchema(),
                "detail", new StringSchema().description("For people; never personal data."),
                "instance", new StringSchema().description("The request path."),
                "invalid-params", new ArraySchema().items(invalidParam),
                "rule", new StringSchema().description("The domain rule that refused (422)."),
                "reason", new StringSchema().description("Why the state clashes (409)."),
                "field", new StringSchema().description("The request field a rule concerns."))));
        problem.required(List.of("type", "title", "status"));
        problem.example(Map.of("type", ProblemTypes.INVALID_REQUEST.toString(), "title", "Invalid request",
                "status", 400, "detail", "The request has invalid fields: village", "instance", "/counties/621222/shops",
                "invalid-params", List.of(Map.of("name", "village", "reason", "must be 12 digits"))));
        return problem;
    }
}
