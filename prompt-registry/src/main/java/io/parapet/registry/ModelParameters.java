package io.parapet.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * Generation parameters, as defaults on a model version or as overrides on a prompt version. Unset fields fall
 * through to the next level (prompt → model → provider).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelParameters(
        @Nullable Double temperature,
        @Nullable Integer maxTokens,
        @Nullable Double topP,
        @Nullable List<String> stop,
        @Nullable Double presencePenalty,
        @Nullable Double frequencyPenalty,
        @Nullable Long seed) {}
