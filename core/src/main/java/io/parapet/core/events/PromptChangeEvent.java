package io.parapet.core.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The {@code data} of a {@code parapet.prompt.change.v1} event, keyed by the prompt (or {@code model:<name>}): a
 * registry change other gateways and caches act on. Which fields are set depends on {@code change}.
 *
 * @param change {@code version.create}, {@code model.version.create}, {@code label.move}, {@code label.delete},
 *     {@code label.split} or {@code label.unsplit}
 * @param type the artifact's kind: {@code text}, {@code chat}, {@code policy} or {@code model}
 * @param version the version created, or the one the label points at now (the stable side of a split)
 * @param from the version the label pointed at before, or null
 * @param canaryPercent the share of callers sent to {@code canaryVersion}; 0 when a split ends
 * @param reason why a split changed (a rollout step, an alert), or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PromptChangeEvent(
        String change,
        String prompt,
        String type,
        String actor,
        Integer version,
        String contentHash,
        String label,
        Integer from,
        Integer canaryVersion,
        Integer canaryPercent,
        String reason) {
    public static final EventType TYPE = EventType.PROMPT_CHANGE;
}
