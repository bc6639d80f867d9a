package io.parapet.streaming.monitor;

import io.micronaut.core.annotation.Nullable;
import io.parapet.streaming.monitor.online.OnlineCheck;
import java.util.List;

/**
 * What the monitors borrow from the rest of Parapet: a toxicity scorer for answers that arrive unscored, a sentence
 * embedder for semantic drift, and extra online checks (the built-in ones always run). Each may be absent; what
 * needs it is then off.
 */
public record MonitorPlugins(
        @Nullable TextScorer toxicity, @Nullable TextEmbedder embedder, List<OnlineCheck> checks) {
    public static MonitorPlugins none() {
        return new MonitorPlugins(null, null, List.of());
    }
}
