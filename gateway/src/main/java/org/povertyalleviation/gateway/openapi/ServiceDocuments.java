package org.povertyalleviation.gateway.openapi;

import java.util.LinkedHashSet;
import java.util.Set;

import org.povertyalleviation.gateway.GatewayProperties;
import org.springdoc.core.properties.AbstractSwaggerUiConfigProperties.SwaggerUrl;
import org.springdoc.core.properties.SwaggerUiConfigProperties;

/**
 * One Swagger UI at the gateway ({@code /swagger-ui.html}) listing every routed service's OpenAPI 3.1 document,
 * each fetched through the gateway at {@code /api/<service>/v3/api-docs}, so "try it out" goes through the same
 * front door, checks and budgets as any other call.
 */
public final class ServiceDocuments {

    private ServiceDocuments() {
    }

    public static void list(SwaggerUiConfigProperties swaggerUi, GatewayProperties properties) {
        Set<SwaggerUrl> urls = new LinkedHashSet<>();
        properties.services().keySet().stream().sorted()
                .forEach(service -> urls.add(new SwaggerUrl(service, "/api/" + service + "/v3/api-docs", service)));
        swaggerUi.setUrls(urls);
        properties.services().keySet().stream().sorted().findFirst().ifPresent(swaggerUi::setUrlsPrimaryName);
    }
}
