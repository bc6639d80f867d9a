package io.parapet.registry.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.parapet.registry.Message;
import io.parapet.registry.ModelParameters;
import io.parapet.registry.ModelPrices;
import io.parapet.registry.ModelRef;
import io.parapet.registry.PromptType;
import io.parapet.registry.Provider;
import io.parapet.registry.Variable;
import java.util.List;
import java.util.Map;

/**
 * Prompt-as-code: the desired state of models, prompts and labels, as kept in a git repository. {@code GET
 * /api/v1/export} writes this format and {@code POST /api/v1/apply} reads it back, so a round trip changes nothing.
 * Credentials are never part of a bundle: set them through the API. Apply keeps a model's credential while its
 * provider and base URL stay the same; for a new destination only when an admin sets {@code keepCredential}.
 * Guardrail policies come before prompts, so that a prompt version can attach a policy the same bundle defines.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Bundle(
        @Nullable String apiVersion,
        @Nullable List<BundleModel> models,
        @Nullable List<BundlePrompt> policies,
        @Nullable List<BundlePrompt> prompts) {

    public static final String API_VERSION = "parapet/v1";

    /** A catalog model's latest content. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BundleModel(
            String name,
            Provider provider,
            @Nullable String modelId,
            @Nullable String baseUrl,
            @Nullable ModelParameters parameters,
            @Nullable String commitMessage,
            @Nullable Boolean keepCredential,
            @Nullable ModelPrices prices) {}

    /** A prompt with the versions that matter: the labelled ones and the latest, oldest first. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record BundlePrompt(
            String name,
            @Nullable PromptType type,
            @Nullable String description,
            @Nullable List<String> tags,
            List<BundleVersion> versions) {}

    /** One version's content and the labels that should point at it. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record BundleVersion(
            @Nullable String template,
            @Nullable List<Message> messages,
            @Nullable List<Variable> variables,
            @Nullable ModelRef model,
            @Nullable Map<String, Object> responseFormat,
            @Nullable String guardrails,
            @Nullable Map<String, Object> policy,
            @Nullable String commitMessage,
            @Nullable List<String> labels) {}
}
