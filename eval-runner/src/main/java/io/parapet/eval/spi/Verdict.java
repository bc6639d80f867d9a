package io.parapet.eval.spi;

import io.micronaut.core.annotation.Nullable;

/**
 * What an evaluator says of one answer: a score in 0..1, whether it passes, and why, in words a person reads in a
 * run's results. A classifying evaluator also names the predicted and the true label, from which a run computes
 * accuracy, precision, recall and F1.
 */
public record Verdict(
        double score,
        boolean passed,
        String reason,
        @Nullable Labels labels) {
    /** The label the answer gave and the one the item expected. */
    public record Labels(String predicted, String actual) {}

    public Verdict {
        if (Double.isNaN(score) || score < 0 || score > 1) {
            throw new IllegalArgumentException("a score is in 0..1, not " + score);
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a verdict says why");
        }
    }

    public Verdict(double score, boolean passed, String reason) {
        this(score, passed, reason, null);
    }

    public static Verdict pass(String reason) {
        return new Verdict(1, true, reason);
    }

    public static Verdict fail(String reason) {
        return new Verdict(0, false, reason);
    }
}
