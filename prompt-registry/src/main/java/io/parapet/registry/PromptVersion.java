package io.parapet.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One immutable version of a prompt, with the labels that point at it now. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PromptVersion(
        String name,
        int version,
        PromptType type,
        @Nullable String template,
        @Nullable List<Message> messages,
        List<Variable> variables,
        @Nullable ModelRef model,
        @Nullable Map<String, Object> responseFormat,
        @Nullable String guardrails,
        @Nullable Map<String, Object> policy,
        String commitMessage,
        String author,
        Instant createdAt,
        String contentHash,
        List<String> labels) {

    public PromptContent content() {
        return new PromptContent(type, template, messages, variables, model, responseFormat, guardrails, policy);
    }
}
