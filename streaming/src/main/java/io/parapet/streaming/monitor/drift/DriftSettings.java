package io.parapet.streaming.monitor.drift;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Drift detection ({@code parapet.monitors.drift.*}). Each closed window of a prompt version is compared with the
 * version's reference: its first {@code referenceSize} events. Thresholds scale with both sample sizes, so a 1-minute
 * window of 100 events and an hour of 50,000 hold the same false-alarm rate (see docs/benchmarks.md for the
 * replay that measures it).
 *
 * @param enabled whether drift is measured at all
 * @param referenceSize how many of a version's first events make its reference
 * @param minSamples no drift verdict on a window (or an embedded sample) smaller than this
 * @param alpha the false-alarm rate each window may have over all its features together (Bonferroni-split)
 * @param psiFloor a numeric feature drifts only when its PSI is also above this, however large the window
 * @param jsFloor a categorical feature drifts only when its Jensen–Shannon distance is also above this
 * @param semanticSample the share of inputs embedded for semantic drift (0 turns it off; MiniLM costs ~0.25 ms a
 *     token on one core, so at high traffic a sample gives the same verdict for a fraction of the CPU)
 * @param semanticPerSecond at most this many inputs embedded a second per instance (0: no limit), so heavy traffic
 *     costs the monitors a bounded share of CPU; the rest are still counted by every other monitor
 * @param semanticZ the semantic drift threshold, in multiples of the MMD expected between two samples of one
 *     distribution of these sizes
 * @param centroidFloor semantic drift also needs the centroids' cosine distance above this
 */
@ConfigurationProperties("parapet.monitors.drift")
public record DriftSettings(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "500") int referenceSize,
        @Bindable(defaultValue = "50") int minSamples,
        @Bindable(defaultValue = "0.01") double alpha,
        @Bindable(defaultValue = "0.1") double psiFloor,
        @Bindable(defaultValue = "0.1") double jsFloor,
        @Bindable(defaultValue = "1.0") double semanticSample,
        @Bindable(defaultValue = "100") int semanticPerSecond,
        @Bindable(defaultValue = "3.0") double semanticZ,
        @Bindable(defaultValue = "0.02") double centroidFloor) {

    public static DriftSettings defaults() {
        return new DriftSettings(true, 500, 50, 0.01, 0.1, 0.1, 1.0, 100, 3.0, 0.02);
    }

    public DriftSettings withEmbeddingsPerSecond(int perSecond) {
        return new DriftSettings(
                enabled,
                referenceSize,
                minSamples,
                alpha,
                psiFloor,
                jsFloor,
                semanticSample,
                perSecond,
                semanticZ,
                centroidFloor);
    }

    public DriftSettings withReferenceSize(int size) {
        return new DriftSettings(
                enabled,
                size,
                minSamples,
                alpha,
                psiFloor,
                jsFloor,
                semanticSample,
                semanticPerSecond,
                semanticZ,
                centroidFloor);
    }
}
