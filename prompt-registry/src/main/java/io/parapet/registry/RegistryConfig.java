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
 */
@ConfigurationProperties("parapet.registry")
public record RegistryConfig(
        @Bindable(defaultValue = "production") List<String> protectedLabels,
        @Bindable(defaultValue = "5") int maxIncludeDepth) {

    /** Label names are lower-case: {@code "staging, Production"} protects {@code staging} and {@code production}. */
    public RegistryConfig {
        protectedLabels = protectedLabels.stream()
                .map(l -> l.strip().toLowerCase(java.util.Locale.ROOT))
                .filter(l -> !l.isEmpty())
                .distinct()
                .toList();
    }

    public boolean isProtected(String label) {
        return protectedLabels.contains(label);
    }
}
