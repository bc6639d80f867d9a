package io.parapet.core.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code data} of a {@code parapet.eval.result.v1} event, keyed by the prompt: a finished evaluation run, what it
 * evaluated, how it ended and its aggregates (per evaluator: pass rate, mean score, and their intervals).
 *
 * @param status {@code completed}, {@code completed_with_errors}, {@code cancelled} or {@code stopped_at_budget}
 * @param reason why a run did not complete, or null
 * @param aggregates the run's aggregates as the API shows them, or null when no item finished
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EvalResultEvent(
        long run,
        String prompt,
        int promptVersion,
        String dataset,
        int datasetVersion,
        String status,
        String reason,
        int done,
        int total,
        int errored,
        int passed,
        long tokens,
        double cost,
        JsonNode aggregates) {
    public static final EventType TYPE = EventType.EVAL_RESULT;
}
