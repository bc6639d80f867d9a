package io.parapet.deployer.rollout;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A rollout to start: {@code canaryVersion} of {@code prompt@label} (label {@code production} if omitted) through
 * {@code steps} of rising percentages; after the last step passes, the label moves to the canary. {@code watch}
 * names the monitors whose alerts on the canary roll it back ({@link Watch}); all of them if omitted.
 */
@Serdeable
public record RolloutSpec(
        String prompt,
        @Nullable String label,
        Integer canaryVersion,
        List<RolloutStep> steps,
        @Nullable List<String> watch) {}
