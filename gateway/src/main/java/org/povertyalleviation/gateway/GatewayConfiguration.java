package org.povertyalleviation.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import org.povertyalleviation.gateway.edge.ClientAddress;
import org.povertyalleviation.gateway.edge.EdgeCountyCheck;
import org.povertyalleviation.gateway.edge.SuspendedCounties;
import org.povertyalleviation.gateway.idempotency.IdempotentReplay;
import org.povertyalleviation.gateway.limits.ClientRateLimits;
import org.povertyalleviation.gateway.observability.AccessLog;
import org.povertyalleviation.gateway.openapi.ServiceDocuments;
import org.povertyalleviation.gateway.resilience.ServiceBreakers;
import org.povertyalleviation.gateway.routing.ServiceRoutes;
import org.povertyalleviation.platform.events.EventCodec;
import org.povertyalleviation.platform.security.PlatformAuthorities;
import org.povertyalleviation.platform.security.ProblemSecurityHandlers;
import org.springdoc.core.properties.SwaggerUiConfigProperties;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.messaging.Message;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewayProperties.class)
class GatewayConfiguration {

    @Bean
    SecurityWebFilterChain edgeSecurity(ServerHttpSecurity http, GatewayProperties properties, PlatformAuthorities authorities,
                                        ProblemSecurityHandlers problems) {
        return EdgeSecurity.chain(http, properties, authorities, problems);
    }

    @Bean
    RouteLocator serviceRoutes(RouteLocatorBuilder builder, GatewayProperties properties, ServiceBreakers breakers,
                               RetryGatewayFilterFactory retries) {
        return ServiceRoutes.of(builder, properties, breakers, retries);
    }

    @Bean
    ServiceBreakers serviceBreakers(ReactiveResilience4JCircuitBreakerFactory factory, GatewayProperties properties) {
        return new ServiceBreakers(factory, properties.breaker());
    }

    @Bean
    SuspendedCounties suspendedCounties() {
        return new SuspendedCounties();
    }

    /** Replaces platform-core's database-backed consumer of the same name, bound to county.events (application.yml). */
    @Bean
    Consumer<Message<byte[]>> countyStatus(SuspendedCounties suspended, EventCodec codec) {
        return suspended.consumer(codec);
    }

    @Bean
    EdgeCountyCheck edgeCountyCheck(SuspendedCounties suspended, org.povertyalleviation.gateway.edge.ReadPosts readPosts,
                                    @Value("${spring.cloud.gateway.server.webflux.trusted-proxies:}") String trustedProxies) {
        return new EdgeCountyCheck(suspended, new ClientAddress(trustedProxies), readPosts);
    }

    @Bean
    org.povertyalleviation.gateway.edge.ReadPosts readPosts(GatewayProperties properties) {
        return new org.povertyalleviation.gateway.edge.ReadPosts(properties.services().entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(java.util.Map.Entry::getKey, service -> service.getValue().readPosts())));
    }

    /** Only canonical paths reach the edge checks and the services (CanonicalPaths). */
    @Bean
    org.povertyalleviation.gateway.edge.CanonicalPaths canonicalPaths() {
        return new org.povertyalleviation.gateway.edge.CanonicalPaths();
    }

    /**
     * Spring Cloud Gateway's own token-bucket script, read once. Its bean ({@code redisRequestRateLimiterScript})
     * re-reads the script's modification time inside the jar before every call, which took a fifth of the
     * gateway's CPU under load.
     */
    @Bean
    @SuppressWarnings({"unchecked", "rawtypes"})
    RedisScript<List<Long>> tokenBucketScript() throws IOException {
        String script = new ClassPathResource("META-INF/scripts/request_rate_limiter.lua").getContentAsString(StandardCharsets.UTF_8);
        return (RedisScript) RedisScript.of(script, List.class);
    }

    @Bean
    ClientRateLimits clientRateLimits(ReactiveStringRedisTemplate redis,
                                      @Qualifier("tokenBucketScript") RedisScript<List<Long>> script,
                                      ConfigurationService configuration, GatewayProperties properties) {
        return new ClientRateLimits(redis, script, configuration, properties.rateLimits());
    }

    @Bean
    IdempotentReplay idempotentReplay(ReactiveStringRedisTemplate redis, JsonMapper json, GatewayProperties properties,
                                      org.povertyalleviation.gateway.edge.ReadPosts readPosts) {
        return new IdempotentReplay(redis, json, properties.idempotency(), readPosts);
    }

    /**
     * While Lettuce knows its connection is down, a command fails at once instead of waiting in its queue for a
     * reconnection until the command timeout: budgets then pass and keyed POSTs get their 503 without delay
     * (docs/gateway.md, "When Redis or Keycloak is down").
     */
    @Bean
    org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer failFastWhileRedisIsDown() {
        return options -> options.disconnectedBehavior(io.lettuce.core.ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    @Bean
    AccessLog accessLog() {
        return new AccessLog();
    }

    @Bean
    SmartInitializingSingleton listServiceDocuments(SwaggerUiConfigProperties swaggerUi, GatewayProperties properties) {
        return () -> ServiceDocuments.list(swaggerUi, properties);
    }
}
