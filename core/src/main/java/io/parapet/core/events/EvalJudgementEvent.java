package io.parapet.core.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The {@code data} of a {@code parapet.eval.judgement.v1} event, keyed by the prompt: a model-graded verdict on one
 * sampled live completion (an online {@code llm-judge} rule), or the judge's failure.
 *
 * @param completion the {@code chatcmpl-…} id judged
 * @param subject the monitor subject ({@code prompt#version} or {@code model:<name>})
 * @param score and {@code reason}: the judge's, or null when it failed ({@code error} says why)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EvalJudgementEvent(
        String completion,
        String subject,
        String prompt,
        Integer promptVersion,
        String rule,
        String evaluator,
        boolean passed,
        Double score,
        String reason,
        String error) {
    public static final EventType TYPE = EventType.EVAL_JUDGEMENT;
}
