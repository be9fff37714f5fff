package org.povertyalleviation.portal.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.povertyalleviation.portal.PortalProperties;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.client.web.DefaultReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.reactive.function.client.ServerOAuth2AuthorizedClientExchangeFilterFunction;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The services, reached through the platform's gateway with the signed-in user's access token (refreshed when it has
 * expired). The gateway and the services decide what the user may see and do; the portal only shows it. A refusal
 * arrives as {@link ServiceProblem.Refused}.
 */
@Component
public class Gateway {

    public static final String COUNTY_REGISTRY = "/api/county-registry";
    public static final String HOUSEHOLD_REGISTRY = "/api/household-registry";
    public static final String SHOP_MANAGEMENT = "/api/shop-management";
    public static final String SUPPLY_PLATFORM = "/api/supply-platform";
    public static final String LOGISTICS_BOOKING = "/api/logistics-booking";
    public static final String TRAINING = "/api/training";
    public static final String CROWDFUNDING = "/api/crowdfunding";

    private final WebClient client;

    Gateway(WebClient.Builder builder, PortalProperties properties, DefaultReactiveOAuth2AuthorizedClientManager authorizedClients) {
        ServerOAuth2AuthorizedClientExchangeFilterFunction userToken = new ServerOAuth2AuthorizedClientExchangeFilterFunction(authorizedClients);
        userToken.setDefaultOAuth2AuthorizedClient(true);
        this.client = builder.baseUrl(properties.gatewayUrl().toString())
                .filter(userToken)
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
                .build();
    }

    public <T> Mono<T> get(Function<UriBuilder, java.net.URI> uri, Class<T> type) {
        return client.get().uri(uri).accept(MediaType.APPLICATION_JSON).exchangeToMono(response -> body(response, type));
    }

    public <T> Mono<List<T>> list(Function<UriBuilder, java.net.URI> uri, Class<T> element) {
        return client.get().uri(uri).accept(MediaType.APPLICATION_JSON).exchangeToMono(response -> response.statusCode().isError()
                ? refused(response) : response.bodyToFlux(element).collectList());
    }

    public <T> Mono<T> post(Function<UriBuilder, java.net.URI> uri, Object body, Class<T> type) {
        return client.post().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchangeToMono(response -> body(response, type));
    }

    public <T> Mono<T> put(Function<UriBuilder, java.net.URI> uri, Object body, Class<T> type) {
        return client.put().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchangeToMono(response -> body(response, type));
    }

    public <T> Mono<T> delete(Function<UriBuilder, java.net.URI> uri, Class<T> type) {
        return client.delete().uri(uri).accept(MediaType.APPLICATION_JSON).exchangeToMono(response -> body(response, type));
    }

    public <T> Mono<T> upload(Function<UriBuilder, java.net.URI> uri, MultiValueMap<String, ?> parts, Class<T> type) {
        return client.post().uri(uri).contentType(MediaType.MULTIPART_FORM_DATA).body(BodyInserters.fromMultipartData(parts))
                .exchangeToMono(response -> body(response, type));
    }

    /** A file the service writes (CSV), streamed through with the service's type and file name. */
    public Mono<ResponseEntity<Flux<DataBuffer>>> download(Function<UriBuilder, java.net.URI> uri) {
        return client.get().uri(uri).retrieve()
                .onStatus(HttpStatusCode::isError, Gateway::<Throwable>refused)
                .toEntityFlux(DataBuffer.class)
                .map(entity -> ResponseEntity.status(entity.getStatusCode())
                        .headers(headers -> copy(entity.getHeaders(), headers))
                        .body(entity.getBody()));
    }

    private static void copy(HttpHeaders from, HttpHeaders to) {
        for (String name : List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.CONTENT_DISPOSITION)) {
            if (from.containsHeader(name)) {
                to.put(name, from.get(name));
            }
        }
    }

    private static <T> Mono<T> body(ClientResponse response, Class<T> type) {
        if (response.statusCode().isError()) {
            return refused(response);
        }
        return type == Void.class ? response.releaseBody().then(Mono.empty()) : response.bodyToMono(type);
    }

    @SuppressWarnings("unchecked")
    private static <T> Mono<T> refused(ClientResponse response) {
        String correlationId = response.headers().asHttpHeaders().getFirst("X-Correlation-Id");
        int status = response.statusCode().value();
        return response.bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() { })
                .onErrorResume(unreadable -> Mono.empty())
                .defaultIfEmpty(Map.of())
                .flatMap(body -> Mono.error(new ServiceProblem.Refused(problem(status, body, correlationId))));
    }

    static ServiceProblem problem(int status, Map<String, Object> body, String correlationId) {
        String type = body.get("type") instanceof String uri ? uri.substring(uri.lastIndexOf(':') + 1) : "status-" + status;
        String code = body.get("rule") instanceof String rule ? rule : body.get("reason") instanceof String reason ? reason : null;
        String field = body.get("field") instanceof String name ? name : null;
        List<ServiceProblem.InvalidParam> invalid = new ArrayList<>();
        if (body.get("invalid-params") instanceof List<?> params) {
            for (Object param : params) {
                if (param instanceof Map<?, ?> entry && entry.get("name") instanceof String name) {
                    invalid.add(new ServiceProblem.InvalidParam(name, entry.get("reason") instanceof String reason ? reason : ""));
                }
            }
        }
        String detail = body.get("detail") instanceof String text ? text : body.get("title") instanceof String title ? title : "";
        return new ServiceProblem(status, type, code, field, List.copyOf(invalid), detail, correlationId);
    }
}
