package io.parapet.registry;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** A template variable: a required one must be given at render time unless it has a default. */
@Serdeable
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record Variable(
        String name,
        @Nullable Boolean required,
        @JsonProperty("default") @Nullable String defaultValue,
        @Nullable String description) {

    public boolean isRequired() {
        return !Boolean.FALSE.equals(required) && defaultValue == null;
    }

    /** The same variable with {@code required} spelled out, so equal declarations hash alike. */
    public Variable normalized() {
        return new Variable(name, !Boolean.FALSE.equals(required), defaultValue, description);
    }
}
