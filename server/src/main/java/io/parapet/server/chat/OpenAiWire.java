package io.parapet.server.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * OpenAI's chat-completions wire format as Parapet writes it, one record per object (Micronaut Serde). Fields OpenAI
 * sends as {@code null} are written as {@code null} ({@code finish_reason} of a delta, an error's {@code param}), and
 * the ones it leaves out when absent are left out. Requests are read by {@link io.parapet.gateway.ChatRequest}, which
 * must accept what SDKs send (content as a string or parts, fields Parapet does not use) and name the field of each
 * error, so they have no record here.
 */
final class OpenAiWire {
    private OpenAiWire() {}

    @Serdeable
    record Completion(String id, String object, long created, String model, List<Choice> choices, Usage usage) {}

    @Serdeable
    record Choice(
            int index,
            AssistantMessage message,
            @JsonProperty("finish_reason") String finishReason) {}

    /** {@code content} is null, not absent, when the answer is only tool calls. */
    @Serdeable
    record AssistantMessage(
            String role,
            @JsonInclude(JsonInclude.Include.ALWAYS) String content,
            @JsonProperty("tool_calls") List<ToolCall> toolCalls) {}

    /** {@code index} is set in a stream's delta only. */
    @Serdeable
    record ToolCall(Integer index, String id, String type, Function function) {}

    @Serdeable
    record Function(String name, String arguments) {}

    @Serdeable
    record Usage(
            @JsonProperty("prompt_tokens") int promptTokens,
            @JsonProperty("completion_tokens") int completionTokens,
            @JsonProperty("total_tokens") int totalTokens) {
        static Usage of(int in, int out) {
            return new Usage(in, out, in + out);
        }
    }

    @Serdeable
    record Chunk(String id, String object, long created, String model, List<ChunkChoice> choices, Usage usage) {}

    @Serdeable
    record ChunkChoice(
            int index,
            Delta delta,

            @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("finish_reason")
            String finishReason) {}

    @Serdeable
    record Delta(
            String role,
            String content,
            @JsonProperty("tool_calls") List<ToolCall> toolCalls) {
        static final Delta EMPTY = new Delta(null, null, null);
    }

    @Serdeable
    record Error(ErrorBody error) {}

    /** {@code param} and {@code code} are null, not absent, when they do not apply. */
    @Serdeable
    record ErrorBody(
            String message,
            String type,
            @JsonInclude(JsonInclude.Include.ALWAYS) String param,
            @JsonInclude(JsonInclude.Include.ALWAYS) String code) {}

    @Serdeable
    record ModelList(String object, List<Model> data) {}

    @Serdeable
    record Model(
            String id,
            String object,
            @JsonProperty("owned_by") String ownedBy) {}

    @Serdeable
    record Feedback(
            String id,
            String object,
            @JsonProperty("completion_id") String completionId) {}
}
