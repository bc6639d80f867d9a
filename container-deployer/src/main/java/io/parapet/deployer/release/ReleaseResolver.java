package io.parapet.deployer.release;

import io.parapet.core.ParapetException;
import io.parapet.registry.ModelRef;
import io.parapet.registry.ModelService;
import io.parapet.registry.ModelVersion;
import io.parapet.registry.PromptService;
import io.parapet.registry.PromptType;
import io.parapet.registry.PromptVersion;
import io.parapet.registry.VersionRef;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Resolves what a release asks for into the exact versions it pins, the way the gateway would serve them now: each
 * prompt's model ({@code echo} when it names none) and fallbacks at their pinned or latest versions, and its
 * attached guardrail policy at the version its label points at.
 */
@Singleton
class ReleaseResolver {
    static final int MAX_PROMPTS = 200;
    static final String PLATFORM = io.parapet.deployer.Platform.version();

    private final PromptService prompts;
    private final ModelService models;

    ReleaseResolver(PromptService prompts, ModelService models) {
        this.prompts = prompts;
        this.models = models;
    }

    ReleaseContent resolve(ReleaseSpec spec) {
        if (spec.prompts() == null || spec.prompts().isEmpty() || spec.prompts().size() > MAX_PROMPTS) {
            throw ParapetException.invalidField(
                    "prompts", "list 1 to " + MAX_PROMPTS + " prompts: name@label or name#version");
        }
        Map<String, ReleaseContent.Prompt> served = new TreeMap<>();
        Map<String, ReleaseContent.Pinned> pinnedModels = new TreeMap<>();
        Map<String, ReleaseContent.Pinned> pinnedPolicies = new TreeMap<>();
        for (int i = 0; i < spec.prompts().size(); i++) {
            String field = "prompts[" + i + "]";
            String ref = spec.prompts().get(i);
            VersionRef parsed = VersionRef.parse(ref, field);
            PromptVersion prompt = prompts.resolve(parsed.prompt(), parsed.label(), parsed.version());
            if (prompt.type() == PromptType.POLICY) {
                throw ParapetException.invalidField(
                        field, "'" + prompt.name() + "' is a guardrail policy, not a prompt");
            }
            if (served.containsKey(prompt.name())) {
                throw ParapetException.invalidField(
                        field, "prompt '" + prompt.name() + "' is listed twice; a release serves one version of it");
            }
            List<String> chain = new ArrayList<>();
            ModelRef model = prompt.model() == null ? new ModelRef("echo", null, null) : prompt.model();
            chain.add(pin(models.get(model.name(), model.version()), pinnedModels));
            for (String fallback : model.fallbackNames()) {
                chain.add(pin(models.get(fallback, null), pinnedModels));
            }
            String policy = null;
            if (prompt.guardrails() != null) {
                VersionRef p = VersionRef.parse(prompt.guardrails(), "guardrails");
                PromptVersion attached = prompts.resolve(p.prompt(), p.label(), p.version());
                var pinned = new ReleaseContent.Pinned(attached.name(), attached.version(), attached.contentHash());
                pinnedPolicies.put(pinned.ref(), pinned);
                policy = pinned.ref();
            }
            served.put(
                    prompt.name(),
                    new ReleaseContent.Prompt(
                            prompt.name(), prompt.version(), prompt.contentHash(), ref, chain, policy));
        }
        Map<String, CredentialRef> credentials = new TreeMap<>();
        if (spec.credentials() != null) {
            for (Map.Entry<String, CredentialRef> c : spec.credentials().entrySet()) {
                String field = "credentials." + c.getKey();
                boolean used =
                        pinnedModels.values().stream().anyMatch(m -> m.name().equals(c.getKey()));
                if (!used) {
                    throw ParapetException.invalidField(
                            field, "no model of this release is named '" + c.getKey() + "'");
                }
                if (c.getValue() == null) {
                    throw ParapetException.invalidField(field, "give {secret, key} or {env}");
                }
                credentials.put(c.getKey(), c.getValue().checked(field));
            }
        }
        return new ReleaseContent(
                PLATFORM,
                List.copyOf(served.values()),
                List.copyOf(pinnedModels.values()),
                List.copyOf(pinnedPolicies.values()),
                credentials);
    }

    private static String pin(ModelVersion m, Map<String, ReleaseContent.Pinned> pinned) {
        var p = new ReleaseContent.Pinned(m.name(), m.version(), m.contentHash());
        pinned.put(p.ref(), p);
        return p.ref();
    }
}
