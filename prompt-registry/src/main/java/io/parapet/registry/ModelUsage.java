package io.parapet.registry;

import io.parapet.core.Json;
import io.parapet.registry.internal.ModelRepository;
import io.parapet.registry.internal.PromptVersionEntity;
import io.parapet.registry.internal.PromptVersionRepository;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Which protected-label prompt versions a model reaches: those that name it unpinned (they follow its latest
 * version) or as a fallback. A new version of such a model changes what production calls, so it needs the same
 * role as moving a protected label.
 */
@Singleton
class ModelUsage {
    private final PromptVersionRepository versions;
    private final ModelRepository models;
    private final RegistryConfig config;

    ModelUsage(PromptVersionRepository versions, ModelRepository models, RegistryConfig config) {
        this.versions = versions;
        this.models = models;
        this.config = config;
    }

    /**
     * Before a protected label points at {@code content}: share-locks the models it follows until the transaction
     * ends. A new version of one of them (which locks its model for update before counting followers) then either
     * finished first, or waits and counts this label, so an editor cannot slip a version in while it moves.
     */
    void holdFollowed(PromptVersionEntity target) {
        PromptContent content = Json.convert(Json.read(target.content()), PromptContent.class);
        ModelRef ref = content.model();
        if (ref == null) {
            return;
        }
        List<String> followed = new java.util.ArrayList<>(ref.fallbackNames());
        if (ref.version() == null) {
            followed.add(ref.name());
        }
        if (!followed.isEmpty()) {
            models.lockForShare(followed);
        }
    }

    /** How many prompt versions under a protected label follow the latest version of {@code model}. */
    int protectedFollowers(String model) {
        if (config.protectedLabels().isEmpty()) {
            return 0;
        }
        String quoted = Json.write(model);
        String pattern = "%" + quoted.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        List<PromptVersionEntity> candidates = versions.findLabelledMentioning(config.protectedLabels(), pattern);
        return (int) candidates.stream()
                .map(v -> Json.convert(Json.read(v.content()), PromptContent.class)
                        .model())
                .filter(ref -> ref != null && follows(ref, model))
                .count();
    }

    private static boolean follows(ModelRef ref, String model) {
        return (ref.name().equals(model) && ref.version() == null)
                || ref.fallbackNames().contains(model);
    }
}
