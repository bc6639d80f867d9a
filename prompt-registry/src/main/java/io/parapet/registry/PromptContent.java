package io.parapet.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * What a prompt version is: the part that is hashed and compared. A {@code text} prompt has a template; a
 * {@code chat} prompt has messages; either may name the guardrail policy that protects it ({@code guardrails}, a
 * {@link VersionRef}). A {@code policy} entry has only a {@code policy} document. Commit message, author and time
 * describe a version but are not its content.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PromptContent(
        PromptType type,
        @Nullable String template,
        @Nullable List<Message> messages,
        List<Variable> variables,
        @Nullable ModelRef model,
        @Nullable Map<String, Object> responseFormat,
        @Nullable String guardrails,
        @Nullable Map<String, Object> policy) {}
