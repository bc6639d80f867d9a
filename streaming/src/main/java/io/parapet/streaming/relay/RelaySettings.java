package io.parapet.streaming.relay;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How the outbox relay works ({@code parapet.streaming.relay.*}).
 *
 * @param enabled run a relay in this process (several processes may each run one)
 * @param batchSize events published per transaction
 * @param pollInterval how long an idle relay waits before looking again
 * @param sendTimeout how long Kafka may take to acknowledge a batch before the batch is rolled back and retried
 * @param retention how long published rows stay in the table before they are purged
 */
@ConfigurationProperties("parapet.streaming.relay")
public record RelaySettings(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "500") int batchSize,
        @Bindable(defaultValue = "100ms") Duration pollInterval,
        @Bindable(defaultValue = "30s") Duration sendTimeout,
        @Bindable(defaultValue = "24h") Duration retention) {}
