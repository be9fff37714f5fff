package org.povertyalleviation.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class GatewayPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(GatewayProperties.class)
    static class Bound {
    }

    private final ApplicationContextRunner gateway = new ApplicationContextRunner().withUserConfiguration(Bound.class)
            .withPropertyValues("gateway.services.echo.uri=http://127.0.0.1:1");

    @Test
    void budgets_left_out_of_the_configuration_take_their_defaults() {
        gateway.withPropertyValues("gateway.rate-limits.user-default.requests-per-second=60",
                        "gateway.rate-limits.user-default.burst=120")
                .run(context -> {
                    GatewayProperties.RateLimits limits = context.getBean(GatewayProperties.class).rateLimits();
                    assertThat(limits.partnerDefault()).isEqualTo(new GatewayProperties.Limit(20, 40));
                    assertThat(limits.userDefault()).isEqualTo(new GatewayProperties.Limit(60, 120));
                    assertThat(limits.anonymousDefault()).isEqualTo(new GatewayProperties.Limit(10, 30));
                });
    }

    @Test
    void an_anonymous_budget_that_lets_nothing_through_stops_the_gateway_from_starting() {
        gateway.withPropertyValues("gateway.rate-limits.anonymous-default.requests-per-second=10",
                        "gateway.rate-limits.anonymous-default.burst=0")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("rateLimits.anonymousDefault.burst"));
    }

    @Test
    void redis_waits_and_kept_answers_have_small_bounds_unless_configured() {
        gateway.run(context -> {
            GatewayProperties properties = context.getBean(GatewayProperties.class);
            assertThat(properties.rateLimits().redisTimeout()).isEqualTo(java.time.Duration.ofMillis(200));
            assertThat(properties.idempotency().storeTimeout()).isEqualTo(java.time.Duration.ofSeconds(1));
            assertThat(properties.idempotency().maxKeptAnswer()).isEqualTo(org.springframework.util.unit.DataSize.ofKilobytes(64));
            assertThat(properties.maxRequestBody()).isEqualTo(org.springframework.util.unit.DataSize.ofMegabytes(1));
        });
    }

    @Test
    void an_upload_path_has_its_own_limit() {
        gateway.withPropertyValues("gateway.services.echo.uploads[0].path=/counties/*/imports",
                        "gateway.services.echo.uploads[0].max-request-body=120MB")
                .run(context -> assertThat(context.getBean(GatewayProperties.class).services().get("echo").uploads())
                        .containsExactly(new GatewayProperties.Upload("/counties/*/imports",
                                org.springframework.util.unit.DataSize.ofMegabytes(120))));
    }
}
