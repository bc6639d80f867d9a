package io.parapet.eval.dataset;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Bounds of evaluation datasets.
 *
 * @param maxItems the most items one dataset version holds (an import past it is refused with the line)
 */
@ConfigurationProperties("parapet.eval.datasets")
public record DatasetConfig(
        @Bindable(defaultValue = "1000000") int maxItems) {
    public DatasetConfig {
        if (maxItems < 1 || maxItems > 10_000_000) {
            throw new IllegalArgumentException("parapet.eval.datasets.max-items must be 1..10000000, not " + maxItems);
        }
    }
}
