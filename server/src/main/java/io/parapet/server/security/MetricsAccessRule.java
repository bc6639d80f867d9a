package io.parapet.server.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.management.endpoint.EndpointSensitivityProcessor;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.security.rules.SensitiveEndpointRule;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/** Sensitive management endpoints ({@code /prometheus}) are open to any key with the viewer role. */
@Singleton
@Replaces(SensitiveEndpointRule.class)
class MetricsAccessRule extends SensitiveEndpointRule {
    MetricsAccessRule(EndpointSensitivityProcessor processor) {
        super(processor);
    }

    @Override
    protected Publisher<SecurityRuleResult> checkSensitiveAuthenticated(
            HttpRequest<?> request, Authentication authentication, io.micronaut.inject.ExecutableMethod<?, ?> method) {
        return Mono.just(
                authentication.getRoles().contains("viewer")
                        ? SecurityRuleResult.ALLOWED
                        : SecurityRuleResult.REJECTED);
    }
}
