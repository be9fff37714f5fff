package org.povertyalleviation.platform;

import io.micrometer.tracing.Tracer;
import org.povertyalleviation.platform.events.EventCodec;
import org.povertyalleviation.platform.observability.CorrelationIdFilter;
import org.povertyalleviation.platform.problem.ProblemResponses;
import org.povertyalleviation.platform.problem.ProblemWebExceptionHandler;
import org.povertyalleviation.platform.security.PlatformSecurity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every deployable with an HTTP edge gets by depending on platform-web, the gateway included: problem answers,
 * the OAuth2 resource server with county scopes, the correlation id, the event envelope's codec, the China clock and
 * the OpenAPI document's contract.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration")
@Import(PlatformSecurity.class)
public class PlatformWebAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    EventCodec eventCodec(JsonMapper json) {
        return new EventCodec(json);
    }

    @Bean
    ProblemResponses problemResponses() {
        return new ProblemResponses();
    }

    @Bean
    ProblemWebExceptionHandler problemWebExceptionHandler(JsonMapper json) {
        return new ProblemWebExceptionHandler(json);
    }

    @Bean
    CorrelationIdFilter correlationIdFilter(ObjectProvider<Tracer> tracer) {
        return new CorrelationIdFilter(tracer);
    }

    /** Security schemes and problem answers in every service's OpenAPI document (ApiDocumentContract). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springdoc.core.customizers.OpenApiCustomizer")
    static class ApiDocuments {

        @Bean
        org.povertyalleviation.platform.problem.ApiDocumentContract apiDocumentContract(org.springframework.core.env.Environment environment) {
            return new org.povertyalleviation.platform.problem.ApiDocumentContract(environment.getProperty(
                    "spring.security.oauth2.resourceserver.jwt.issuer-uri", "http://127.0.0.1:8180/realms/poverty-platform"));
        }
    }

    /** China's calendar for every service (ChinaTime); a test may replace it with a fixed clock. */
    @Bean
    @ConditionalOnMissingBean
    java.time.Clock clock() {
        return java.time.Clock.system(org.povertyalleviation.platform.domain.ChinaTime.ZONE);
    }

}
