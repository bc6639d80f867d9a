package io.parapet.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The Prometheus view of recorded completions, as LiteLLM users expect it: requests by model, prompt and ending,
 * guardrail blocks by scanner, tokens and cost by model, and the gateway's own time. Labels are registry names
 * (bounded by what editors create), never client text; a request that named no known model counts as {@code none}.
 */
@Singleton
class CompletionMetrics {
    private final MeterRegistry registry;

    /** @param registry the server's; without one (a library use) the meters count into nothing */
    CompletionMetrics(@Nullable MeterRegistry registry) {
        this.registry = registry != null ? registry : new CompositeMeterRegistry();
    }

    void record(CompletionOutcome outcome) {
        String model = outcome.answeringModel() == null ? "none" : outcome.answeringModel();
        String prompt = outcome.promptRef() == null ? "none" : outcome.promptRef();
        Counter.builder("parapet.gateway.requests")
                .description("Chat requests that reached the gateway's pipeline, by how they ended")
                .tags("model", model, "prompt", prompt, "ending", outcome.ending().wire)
                .register(registry)
                .increment();
        if (outcome.blockedBy() != null) {
            Counter.builder("parapet.gateway.blocked")
                    .description("Requests a guardrail blocked, by scanner")
                    .tags("scanner", outcome.blockedBy(), "ending", outcome.ending().wire)
                    .register(registry)
                    .increment();
        }
        if (outcome.totalTokens() > 0) {
            tokens(model, "input", outcome.inputTokens());
            tokens(model, "output", outcome.outputTokens());
        }
        if (outcome.cost() != null) {
            DistributionSummary.builder("parapet.gateway.cost")
                    .description("What answers cost at their model's prices (USD)")
                    .baseUnit("usd")
                    .tags("model", model)
                    .register(registry)
                    .record(outcome.cost());
        }
        Timer.builder("parapet.gateway.overhead")
                .description("Time spent in the gateway itself, without the upstream's share")
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry)
                .record(Duration.ofMillis(outcome.overheadMillis()));
    }

    private void tokens(String model, String direction, int count) {
        Counter.builder("parapet.gateway.tokens")
                .description("Tokens in and out, as the provider counted them or estimated")
                .tags("model", model, "direction", direction)
                .register(registry)
                .increment(count);
    }
}
