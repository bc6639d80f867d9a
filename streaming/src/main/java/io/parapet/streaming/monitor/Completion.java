package io.parapet.streaming.monitor;

import io.micronaut.core.annotation.Nullable;
import io.parapet.core.events.ChatCompletionEvent;
import java.time.Instant;
import java.util.List;

/**
 * One chat completion as the monitors read it from a {@code parapet.chat.completion.v1} event: which prompt version
 * (or catalog model) answered, when, how it ended, its timings and tokens, and the guardrail verdicts.
 *
 * @param id the event's id (the same after any redelivery)
 * @param subject what the monitors group by: {@code name#version} of a prompt, or {@code model:<name>}
 * @param outputToxicity the toxicity score of the output, from the event's verdicts or scored by the monitors
 * @param inputToxicity the toxicity score of the input, likewise; present for blocked requests too, which is what
 *     lets the monitors see a wave of abuse that the guardrails stop
 * @param inputScript the Unicode script most of the input is written in
 * @param input the (redacted) input
 * @param output the (redacted) answer
 * @param responseFormat the request's {@code response_format} as JSON, if it had one
 * @param embedding the input's sentence embedding, when semantic drift sampled it
 */
public record Completion(
        String id,
        String subject,
        @Nullable String prompt,
        @Nullable Integer promptVersion,
        Instant time,
        String finishReason,
        double totalMs,
        int inputTokens,
        int outputTokens,
        List<ChatCompletionEvent.Verdict> verdicts,
        @Nullable Double outputToxicity,
        @Nullable Double inputToxicity,
        String inputScript,
        String input,
        String output,
        @Nullable String responseFormat,
        @Nullable float[] embedding) {

    /** The prompt of a subject ({@code support/bot} for {@code support/bot#3}); null for {@code model:<name>}. */
    @Nullable
    public static String promptOf(String subject) {
        int hash = subject.lastIndexOf('#');
        return subject.startsWith("model:") || hash < 0 ? null : subject.substring(0, hash);
    }

    public boolean failed() {
        return finishReason.equals("error");
    }

    /** Blocked by a guardrail, on input or output. */
    public boolean blocked() {
        return finishReason.equals("input_blocked") || finishReason.equals("content_filter");
    }

    public Completion withOutputToxicity(double score) {
        return with(score, inputToxicity, embedding);
    }

    public Completion withInputToxicity(double score) {
        return with(outputToxicity, score, embedding);
    }

    public Completion withEmbedding(float[] vector) {
        return with(outputToxicity, inputToxicity, vector);
    }

    private Completion with(Double toxicity, Double inToxicity, float[] vector) {
        return new Completion(
                id,
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
                inToxicity,
                inputScript,
                input,
                output,
                responseFormat,
                vector);
    }
}
