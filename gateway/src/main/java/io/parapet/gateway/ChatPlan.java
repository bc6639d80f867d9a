package io.parapet.gateway;

import io.parapet.registry.ModelParameters;
import io.parapet.registry.ModelVersion;
import io.parapet.registry.ResolvedPrompt;
import java.util.List;
import java.util.Map;

/**
 * What a request will run, read from the registry cache once, before any text is scanned or sent: the prompt
 * version (null for a catalog model), the guardrail policy, the model chain and the call's parameters.
 *
 * @param models the model asked first, then its fallbacks in order
 * @param extraBody what goes to the provider as written (response_format, tools)
 * @param responseFormat the response_format sent upstream (the request's, else the prompt's), or null
 */
public record ChatPlan(
        ResolvedPrompt prompt,
        PolicyResolver.Resolved policy,
        List<ModelVersion> models,
        ModelParameters parameters,
        Map<String, Object> extraBody,
        Map<String, Object> responseFormat) {

    /** The model asked first. */
    public ModelVersion model() {
        return models.get(0);
    }

    /** {@code name#version} of the prompt, or null for a catalog model. */
    public String promptVersion() {
        return prompt == null
                ? null
                : prompt.version().name() + "#" + prompt.version().version();
    }

    /** What the {@code x-parapet-guardrails} header says of a request that passed. */
    public String guardrailsSummary() {
        return "policy=" + policy.source() + "; input=pass; output=pass";
    }
}
