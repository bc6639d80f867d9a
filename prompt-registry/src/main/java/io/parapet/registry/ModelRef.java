package io.parapet.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The model a prompt version runs on: a catalog model, pinned to a version or following its latest, its
 * parameters, the catalog models the gateway falls back to, in order, when it fails ({@code fallbacks}: names,
 * each following its latest version), and the parameters chat clients may set themselves ({@code clientOverrides},
 * OpenAI wire names such as {@code temperature}; none by default).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelRef(
        String name,
        @Nullable Integer version,
        @Nullable ModelParameters parameters,
        @Nullable List<String> fallbacks,
        @Nullable List<String> clientOverrides) {

    public ModelRef(String name, @Nullable Integer version, @Nullable ModelParameters parameters) {
        this(name, version, parameters, null, null);
    }

    /** The parameters clients may set, never null. */
    public List<String> clientOverrideNames() {
        return clientOverrides == null ? List.of() : clientOverrides;
    }

    /** The fallbacks, never null. */
    public List<String> fallbackNames() {
        return fallbacks == null ? List.of() : fallbacks;
    }
}
