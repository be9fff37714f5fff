package org.povertyalleviation.gateway.limits;

import java.util.List;
import java.util.Map;

import org.povertyalleviation.gateway.EdgeProblem;
import org.povertyalleviation.gateway.GatewayProperties;
import org.povertyalleviation.gateway.edge.Caller;
import org.povertyalleviation.platform.problem.ProblemTypes;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.core.Ordered;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Each caller's request budget, kept in Redis by Spring Cloud Gateway's {@link RedisRateLimiter} (a token bucket
 * shared by the gateway's replicas). The budget is the caller's ({@link Caller}): a partner's client id, a portal
 * user, or the address of a caller without a token (public paths), across all routes, since a quota is agreed per
 * partner, not per service. Anonymous callers have a smaller budget of their own, so that a flood from addresses
 * nobody signed in from never reaches the size of a user's. An exhausted budget is a 429 problem with
 * {@code Retry-After}; every answer carries the {@code X-RateLimit-*} headers.
 *
 * <p>If Redis cannot be reached the limiter lets requests through (Spring's choice, and ours: an outage of the
 * counter must not become an outage of the platform). It waits for Redis at most {@code redis-timeout} (200 ms),
 * far less than the client's command timeout, since every request asks: a Redis that hangs must not add its
 * timeout to each of them. The answer then says {@code X-RateLimit-Remaining: -1}, unbudgeted.
 */
public class ClientRateLimits implements GlobalFilter, Ordered {

    public static final int ORDER = -200;

    static final String PARTNER_DEFAULT = "budget:partner-default";
    static final String USER_DEFAULT = "budget:user-default";
    static final String ANONYMOUS_DEFAULT = "budget:anonymous-default";

    private final RedisRateLimiter limiter;
    private final java.time.Duration redisTimeout;

    public ClientRateLimits(ReactiveStringRedisTemplate redis, RedisScript<List<Long>> script,
                            ConfigurationService configuration, GatewayProperties.RateLimits limits) {
        this.limiter = new RedisRateLimiter(redis, script, configuration);
        this.redisTimeout = limits.redisTimeout();
        Map<String, RedisRateLimiter.Config> budgets = limiter.getConfig();
        budgets.put(PARTNER_DEFAULT, bucket(limits.partnerDefault()));
        budgets.put(USER_DEFAULT, bucket(limits.userDefault()));
        budgets.put(ANONYMOUS_DEFAULT, bucket(limits.anonymousDefault()));
        limits.clients().forEach((client, limit) -> budgets.put("client:" + client, bucket(limit)));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Caller caller = Caller.of(exchange);
        String budget = limiter.getConfig().containsKey(caller.key()) ? caller.key() : switch (caller.kind()) {
            case PARTNER -> PARTNER_DEFAULT;
            case USER -> USER_DEFAULT;
            case ANONYMOUS -> ANONYMOUS_DEFAULT;
        };
        RedisRateLimiter.Config bucket = limiter.getConfig().get(budget);
        return limiter.isAllowed(budget, caller.key())
                .timeout(redisTimeout, Mono.fromSupplier(() -> new RateLimiter.Response(true, limiter.getHeaders(bucket, -1L))))
                .flatMap(answer -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            answer.getHeaders().forEach(headers::set);
            if (answer.isAllowed()) {
                return chain.filter(exchange);
            }
            // One token comes back every 1/rate seconds; whole seconds, as Retry-After requires.
            long retryAfter = Math.max(1, (long) Math.ceil((double) bucket.getRequestedTokens() / bucket.getReplenishRate()));
            return Mono.error(new EdgeProblem(HttpStatus.TOO_MANY_REQUESTS, ProblemTypes.RATE_LIMITED, "Too many requests",
                    "The request budget of " + (caller.anonymous() ? "this address"
                            : caller.clientId() == null ? "this caller" : caller.clientId())
                            + " is spent (" + bucket.getReplenishRate() + " requests per second, bursts of "
                            + bucket.getBurstCapacity() + "); retry after " + retryAfter + " s",
                    Map.of(), Map.of(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter))));
        });
    }

    private static RedisRateLimiter.Config bucket(GatewayProperties.Limit limit) {
        return new RedisRateLimiter.Config().setReplenishRate(limit.requestsPerSecond()).setBurstCapacity(limit.burst())
                .setRequestedTokens(1);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
