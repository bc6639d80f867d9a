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
        @Nullable Long seed) {

    /** The OpenAI wire names of the parameters, as clients send them and prompts allow them. */
    public static final List<String> WIRE_NAMES =
            List.of("temperature", "max_tokens", "top_p", "stop", "presence_penalty", "frequency_penalty", "seed");

    /** These parameters with every field {@code over} sets taking its place. */
    public ModelParameters overriddenBy(@Nullable ModelParameters over) {
        if (over == null) {
            return this;
        }
        return new ModelParameters(
                over.temperature != null ? over.temperature : temperature,
                over.maxTokens != null ? over.maxTokens : maxTokens,
                over.topP != null ? over.topP : topP,
                over.stop != null ? over.stop : stop,
                over.presencePenalty != null ? over.presencePenalty : presencePenalty,
                over.frequencyPenalty != null ? over.frequencyPenalty : frequencyPenalty,
                over.seed != null ? over.seed : seed);
    }

    /** The wire names of the fields that are set. */
    public List<String> setNames() {
        List<String> names = new java.util.ArrayList<>();
        Object[] values = {temperature, maxTokens, topP, stop, presencePenalty, frequencyPenalty, seed};
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                names.add(WIRE_NAMES.get(i));
            }
        }
        return names;
    }

    /** A 400 listing every value out of range, with {@code field} before each name. */
    public void check(String field) {
        io.parapet.registry.internal.ContentRules.checkParameters(this, field);
    }
}
