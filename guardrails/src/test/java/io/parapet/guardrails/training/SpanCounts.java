package io.parapet.guardrails.training;

import java.util.List;

/**
 * Span-level counts for one entity type, scored as Presidio's evaluation scores them: a prediction is right when it
 * overlaps a gold span of the same type; a gold span is found when a prediction of its type overlaps it.
 */
public final class SpanCounts {
    public record Span(String type, int start, int end) {
        public boolean overlaps(Span o) {
            return type.equals(o.type) && start < o.end && o.start < end;
        }
    }

    public int truePositives;
    public int predicted;
    public int goldFound;
    public int gold;

    /** Counts the predictions and gold spans of this type in one text. */
    public void count(String type, List<Span> predictions, List<Span> golds) {
        for (Span p : predictions) {
            if (p.type().equals(type)) {
                predicted++;
                if (golds.stream().anyMatch(p::overlaps)) {
                    truePositives++;
                }
            }
        }
        for (Span g : golds) {
            if (g.type().equals(type)) {
                gold++;
                if (predictions.stream().anyMatch(g::overlaps)) {
                    goldFound++;
                }
            }
        }
    }

    public double precision() {
        return predicted == 0 ? 1 : (double) truePositives / predicted;
    }

    public double recall() {
        return gold == 0 ? 1 : (double) goldFound / gold;
    }

    public void add(SpanCounts other) {
        truePositives += other.truePositives;
        predicted += other.predicted;
        goldFound += other.goldFound;
        gold += other.gold;
    }

    public double f2() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 5 * p * r / (4 * p + r);
    }
}
