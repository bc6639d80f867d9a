package io.parapet.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** One immutable model version. {@code development} marks the built-in {@code echo} provider. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelVersion(
        String name,
        int version,
        Provider provider,
        String modelId,
        @Nullable String baseUrl,
        @Nullable ModelParameters parameters,
        boolean hasCredential,
        boolean development,
        String commitMessage,
        String author,
        Instant createdAt,
        String contentHash,
        @Nullable ModelPrices prices) {}
