package io.parapet.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What a model version is, apart from its credential (which is stored encrypted, never in content). {@code prices}
 * is left out of the JSON when unset, so versions made before prices existed keep their content hash.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelContent(
        Provider provider,
        String modelId,
        @Nullable String baseUrl,
        @Nullable ModelParameters parameters,
        @Nullable ModelPrices prices) {}
