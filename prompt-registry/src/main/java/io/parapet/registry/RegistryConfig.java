package io.parapet.registry;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.List;

/**
 * Registry settings ({@code parapet.registry.*}).
 *
 * @param protectedLabels labels that only a publisher or admin may move or delete
 *     ({@code PARAPET_REGISTRY_PROTECTED_LABELS}, comma-separated)
 * @param maxIncludeDepth how deep {@code {{> other@label}}} includes may nest
 * @param maxRenderedChars the longest text one template may render to
 * @param maxRenderSteps values looked up, section passes and includes entered in one template's render
 */
@ConfigurationProperties("parapet.registry")
public record RegistryConfig(
        @Bindable(defaultValue = "production") List<String> protectedLabels,
        @Bindable(defaultValue = "5") int maxIncludeDepth,
        @Bindable(defaultValue = "1000000") int maxRenderedChars,
        @Bindable(defaultValue = "1000000") long maxRenderSteps) {

    /** Label names are lower-case: {@code "staging, Production"} protects {@code staging} and {@code production}. */
    public RegistryConfig {
        protectedLabels = protectedLabels.stream()
                .map(l -> l.strip().toLowerCase(java.util.Locale.ROOT))
                .filter(l -> !l.isEmpty())
                .distinct()
                .toList();
        new RenderLimits(maxRenderedChars, maxRenderSteps); // refuses to start on a limit below 1
    }

    public RenderLimits renderLimits() {
        return new RenderLimits(maxRenderedChars, maxRenderSteps);
    }

    public boolean isProtected(String label) {
        return protectedLabels.contains(label);
    }
}
