package io.parapet.registry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /api/v1/prompts/{name}/versions}. Creates the prompt on first use. {@code labels} are moved
 * to the new (or identical existing) version; {@code description} and {@code tags} update the prompt itself.
 * {@code guardrails} attaches a policy ({@code name@label} or {@code name#version}); {@code policy} is the document
 * of a {@code policy} entry.
 */
@Serdeable
public record CreateVersionRequest(
        @Nullable PromptType type,
        @Nullable String template,
        @Nullable List<Message> messages,
        @Nullable List<Variable> variables,
        @Nullable ModelRef model,
        @Nullable Map<String, Object> responseFormat,
        @Nullable String commitMessage,
        @Nullable List<String> labels,
        @Nullable String description,
        @Nullable List<String> tags,
        @Nullable String guardrails,
        @Nullable Map<String, Object> policy) {

    /** A prompt version with no attached policy. */
    public CreateVersionRequest(
            @Nullable PromptType type,
            @Nullable String template,
            @Nullable List<Message> messages,
            @Nullable List<Variable> variables,
            @Nullable ModelRef model,
            @Nullable Map<String, Object> responseFormat,
            @Nullable String commitMessage,
            @Nullable List<String> labels,
            @Nullable String description,
            @Nullable List<String> tags) {
        this(
                type,
                template,
                messages,
                variables,
                model,
                responseFormat,
                commitMessage,
                labels,
                description,
                tags,
                null,
                null);
    }
}
