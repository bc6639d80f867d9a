package io.parapet.registry;

import io.parapet.core.Json;
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
    private final RegistryConfig config;

    ModelUsage(PromptVersionRepository versions, RegistryConfig config) {
        this.versions = versions;
        this.config = config;
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
