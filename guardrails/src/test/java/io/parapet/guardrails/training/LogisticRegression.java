package io.parapet.guardrails.training;

import java.util.Random;

/**
 * Trains a logistic-regression head: mini-batch gradient descent with Adam, L2 regularisation, and class weights
 * that balance positives and negatives (the corpora are far from balanced). Deterministic for a given seed.
 */
final class LogisticRegression {
    record Model(float[] weights, double bias) {
        double probability(float[] x) {
            double z = bias;
            for (int i = 0; i < x.length; i++) {
                z += weights[i] * x[i];
            }
            return 1 / (1 + Math.exp(-z));
        }
    }

    private LogisticRegression() {}

    /** @param exampleWeights each example's weight (its source's share), multiplied with its class weight */
    static Model train(float[][] x, int[] y, double[] exampleWeights, double l2, int epochs) {
        int n = x.length;
        int d = x[0].length;
        long positives = java.util.Arrays.stream(y).filter(v -> v == 1).count();
        double wPos = n / (2.0 * Math.max(1, positives));
        double wNeg = n / (2.0 * Math.max(1, n - positives));
        double[] w = new double[d + 1]; // last = bias
        double[] m = new double[d + 1];
        double[] v = new double[d + 1];
        double rate = 0.01;
        int batch = 64;
        int step = 0;
        Random random = new Random(42);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int epoch = 0; epoch < epochs; epoch++) {
            shuffle(order, random);
            for (int from = 0; from < n; from += batch) {
                int to = Math.min(n, from + batch);
                double[] grad = new double[d + 1];
                for (int k = from; k < to; k++) {
                    int i = order[k];
                    double z = w[d];
                    for (int j = 0; j < d; j++) {
                        z += w[j] * x[i][j];
                    }
                    double error = (1 / (1 + Math.exp(-z)) - y[i]) * (y[i] == 1 ? wPos : wNeg) * exampleWeights[i];
                    for (int j = 0; j < d; j++) {
                        grad[j] += error * x[i][j];
                    }
                    grad[d] += error;
                }
                step++;
                for (int j = 0; j <= d; j++) {
                    double g = grad[j] / (to - from) + (j < d ? l2 * w[j] : 0);
                    m[j] = 0.9 * m[j] + 0.1 * g;
                    v[j] = 0.999 * v[j] + 0.001 * g * g;
                    double mHat = m[j] / (1 - Math.pow(0.9, step));
                    double vHat = v[j] / (1 - Math.pow(0.999, step));
                    w[j] -= rate * mHat / (Math.sqrt(vHat) + 1e-8);
                }
            }
        }
        float[] weights = new float[d];
        for (int j = 0; j < d; j++) {
            weights[j] = (float) w[j];
        }
        return new Model(weights, w[d]);
    }

    static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
