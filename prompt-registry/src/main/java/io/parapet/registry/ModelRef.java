package io.parapet.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The model a prompt version runs on: a catalog model, pinned to a version or following its latest. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelRef(
        String name, @Nullable Integer version, @Nullable ModelParameters parameters) {}
