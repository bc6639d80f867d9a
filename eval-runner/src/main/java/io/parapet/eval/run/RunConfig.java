package io.parapet.eval.run;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The evaluation runner of this process.
 *
 * @param enabled whether this process executes runs (gateway replicas can leave them to a worker)
 * @param poll how often an idle runner looks for queued runs and runs whose worker died
 * @param lease how long a runner owns a run without renewing it; a run whose worker died resumes after this
 * @param maxParallelRuns runs this process executes at once
 * @param retries extra tries of an item whose call failed in a way that may pass (an upstream outage)
 */
@ConfigurationProperties("parapet.eval.runner")
public record RunConfig(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "500ms") Duration poll,
        @Bindable(defaultValue = "30s") Duration lease,
        @Bindable(defaultValue = "2") int maxParallelRuns,
        @Bindable(defaultValue = "2") int retries) {
    public RunConfig {
        if (lease.toMillis() < 1000) {
            throw new IllegalArgumentException("parapet.eval.runner.lease must be at least 1s, not " + lease);
        }
        if (maxParallelRuns < 1 || maxParallelRuns > 16) {
            throw new IllegalArgumentException("parapet.eval.runner.max-parallel-runs must be 1..16");
        }
        if (retries < 0 || retries > 5) {
            throw new IllegalArgumentException("parapet.eval.runner.retries must be 0..5");
        }
    }
}
