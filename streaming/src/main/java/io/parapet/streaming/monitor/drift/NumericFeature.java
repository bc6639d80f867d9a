package io.parapet.streaming.monitor.drift;

import io.micronaut.core.annotation.Nullable;
import io.parapet.streaming.monitor.Completion;
import java.util.function.Function;

/**
 * The numeric features drift is measured on, each counted in {@link #BINS} fixed, fine bins. Fixed bins keep a
 * window's profile small, mergeable and cheap to update; PSI then merges them into buckets of equal reference mass,
 * and Kolmogorov–Smirnov reads the cumulative counts at the bin edges (conservative for ties, as binned data is).
 */
public enum NumericFeature {
    INPUT_TOKENS("input_tokens", c -> (double) c.inputTokens(), false),
    OUTPUT_TOKENS("output_tokens", c -> (double) c.outputTokens(), false),
    LATENCY_MS("latency_ms", Completion::totalMs, false),
    TOXICITY("toxicity", Completion::outputToxicity, true);

    public static final int BINS = 128;
    /** Log-scale resolution: 4 bins per doubling covers 0 to 2^31 in 125 bins, with about 19% width each. */
    private static final int PER_OCTAVE = 4;

    private final String label;
    private final Function<Completion, Double> value;
    private final boolean unitInterval;

    NumericFeature(String label, Function<Completion, Double> value, boolean unitInterval) {
        this.label = label;
        this.value = value;
        this.unitInterval = unitInterval;
    }

    public String label() {
        return label;
    }

    /** The completion's value of this feature, or null when it has none (an unscored answer has no toxicity). */
    @Nullable
    Double of(Completion c) {
        return value.apply(c);
    }

    /** The bin of a value: linear over [0, 1] for scores, logarithmic for counts and durations. */
    int bin(double v) {
        if (Double.isNaN(v) || v <= 0) {
            return 0;
        }
        if (unitInterval) {
            return (int) Math.min(BINS - 1, Math.floor(v * (BINS - 1)) + 1);
        }
        double log = Math.log(1 + v) / Math.log(2);
        return (int) Math.min(BINS - 1, Math.floor(log * PER_OCTAVE) + 1);
    }
}
