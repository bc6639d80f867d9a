package io.parapet.deployer.rollout;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One step of a rollout: the canary's share of traffic, and how long and on how many of its completions the
 * analysis must pass before the next step. {@code minDuration} is written {@code 30s}, {@code 5m}, {@code 1h} or in
 * ISO-8601 ({@code PT5M}); {@code minSamples} counts the canary's completions the monitors saw during the step.
 */
@Serdeable
public record RolloutStep(
        Integer percent,
        @Nullable String minDuration,
        @Nullable Integer minSamples) {}
