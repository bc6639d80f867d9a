package io.parapet.gateway;

import io.parapet.core.events.ChatCompletionEvent;
import java.util.List;

/**
 * How one chat request ended, fixed once it has: made by {@link CompletionTrace#close}, recorded by {@link
 * CompletionEvents#record} (the token charge and the event), and read by whoever answers the caller (the HTTP
 * response or stream, the playground, an evaluation).
 *
 * @param ending how it ended; {@link CompletionTrace.Ending#CONTENT_FILTER} and {@code INPUT_BLOCKED} name the
 *     scanner in {@code blockedBy}
 * @param failure what the caller is told when the request failed or was blocked without a refusal message; else null
 * @param refusal the policy's refusal message, answered instead of a blocked request; or null
 * @param answeringModel {@code name#version} of the model that answered, or null when none was chosen
 * @param overheadMillis the time spent in the gateway, without the upstream's share
 * @param cost what the answer cost at the answering model's prices, or null when it has none
 * @param event the {@code parapet.chat.completion.v1} event, or null when the request never reached a model
 *     (malformed, unknown prompt), which is not a completion
 */
public record CompletionOutcome(
        String requestId,
        CompletionTrace.Ending ending,
        String blockedBy,
        ChatError failure,
        String refusal,
        String promptRef,
        String answeringModel,
        int inputTokens,
        int outputTokens,
        long totalMillis,
        Long firstTokenMillis,
        long overheadMillis,
        Double cost,
        List<ChatCompletionEvent.Verdict> verdicts,
        List<CompletionTrace.Flagged> flagged,
        List<ChatRequest.ToolCall> toolCalls,
        ChatCompletionEvent event) {

    public int totalTokens() {
        return inputTokens + outputTokens;
    }
}
