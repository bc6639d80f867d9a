package io.parapet.streaming.monitor;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;

/**
 * One chat completion as the monitors read it from a {@code parapet.chat.completion.v1} event: which prompt version
 * (or catalog model) answered, when, how it ended, its timings and tokens, and the guardrail verdicts.
 *
 * @param subject what the monitors group by: {@code name#version} of a prompt, or {@code model:<name>}
 * @param outputToxicity the toxicity score of the output, from the event's verdicts or scored by the monitors
 */
public record Completion(
        String subject,
        @Nullable String prompt,
        @Nullable Integer promptVersion,
        Instant time,
        String finishReason,
        double totalMs,
        int inputTokens,
        int outputTokens,
        List<Verdict> verdicts,
        @Nullable Double outputToxicity,
        String output) {

    /** One scanner's result on one direction. */
    public record Verdict(String direction, String scanner, String action, double score, boolean triggered) {}

    public boolean failed() {
        return finishReason.equals("error");
    }

    /** Blocked by a guardrail, on input or output. */
    public boolean blocked() {
        return finishReason.equals("input_blocked") || finishReason.equals("content_filter");
    }

    public Completion withoutTexts() {
        return with(outputToxicity, "");
    }

    public Completion withOutputToxicity(double score) {
        return with(score, output);
    }

    private Completion with(Double toxicity, String text) {
        return new Completion(
                subject,
                prompt,
                promptVersion,
                time,
                finishReason,
                totalMs,
                inputTokens,
                outputTokens,
                verdicts,
                toxicity,
                text);
    }
}
