package io.parapet.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * What changed between two versions: a unified text diff of the templates, and structured changes of the
 * variables, the model reference and its parameters.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PromptDiff(
        String name,
        int from,
        int to,
        String unified,
        List<Change> variables,
        @Nullable Change model,
        List<Change> parameters,
        boolean responseFormatChanged,
        @Nullable Change guardrails) {

    /** One changed item; {@code before} or {@code after} is null when it was added or removed. */
    @Serdeable
    public record Change(
            String name, @Nullable Object before, @Nullable Object after) {}
}
