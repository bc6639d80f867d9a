package io.parapet.eval.stats;

import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * McNemar's exact test for pass/fail on the same items under two prompt versions. Only the discordant items count:
 * {@code onlyA} passed under A alone, {@code onlyB} under B alone. Under "no difference" each discordant item is a
 * fair coin, so the two-sided p-value is a binomial tail, exact for the small counts evaluation runs produce.
 */
public final class McNemar {
    private McNemar() {}

    /** Two-sided exact p-value; 1 when no item changed its outcome. */
    public static double pValue(long onlyA, long onlyB) {
        if (onlyA < 0 || onlyB < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
        long discordant = onlyA + onlyB;
        if (discordant == 0) {
            return 1;
        }
        if (discordant > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many discordant items for an exact test: " + discordant);
        }
        BinomialDistribution coin = new BinomialDistribution(null, (int) discordant, 0.5);
        double tail = coin.cumulativeProbability((int) Math.min(onlyA, onlyB));
        return Math.min(1, 2 * tail);
    }
}
