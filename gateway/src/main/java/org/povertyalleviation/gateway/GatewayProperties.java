package org.povertyalleviation.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Everything an operator tunes at the front door; the Helm chart maps its values onto these (docs/gateway.md).
 *
 * @param services       one entry per service, routed at {@code /api/<name>/**}
 * @param portalOrigins  browser origins allowed by CORS (the portal)
 * @param maxRequestBody the largest request body a service accepts unless its entry says otherwise
 * @param rateLimits     per-client request budgets
 * @param breaker        how quickly a failing service is cut off and tried again
 * @param idempotency    how long partners' POST responses are kept for replay
 */
@Validated
@ConfigurationProperties("gateway")
public record GatewayProperties(
        @NotEmpty Map<String, @Valid Service> services,
        @DefaultValue("http://localhost:8090") List<String> portalOrigins,
        @DefaultValue("1MB") DataSize maxRequestBody,
        @Valid @DefaultValue RateLimits rateLimits,
        @Valid @DefaultValue Breaker breaker,
        @Valid @DefaultValue Idempotency idempotency) {

    /**
     * @param uri            where the service listens (in Kubernetes its Service DNS name)
     * @param timeout        how long a call may take before the caller gets a 504
     * @param maxRequestBody overrides the gateway-wide limit (bulk imports need more)
     * @param publicPaths    paths under the service reachable without a token (ant patterns, e.g. the public
     *                       traceability lookup); everything else needs one
     * @param readPosts      POSTs under the service that only read (ant patterns, e.g. a lookup whose resident ID
     *                       number travels in the body): the edge checks them as reads, so auditors and officers pass
     * @param uploads        the paths that take larger bodies than the rest of the service (a county's import file),
     *                       each with its own limit; every other path keeps {@code maxRequestBody}
     */
    public record Service(@NotNull URI uri,
                          @DefaultValue("5s") Duration timeout,
                          DataSize maxRequestBody,
                          @DefaultValue List<String> publicPaths,
                          @DefaultValue List<String> readPosts,
                          @DefaultValue List<@Valid Upload> uploads) {

        public DataSize maxRequestBody(DataSize gatewayDefault) {
            return maxRequestBody == null ? gatewayDefault : maxRequestBody;
        }
    }

    /**
     * @param path           an ant pattern under the service, e.g. {@code /counties/*}{@code /imports}
     * @param maxRequestBody the largest body a request to it may carry
     */
    public record Upload(@NotEmpty String path, @NotNull DataSize maxRequestBody) {
    }

    /**
     * @param partnerDefault   a partner platform's budget unless {@code clients} names it
     * @param userDefault      each portal user's budget (keyed by user, not by the shared portal client)
     * @param anonymousDefault each address's budget for public paths without a token: a buyer scans a pack once, but
     *                         a carrier-grade NAT puts many phones behind one address, so not lower than 10/s, 30 at once
     * @param clients          budgets by OAuth2 client id, e.g. a large marketplace's
     * @param redisTimeout     how long a request waits for Redis to answer its budget before it passes unbudgeted
     */
    public record RateLimits(@Valid Limit partnerDefault,
                             @Valid Limit userDefault,
                             @Valid Limit anonymousDefault,
                             @DefaultValue Map<String, @Valid Limit> clients,
                             Duration redisTimeout) {

        // Here, not in @DefaultValue: the binder cannot turn @DefaultValue's strings into a Limit, so a budget
        // left out of the configuration stopped the gateway from starting instead of taking its default.
        public RateLimits {
            partnerDefault = partnerDefault == null ? new Limit(20, 40) : partnerDefault;
            userDefault = userDefault == null ? new Limit(50, 100) : userDefault;
            anonymousDefault = anonymousDefault == null ? new Limit(10, 30) : anonymousDefault;
            redisTimeout = redisTimeout == null ? Duration.ofMillis(200) : redisTimeout;
        }
    }

    /**
     * A token bucket: {@code requestsPerSecond} sustained, up to {@code burst} at once.
     */
    public record Limit(@Min(1) int requestsPerSecond, @Min(1) int burst) {
    }

    /**
     * @param failureRateThreshold  percentage of failed calls (errors, timeouts) that opens the breaker
     * @param minimumCalls          calls in the window before the rate is judged
     * @param window                size of the count-based sliding window
     * @param waitInOpenState       how long an open breaker refuses calls before letting trial calls through
     * @param trialCalls            trial calls in the half-open state
     * @param retries               retries of a GET or HEAD whose connection failed, before the breaker counts a failure
     */
    public record Breaker(@DefaultValue("50") @Min(1) int failureRateThreshold,
                          @DefaultValue("5") @Min(1) int minimumCalls,
                          @DefaultValue("20") @Min(1) int window,
                          @DefaultValue("10s") Duration waitInOpenState,
                          @DefaultValue("2") @Min(1) int trialCalls,
                          @DefaultValue("2") @Min(0) int retries) {
    }

    /**
     * @param retention      how long a response is kept for replay under its key
     * @param inFlight       how long a key stays locked while its first request runs (longer than any service timeout)
     * @param maxKeptAnswer  the largest answer body kept for replay; a larger one reaches the caller but only its status
     *                       and headers are kept, and a resend is a 409 ({@code answer-not-kept}) rather than a second run
     * @param storeTimeout   how long a request waits for Redis to claim or read its key before it is refused with a 503
     */
    public record Idempotency(@DefaultValue("24h") Duration retention, @DefaultValue("2m") Duration inFlight,
                              @DefaultValue("64KB") DataSize maxKeptAnswer, @DefaultValue("1s") Duration storeTimeout) {
    }
}
