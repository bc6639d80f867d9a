package io.parapet.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** A rendered prompt: text for a {@code text} prompt, messages for a {@code chat} prompt. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Rendered(
        String name,
        int version,
        PromptType type,
        @Nullable String text,
        @Nullable List<Message> messages) {}
