package io.parapet.registry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Body of {@code POST /api/v1/models/{name}/versions}. {@code credential} (an API key for the provider) is
 * encrypted at rest and never returned; {@code prices} (US dollars per million tokens) lets evaluation runs estimate
 * their cost.
 */
@Serdeable
public record CreateModelVersionRequest(
        @Nullable Provider provider,
        @Nullable String modelId,
        @Nullable String baseUrl,
        @Nullable ModelParameters parameters,
        @Nullable String credential,
        @Nullable String commitMessage,
        @Nullable ModelPrices prices) {

    /** A request without prices (no cost estimates for this model). */
    public CreateModelVersionRequest(
            @Nullable Provider provider,
            @Nullable String modelId,
            @Nullable String baseUrl,
            @Nullable ModelParameters parameters,
            @Nullable String credential,
            @Nullable String commitMessage) {
        this(provider, modelId, baseUrl, parameters, credential, commitMessage, null);
    }
}
