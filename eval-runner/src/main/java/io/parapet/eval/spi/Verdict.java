package io.parapet.eval.spi;

/**
 * What an evaluator says of one answer: a score in 0..1, whether it passes, and why, in words a person reads in a
 * run's results.
 */
public record Verdict(double score, boolean passed, String reason) {
    public Verdict {
        if (Double.isNaN(score) || score < 0 || score > 1) {
            throw new IllegalArgumentException("a score is in 0..1, not " + score);
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a verdict says why");
        }
    }

    public static Verdict pass(String reason) {
        return new Verdict(1, true, reason);
    }

    public static Verdict fail(String reason) {
        return new Verdict(0, false, reason);
    }
}
