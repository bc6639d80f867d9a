package io.parapet.gateway;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.parapet.registry.PromptCache;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * {@code /health} entry {@code registryCache}: DEGRADED (still operational) while the gateway answers from last
 * known prompt and model versions because the database cannot be read, with the time it started.
 */
@Singleton
public class RegistryCacheHealth implements HealthIndicator {
    static final HealthStatus DEGRADED =
            new HealthStatus("DEGRADED", "serving last known registry versions", true, null);

    private final PromptCache cache;
    private final Optional<PromptCacheListener> listener;

    RegistryCacheHealth(PromptCache cache, Optional<PromptCacheListener> listener) {
        this.cache = cache;
        this.listener = listener;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Instant staleSince = cache.staleSince();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("servingStaleSince", staleSince == null ? null : staleSince.toString());
        details.put(
                "invalidation",
                listener.map(l -> l.listening() ? "LISTEN/NOTIFY" : "polling (listener reconnecting)")
                        .orElse("in-process"));
        return Mono.just(HealthResult.builder("registryCache", staleSince == null ? HealthStatus.UP : DEGRADED)
                .details(details)
                .build());
    }
}
