package io.parapet.deployer.rollout;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * A rollout as the API shows it. {@code step} indexes {@code steps}; {@code percent} is the canary's share now (0
 * once it ended, 100 after promotion). Send {@code revision} as {@code If-Match} to act on exactly this state.
 */
@Serdeable
public record Rollout(
        long id,
        String prompt,
        String label,
        int stableVersion,
        int canaryVersion,
        List<Step> steps,
        List<String> watch,
        int step,
        int percent,
        Instant stepStartedAt,
        String state,
        @Nullable String reason,
        int revision,
        String createdBy,
        Instant createdAt,
        String updatedBy,
        Instant updatedAt,
        List<Event> events) {

    /** A step as stored: {@code minDurationSeconds} and {@code minSamples} filled in. */
    @Serdeable
    public record Step(int percent, long minDurationSeconds, int minSamples) {}

    @Serdeable
    public record Event(String kind, int percent, String detail, String actor, Instant at) {}

    /** The subject the monitors use for the canary ({@code name#version}). */
    public String canarySubject() {
        return prompt + "#" + canaryVersion;
    }

    public String stableSubject() {
        return prompt + "#" + stableVersion;
    }
}
