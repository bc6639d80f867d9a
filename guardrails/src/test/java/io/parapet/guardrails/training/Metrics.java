package io.parapet.guardrails.training;

import java.util.Arrays;
import java.util.Comparator;

/** Binary-classification figures from scores and 0/1 labels. */
public final class Metrics {
    private Metrics() {}

    public record AtThreshold(double tpr, double fpr, double precision, double f1, double balancedAccuracy) {}

    public static AtThreshold at(double[] scores, int[] labels, double threshold) {
        int tp = 0, fp = 0, fn = 0, tn = 0;
        for (int i = 0; i < scores.length; i++) {
            boolean predicted = scores[i] >= threshold;
            if (labels[i] == 1) {
                if (predicted) tp++;
                else fn++;
            } else if (predicted) {
                fp++;
            } else {
                tn++;
            }
        }
        double tpr = tp + fn == 0 ? 0 : tp / (double) (tp + fn);
        double fpr = fp + tn == 0 ? 0 : fp / (double) (fp + tn);
        double precision = tp + fp == 0 ? 1 : tp / (double) (tp + fp);
        double f1 = precision + tpr == 0 ? 0 : 2 * precision * tpr / (precision + tpr);
        return new AtThreshold(tpr, fpr, precision, f1, (tpr + (1 - fpr)) / 2);
    }

    /** Area under the precision-recall curve, as average precision (the step-wise sum scikit-learn reports). */
    public static double auprc(double[] scores, int[] labels) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> -scores[i]));
        long positives = Arrays.stream(labels).filter(l -> l == 1).count();
        double sum = 0;
        int tp = 0;
        for (int k = 0; k < order.length; k++) {
            if (labels[order[k]] == 1) {
                tp++;
                sum += tp / (double) (k + 1);
            }
        }
        return positives == 0 ? 0 : sum / positives;
    }
}
