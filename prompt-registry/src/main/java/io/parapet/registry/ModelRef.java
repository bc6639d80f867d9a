package io.parapet.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The model a prompt version runs on: a catalog model, pinned to a version or following its latest, its
 * parameters, and the catalog models the gateway falls back to, in order, when it fails ({@code fallbacks}: names,
 * each following its latest version).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelRef(
        String name,
        @Nullable Integer version,
        @Nullable ModelParameters parameters,
        @Nullable List<String> fallbacks) {

    public ModelRef(String name, @Nullable Integer version, @Nullable ModelParameters parameters) {
        this(name, version, parameters, null);
    }

    /** The fallbacks, never null. */
    public List<String> fallbackNames() {
        return fallbacks == null ? List.of() : fallbacks;
    }
}
