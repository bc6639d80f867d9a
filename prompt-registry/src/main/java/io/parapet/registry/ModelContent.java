package io.parapet.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** What a model version is, apart from its credential (which is stored encrypted, never in content). */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelContent(
        Provider provider,
        String modelId,
        @Nullable String baseUrl,
        @Nullable ModelParameters parameters) {}
