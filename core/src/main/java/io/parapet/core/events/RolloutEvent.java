package io.parapet.core.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The {@code data} of a {@code parapet.rollout.v1} event, keyed by the prompt: a rollout started, stepped, paused,
 * was promoted, rolled back or aborted.
 *
 * @param change what happened: {@code started}, {@code stepped}, {@code paused}, {@code promoted}, {@code
 *     rolled_back} or {@code aborted}
 * @param percent the canary's share after the change
 * @param detail the reason in words (for a rollback, the alert that caused it)
 * @param actor who acted: a publisher, or {@code deployer} for automatic steps and rollbacks
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RolloutEvent(
        long rollout,
        String change,
        String prompt,
        String label,
        int stableVersion,
        int canaryVersion,
        int percent,
        String detail,
        String actor) {
    public static final EventType TYPE = EventType.ROLLOUT;
}
