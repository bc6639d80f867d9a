package io.parapet.guardrails.training;

import io.parapet.guardrails.training.LabelledCorpora.Example;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits one head: five-fold cross-validation on the training split gives every training example an out-of-fold score;
 * the threshold is chosen on those scores, then the head is refit on the whole training split. Held-out examples are
 * never touched here.
 */
public final class Training {
    /**
     * L2 penalty per head, chosen by leave-one-source-out AUPRC on the development corpora (1e-4, 1e-3, 1e-2 compared;
     * docs/guardrails-accuracy.md): the injection head generalizes better to an unseen attack family when its 386
     * weights are held small; the toxicity heads did best with the weaker penalty.
     */
    public static double l2(String task) {
        return Double.parseDouble(System.getProperty("training.l2", task.equals("injection") ? "1e-2" : "1e-4"));
    }

    public enum Threshold {
        /**
         * Highest balanced accuracy among thresholds with at most 3% false positives on <em>every</em> benign
         * source: easy negatives (tweets) must not hide over-blocking of hard ones (NotInject's trigger words). 3% is
         * the over-blocking goal for benign prompts full of trigger words; the 5% cap used before let
         * NotInject, left out, be flagged 4.9% of the time (2.2% with 3%, for 0.660 -> 0.655 pooled balanced
         * accuracy; docs/guardrails-accuracy.md).
         */
        MAX_BALANCED_ACCURACY_AT_FPR_3,
        MAX_F1
    }

    public record Trained(
            String name, float[] weights, double bias, double threshold, int examples, Map<String, Object> validation) {
        public double probability(float[] x) {
            return new LogisticRegression.Model(weights, bias).probability(x);
        }
    }

    static final String BALANCE = System.getProperty("training.balance", "none");

    private Training() {}

    /** Fits on the training split of {@code examples}: those not held out, trainable, and labelled for the task. */
    public static Trained train(
            String name, List<Example> examples, String task, Map<String, float[]> features, Threshold rule) {
        return fit(name, trainingSplit(examples, task), task, features, rule);
    }

    public static List<Example> trainingSplit(List<Example> examples, String task) {
        return examples.stream()
                .filter(e -> !e.heldOut() && e.trainable() && e.counts(task))
                .toList();
    }

    /** Fits on all of {@code training}; the threshold comes from out-of-fold scores on it. */
    public static Trained fit(
            String name, List<Example> training, String task, Map<String, float[]> features, Threshold rule) {
        int folds = 5;
        List<Example> validation = new ArrayList<>();
        List<Double> outOfFold = new ArrayList<>();
        for (int k = 0; k < folds; k++) {
            List<Example> fit = new ArrayList<>();
            List<Example> rest = new ArrayList<>();
            for (Example e : training) {
                (fold(e, folds) == k ? rest : fit).add(e);
            }
            LogisticRegression.Model model = regression(fit, task, features);
            for (Example e : rest) {
                validation.add(e);
                outOfFold.add(model.probability(features.get(e.text())));
            }
        }
        double[] scores = outOfFold.stream().mapToDouble(Double::doubleValue).toArray();
        int[] labels = validation.stream().mapToInt(e -> e.labels().get(task)).toArray();
        String[] sources = validation.stream().map(Example::source).toArray(String[]::new);
        double threshold = choose(scores, labels, sources, rule);
        Metrics.AtThreshold at = Metrics.at(scores, labels, threshold);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("examples", validation.size());
        figures.put("auprc", round(Metrics.auprc(scores, labels)));
        figures.put("tpr", round(at.tpr()));
        figures.put("fpr", round(at.fpr()));
        figures.put("f1", round(at.f1()));
        LogisticRegression.Model last = regression(training, task, features);
        return new Trained(name, last.weights(), last.bias(), round(threshold), training.size(), figures);
    }

    private static LogisticRegression.Model regression(
            List<Example> examples, String task, Map<String, float[]> features) {
        float[][] x = examples.stream().map(e -> features.get(e.text())).toArray(float[][]::new);
        int[] y = examples.stream().mapToInt(e -> e.labels().get(task)).toArray();
        return LogisticRegression.train(x, y, sourceWeights(examples), l2(task), 60);
    }

    /**
     * Davidson's 24,783 tweets would otherwise be most of what the toxicity heads learn, and its style (tweets, casual
     * slurs, 83% offensive) is not what a chat app sees. With {@code -Dtraining.balance=sqrt}, a family's examples weigh
     * {@code sqrt(mean family size / family size)}. Measured by leave-one-source-out it did not help (injection pooled
     * AUPRC 0.18 → 0.16, TOXIC about the same), so the default, {@code none}, weighs every example the same.
     */
    static double[] sourceWeights(List<Example> examples) {
        Map<String, Long> sizes = examples.stream()
                .collect(java.util.stream.Collectors.groupingBy(
                        Example::family, java.util.stream.Collectors.counting()));
        double mean = examples.size() / (double) sizes.size();
        boolean balance = !BALANCE.equals("none");
        double[] w = examples.stream()
                .mapToDouble(e -> balance ? Math.sqrt(mean / sizes.get(e.family())) : 1)
                .toArray();
        double sum = java.util.Arrays.stream(w).sum();
        for (int i = 0; i < w.length; i++) {
            w[i] *= w.length / sum; // mean weight 1, so the learning rate means the same either way
        }
        return w;
    }

    private static double choose(double[] scores, int[] labels, String[] sources, Threshold rule) {
        double best = 0.5;
        double bestValue = -1;
        for (int t = 1; t < 100; t++) {
            double threshold = t / 100.0;
            Metrics.AtThreshold at = Metrics.at(scores, labels, threshold);
            double value =
                    switch (rule) {
                        case MAX_F1 -> at.f1();
                        case MAX_BALANCED_ACCURACY_AT_FPR_3 ->
                            worstFpr(scores, labels, sources, threshold) <= 0.03 ? at.balancedAccuracy() : -1;
                    };
            if (value > bestValue) {
                bestValue = value;
                best = threshold;
            }
        }
        return best;
    }

    /** The highest share of benign examples flagged at {@code threshold} in any one source. */
    public static double worstFpr(double[] scores, int[] labels, String[] sources, double threshold) {
        java.util.Map<String, int[]> bySource = new java.util.HashMap<>(); // benign, flagged
        for (int i = 0; i < scores.length; i++) {
            if (labels[i] == 0) {
                int[] c = bySource.computeIfAbsent(sources[i], s -> new int[2]);
                c[0]++;
                c[1] += scores[i] >= threshold ? 1 : 0;
            }
        }
        return bySource.values().stream()
                .mapToDouble(c -> c[1] / (double) c[0])
                .max()
                .orElse(0);
    }

    private static int fold(Example e, int folds) {
        return (int) (LabelledCorpora.fraction(e.text() + "#fold") * folds);
    }

    static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
