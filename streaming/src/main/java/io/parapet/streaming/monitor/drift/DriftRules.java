package io.parapet.streaming.monitor.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.stat.inference.GTest;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * Compares a window's {@link DriftProfile} with its reference, feature by feature.
 *
 * <p>Why the thresholds move with the sample sizes: two samples of one distribution differ by chance, and the smaller
 * they are the more. PSI between samples of sizes n and m with B buckets is about (1/n + 1/m)·χ²(B−1) when nothing
 * changed, so at 100 samples a fixed "PSI > 0.1" fires on most windows without any drift. Here each test holds its
 * false-alarm rate at {@code alpha / features} whatever the sizes, and a floor keeps huge windows from flagging
 * differences too small to matter.
 */
public final class DriftRules {
    private static final int PSI_BUCKETS = 10;
    private static final KolmogorovSmirnovTest KS = new KolmogorovSmirnovTest();
    private static final GTest G_TEST = new GTest();

    private DriftRules() {}

    /** Every feature both sides have enough samples of, drifted or not (the metrics chart them all). */
    public static List<DriftScore> compare(DriftProfile window, DriftProfile reference, DriftSettings s) {
        int tests = NumericFeature.values().length + CategoricalFeature.values().length + 1;
        double alpha = s.alpha() / tests;
        List<DriftScore> scores = new ArrayList<>();
        for (NumericFeature f : NumericFeature.values()) {
            long[] cur = window.bins(f);
            long[] ref = reference.bins(f);
            if (sum(cur) >= s.minSamples() && sum(ref) >= s.minSamples()) {
                scores.add(numeric(f.label(), ref, cur, alpha, s));
            }
        }
        for (CategoricalFeature f : CategoricalFeature.values()) {
            Map<String, Long> cur = window.categories(f);
            Map<String, Long> ref = reference.categories(f);
            if (total(cur) >= s.minSamples() && total(ref) >= s.minSamples()) {
                scores.add(categorical(f.label(), ref, cur, alpha, s));
            }
        }
        if (window.embedded() >= s.minSamples() && reference.embedded() >= s.minSamples()) {
            scores.add(semantic(reference, window, s));
        }
        return scores;
    }

    static DriftScore numeric(String feature, long[] ref, long[] cur, double alpha, DriftSettings s) {
        long n = sum(ref);
        long m = sum(cur);
        List<long[]> buckets = equalMassBuckets(ref, cur, n);
        double psi = 0;
        for (long[] b : buckets) {
            // Half a count in every bucket: an empty bucket on one side must not make PSI infinite.
            double p = (b[0] + 0.5) / (n + 0.5 * buckets.size());
            double q = (b[1] + 0.5) / (m + 0.5 * buckets.size());
            psi += (q - p) * Math.log(q / p);
        }
        int freedom = Math.max(1, buckets.size() - 1);
        double chance = new ChiSquaredDistribution(freedom).inverseCumulativeProbability(1 - alpha);
        double threshold = Math.max(s.psiFloor(), chance * (1.0 / n + 1.0 / m));
        double ks = ksStatistic(ref, cur, n, m);
        double p = KS.approximateP(ks, (int) Math.min(n, Integer.MAX_VALUE), (int) Math.min(m, Integer.MAX_VALUE));
        boolean drifted = psi > threshold && p < alpha;
        String detail = String.format(
                Locale.ROOT,
                "PSI %.3f (threshold %.3f for %d vs %d samples), Kolmogorov–Smirnov D %.3f, p %.2g",
                psi,
                threshold,
                m,
                n,
                ks,
                p);
        return new DriftScore(feature, "psi", psi, threshold, p, m, n, drifted, detail);
    }

    static DriftScore categorical(
            String feature, Map<String, Long> ref, Map<String, Long> cur, double alpha, DriftSettings s) {
        TreeSet<String> categories = new TreeSet<>(ref.keySet());
        categories.addAll(cur.keySet());
        long n = total(ref);
        long m = total(cur);
        long[] a = new long[categories.size()];
        long[] b = new long[categories.size()];
        int i = 0;
        double jsd = 0;
        for (String c : categories) {
            a[i] = ref.getOrDefault(c, 0L);
            b[i] = cur.getOrDefault(c, 0L);
            double p = (double) a[i] / n;
            double q = (double) b[i] / m;
            double mid = (p + q) / 2;
            jsd += 0.5 * entropyTerm(p, mid) + 0.5 * entropyTerm(q, mid);
            i++;
        }
        double distance = Math.sqrt(Math.max(0, jsd));
        double p = categories.size() < 2 ? 1 : G_TEST.gTestDataSetsComparison(a, b);
        boolean drifted = distance > s.jsFloor() && p < alpha;
        String detail = String.format(
                Locale.ROOT,
                "Jensen–Shannon distance %.3f (floor %.2f), G-test p %.2g; window %s vs reference %s",
                distance,
                s.jsFloor(),
                p,
                shares(cur, m),
                shares(ref, n));
        return new DriftScore(feature, "jensen-shannon", distance, s.jsFloor(), p, m, n, drifted, detail);
    }

    static DriftScore semantic(DriftProfile ref, DriftProfile cur, DriftSettings s) {
        long n = ref.embedded();
        long m = cur.embedded();
        double[] a = ref.kernelSum();
        double[] b = cur.kernelSum();
        double mmd = 0;
        double refNormSquared = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] / n - b[i] / m;
            mmd += d * d;
            refNormSquared += (a[i] / n) * (a[i] / n);
        }
        // With no drift, E[MMD²] = (1/n + 1/m)·tr Cov(features); the reference estimates the trace.
        double trace = Math.max(1e-12, ref.kernelSquares() / n - refNormSquared);
        double expected = trace * (1.0 / n + 1.0 / m);
        double threshold = s.semanticZ() * expected;
        double centroid = cosineDistance(ref.centroidSum(), cur.centroidSum());
        boolean drifted = mmd > threshold && centroid > s.centroidFloor();
        String detail = String.format(
                Locale.ROOT,
                "MMD² %.5f = %.1f× what chance gives for %d vs %d inputs (threshold %.1f×); centroid cosine"
                        + " distance %.3f (floor %.2f)",
                mmd,
                mmd / expected,
                m,
                n,
                s.semanticZ(),
                centroid,
                s.centroidFloor());
        return new DriftScore("input_semantic", "mmd", mmd, threshold, Double.NaN, m, n, drifted, detail);
    }

    /**
     * Buckets of about equal reference mass ({@value #PSI_BUCKETS} of them), made by merging adjacent fine bins;
     * each holds {reference count, window count}.
     */
    private static List<long[]> equalMassBuckets(long[] ref, long[] cur, long n) {
        List<long[]> buckets = new ArrayList<>();
        double target = (double) n / PSI_BUCKETS;
        long r = 0;
        long c = 0;
        for (int i = 0; i < ref.length; i++) {
            r += ref[i];
            c += cur[i];
            if (r >= target) {
                buckets.add(new long[] {r, c});
                r = 0;
                c = 0;
            }
        }
        if (r > 0 || c > 0) {
            if (buckets.isEmpty()) {
                buckets.add(new long[] {r, c});
            } else {
                long[] last = buckets.get(buckets.size() - 1);
                last[0] += r;
                last[1] += c;
            }
        }
        return buckets;
    }

    private static double ksStatistic(long[] ref, long[] cur, long n, long m) {
        double d = 0;
        long r = 0;
        long c = 0;
        for (int i = 0; i < ref.length; i++) {
            r += ref[i];
            c += cur[i];
            d = Math.max(d, Math.abs((double) r / n - (double) c / m));
        }
        return d;
    }

    private static double entropyTerm(double p, double mid) {
        return p == 0 ? 0 : p * Math.log(p / mid) / Math.log(2);
    }

    private static double cosineDistance(double[] a, double[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : 1 - dot / Math.sqrt(na * nb);
    }

    private static String shares(Map<String, Long> counts, long total) {
        StringBuilder out = new StringBuilder("{");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(4)
                .forEach(e -> out.append(out.length() > 1 ? ", " : "")
                        .append(e.getKey())
                        .append(String.format(Locale.ROOT, " %.0f%%", 100.0 * e.getValue() / total)));
        return out.append('}').toString();
    }

    private static long sum(long[] values) {
        long s = 0;
        for (long v : values) {
            s += v;
        }
        return s;
    }

    private static long total(Map<String, Long> counts) {
        long s = 0;
        for (long v : counts.values()) {
            s += v;
        }
        return s;
    }
}
