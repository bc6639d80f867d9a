package io.parapet.registry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import io.parapet.core.Actor;
import io.parapet.core.ParapetException;
import io.parapet.registry.internal.ModelRepository;
import io.parapet.registry.internal.PromptRepository;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;

/**
 * Fills an empty registry with exact versions made elsewhere, as an edge gateway does with the release baked into
 * its image: each keeps its version number, so {@code support/bot#7} is still version 7 in the traffic, the events
 * and the monitors. A version goes in through the same checks as any other (the registry is only told to count from
 * the number before it), and a prompt whose content no longer hashes to what was pinned is refused.
 */
@Singleton
public class RegistrySeed {
    private final PromptService prompts;
    private final ModelService models;
    private final PromptRepository promptRows;
    private final ModelRepository modelRows;
    private final Clock clock;

    RegistrySeed(
            PromptService prompts,
            ModelService models,
            PromptRepository promptRows,
            ModelRepository modelRows,
            Clock clock) {
        this.prompts = prompts;
        this.models = models;
        this.promptRows = promptRows;
        this.modelRows = modelRows;
        this.clock = clock;
    }

    /**
     * Adds {@code pinned} as version {@code pinned.version()} of a model the registry does not hold yet, with
     * {@code credential} (from the deployment's environment, never from the release). A model already holding
     * that very version with the same content, such as the built-in {@code echo}, is left as it is.
     */
    @Transactional
    public void model(ModelVersion pinned, @Nullable String credential, Actor actor) {
        var existing = modelRows.findByName(pinned.name());
        if (existing.isPresent()) {
            ModelVersion held = models.get(pinned.name(), null);
            if (held.version() == pinned.version() && held.provider() == pinned.provider() && credential == null) {
                return;
            }
            throw ParapetException.conflict("model '" + pinned.name() + "' is already in the registry");
        }
        modelRows.insertIfAbsent(pinned.name(), clock.instant());
        long id = modelRows.findByNameForUpdate(pinned.name()).orElseThrow().id();
        modelRows.updateLatest(id, pinned.version() - 1, clock.instant());
        models.createVersion(
                pinned.name(),
                new CreateModelVersionRequest(
                        pinned.provider(),
                        pinned.modelId(),
                        pinned.baseUrl(),
                        pinned.parameters(),
                        credential,
                        pinned.commitMessage(),
                        pinned.prices()),
                actor);
    }

    /** Adds {@code pinned} (a prompt or a policy) at its own version number, with {@code labels} on it. */
    @Transactional
    public void prompt(PromptVersion pinned, List<String> labels, Actor actor) {
        if (promptRows.findByName(pinned.name()).isPresent()) {
            throw ParapetException.conflict("prompt '" + pinned.name() + "' is already in the registry");
        }
        promptRows.insertIfAbsent(pinned.name(), pinned.type().wire(), null, "[]", clock.instant());
        long id = promptRows.findByNameForUpdate(pinned.name()).orElseThrow().id();
        promptRows.updateLatest(id, pinned.version() - 1, clock.instant());
        // ensureVersion, not createVersion: the latter compares with the latest version, which a seed does not hold.
        PromptVersion saved = prompts.ensureVersion(
                        pinned.name(),
                        new CreateVersionRequest(
                                pinned.type(),
                                pinned.template(),
                                pinned.messages(),
                                pinned.variables(),
                                pinned.model(),
                                pinned.responseFormat(),
                                pinned.commitMessage(),
                                labels,
                                null,
                                null,
                                pinned.guardrails(),
                                pinned.policy()),
                        actor)
                .value();
        if (saved.version() != pinned.version() || !saved.contentHash().equals(pinned.contentHash())) {
            throw ParapetException.conflict("prompt " + pinned.name() + "#" + pinned.version()
                    + " does not hash to its pinned content here (" + saved.contentHash() + " vs "
                    + pinned.contentHash() + ")");
        }
    }
}
