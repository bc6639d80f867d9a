package io.parapet.gateway;

import io.parapet.core.ParapetException;
import io.parapet.core.Problem;
import io.parapet.guardrails.Policy;
import io.parapet.registry.ModelClients;
import io.parapet.registry.ModelParameters;
import io.parapet.registry.ModelRef;
import io.parapet.registry.ModelVersion;
import io.parapet.registry.PromptCache;
import io.parapet.registry.ResolvedPrompt;
import io.parapet.registry.VersionRef;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The resolution step: turns what a request names ({@code model}, a key's policy, a model override) into a {@link
 * ChatPlan}, reading the registry cache once per artifact and refusing what cannot run before anything is scanned or
 * sent.
 */
@Singleton
class ChatPlanner {
    static final String PROMPT_PREFIX = "prompt:";

    private final PromptCache cache;
    private final PolicyResolver policies;
    private final GatewaySettings settings;

    ChatPlanner(PromptCache cache, PolicyResolver policies, GatewaySettings settings) {
        this.cache = cache;
        this.policies = policies;
        this.settings = settings;
    }

    /**
     * @param modelOverride a catalog model that answers a registry prompt instead of its own (evaluations comparing
     *     models), with that model's defaults; or null
     */
    ChatPlan plan(ChatRequest request, Caller caller, String modelOverride) {
        ResolvedPrompt prompt = null;
        PolicyResolver.Resolved policy;
        ModelRef ref;
        if (request.model().startsWith(PROMPT_PREFIX)) {
            VersionRef named = VersionRef.parse(request.model().substring(PROMPT_PREFIX.length()), "model");
            // A split label sends each caller to one side for good: the end user the client names, else its key.
            String sticky = request.user() != null ? "user:" + request.user() : caller.budget();
            prompt = cache.route(named.prompt(), named.label(), named.version(), sticky);
            policy = policies.forPrompt(prompt.version());
            ref = modelOverride != null
                    ? new ModelRef(modelOverride, null, null)
                    : prompt.version().model() == null
                            ? new ModelRef("echo", null, null)
                            : prompt.version().model();
        } else {
            String name = caller.defaultPolicy() != null ? caller.defaultPolicy() : settings.defaultPolicy();
            policy = "none".equals(name) ? new PolicyResolver.Resolved("none", Policy.none()) : policies.resolve(name);
            ref = new ModelRef(request.model(), null, null);
        }
        ModelParameters parameters = parameters(request, ref, prompt != null);
        List<ModelVersion> chain = new ArrayList<>();
        chain.add(model(ref.name(), ref.version()));
        ref.fallbackNames().forEach(name -> chain.add(model(name, null)));
        Map<String, Object> responseFormat = request.responseFormat() != null
                ? request.responseFormat()
                : prompt == null ? null : prompt.version().responseFormat();
        Map<String, Object> extraBody = new LinkedHashMap<>();
        if (responseFormat != null) {
            extraBody.put("response_format", responseFormat);
        }
        if (request.tools() != null) {
            extraBody.putAll(request.tools());
        }
        if (!extraBody.isEmpty()
                && chain.stream()
                        .anyMatch(m -> !m.provider().isDevelopment() && !ModelClients.speaksOpenAi(m.provider()))) {
            throw ParapetException.invalidField(
                    extraBody.keySet().iterator().next(),
                    "is passed to OpenAI-compatible providers only, and this chain has another");
        }
        return new ChatPlan(
                prompt, policy, List.copyOf(chain), parameters, Collections.unmodifiableMap(extraBody), responseFormat);
    }

    /**
     * The parameters of the call: the prompt's, then what the client sets, which a prompt must allow by name
     * ({@code model.clientOverrides}); a catalog model takes any. Null means the model's own defaults.
     */
    private static ModelParameters parameters(ChatRequest request, ModelRef ref, boolean prompt) {
        ModelParameters client = request.parameters();
        if (client != null && prompt) {
            List<String> refused = client.setNames().stream()
                    .filter(name -> !ref.clientOverrideNames().contains(name))
                    .toList();
            if (!refused.isEmpty()) {
                throw ParapetException.invalidField(
                        refused.get(0),
                        "this prompt does not let clients set " + refused + "; it allows " + ref.clientOverrideNames()
                                + " (model.clientOverrides)");
            }
        }
        ModelParameters base = ref.parameters();
        return base == null ? client : base.overriddenBy(client);
    }

    private ModelVersion model(String name, Integer version) {
        try {
            return cache.model(name, version);
        } catch (ParapetException e) {
            if (e.problem() == Problem.NOT_FOUND) {
                throw ParapetException.notFound(
                        "model '" + name + "' does not exist: use a catalog model or prompt:<name>@<label>");
            }
            throw e;
        }
    }
}
