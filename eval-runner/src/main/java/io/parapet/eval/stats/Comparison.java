package io.parapet.eval.stats;

import java.util.List;

/**
 * Run B against run A on the same dataset items: per item improved, regressed or unchanged, McNemar on pass/fail,
 * the paired bootstrap on scores, and a verdict. "better" needs a significant gain and no significant loss on the
 * other measure; with each test at {@code alpha}, a candidate that merely wobbles reads "no significant change".
 */
public record Comparison(
        int improved, int regressed, int unchanged, double passPValue, PairedBootstrap.Result scores, Verdict verdict) {

    public enum Verdict {
        BETTER("better"),
        WORSE("worse"),
        NO_SIGNIFICANT_CHANGE("no significant change");

        private final String wire;

        Verdict(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** One item judged in both runs: whether it passed and its mean score (over evaluators and repeats). */
    public record Pair(boolean passedA, double scoreA, boolean passedB, double scoreB) {}

    public static final double ALPHA = 0.05;
    private static final int RESAMPLES = 2000;

    public static Comparison of(List<Pair> pairs, long seed) {
        int improved = 0;
        int regressed = 0;
        int onlyA = 0;
        int onlyB = 0;
        double[] a = new double[pairs.size()];
        double[] b = new double[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            Pair p = pairs.get(i);
            a[i] = p.scoreA();
            b[i] = p.scoreB();
            if (p.passedA() && !p.passedB()) {
                onlyA++;
            } else if (!p.passedA() && p.passedB()) {
                onlyB++;
            }
            // An item is improved or regressed by its pass/fail first, then by its score.
            int change = p.passedA() == p.passedB() ? Double.compare(p.scoreB(), p.scoreA()) : (p.passedB() ? 1 : -1);
            if (change > 0) {
                improved++;
            } else if (change < 0) {
                regressed++;
            }
        }
        double passP = McNemar.pValue(onlyA, onlyB);
        PairedBootstrap.Result scores = PairedBootstrap.compare(a, b, RESAMPLES, seed);
        boolean passGain = passP < ALPHA && onlyB > onlyA;
        boolean passLoss = passP < ALPHA && onlyA > onlyB;
        boolean scoreGain = scores.pValue() < ALPHA && scores.meanDelta() > 0;
        boolean scoreLoss = scores.pValue() < ALPHA && scores.meanDelta() < 0;
        Verdict verdict = (passLoss || scoreLoss)
                ? (passGain || scoreGain ? Verdict.NO_SIGNIFICANT_CHANGE : Verdict.WORSE)
                : (passGain || scoreGain ? Verdict.BETTER : Verdict.NO_SIGNIFICANT_CHANGE);
        return new Comparison(improved, regressed, pairs.size() - improved - regressed, passP, scores, verdict);
    }
}
