package io.parapet.eval.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The paired bootstrap for mean scores of the same items under two versions: resample items (keeping each item's
 * pair together), and read the interval and a two-sided p-value for "B's mean differs from A's" off the resampled
 * mean differences. Seeded, so a comparison gives the same answer every time it is computed.
 */
public final class PairedBootstrap {
    /** The difference B − A, its 95 % percentile interval, and the p-value. */
    public record Result(double meanDelta, double low, double high, double pValue) {}

    private PairedBootstrap() {}

    public static Result compare(double[] a, double[] b, int resamples, long seed) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(
                    "paired scores need the same items: " + a.length + " and " + b.length + " scores");
        }
        if (resamples < 100) {
            throw new IllegalArgumentException("at least 100 resamples, not " + resamples);
        }
        int n = a.length;
        if (n == 0) {
            return new Result(0, 0, 0, 1);
        }
        double[] delta = new double[n];
        double observed = 0;
        for (int i = 0; i < n; i++) {
            delta[i] = b[i] - a[i];
            observed += delta[i];
        }
        observed /= n;
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += delta[random.nextInt(n)];
            }
            means[r] = sum / n;
        }
        Arrays.sort(means);
        double low = means[(int) Math.floor(0.025 * (resamples - 1))];
        double high = means[(int) Math.ceil(0.975 * (resamples - 1))];
        // The share of resampled means on the far side of zero, doubled: how often the sign could flip by chance.
        long belowOrAtZero = Arrays.stream(means).filter(m -> m <= 0).count();
        long aboveOrAtZero = Arrays.stream(means).filter(m -> m >= 0).count();
        double p = Math.min(1, 2.0 * Math.min(belowOrAtZero, aboveOrAtZero) / resamples);
        return new Result(observed, low, high, p);
    }
}
