package io.parapet.streaming.monitor.drift;

/**
 * One feature's drift between a window and its reference.
 *
 * @param feature e.g. {@code input_tokens}, {@code finish_reason}, {@code input_semantic}
 * @param method {@code psi} (with Kolmogorov–Smirnov), {@code jensen-shannon} (with a G-test), or {@code mmd}
 * @param value the distance: PSI, Jensen–Shannon distance (base 2), or squared MMD
 * @param threshold the value above which it drifts, for these sample sizes
 * @param pValue the chance of a difference at least this large with no drift (NaN for MMD, which uses a z-bound)
 * @param samples the window's samples of this feature
 * @param referenceSamples the reference's samples of this feature
 * @param drifted whether the window drifted on this feature (value above threshold and significant)
 * @param detail the figures a person needs to judge it, in words
 */
public record DriftScore(
        String feature,
        String method,
        double value,
        double threshold,
        double pValue,
        long samples,
        long referenceSamples,
        boolean drifted,
        String detail) {

    /** The value in units of its threshold: above 1 is drift. The monitoring page charts this. */
    public double score() {
        return threshold <= 0 ? 0 : value / threshold;
    }
}
