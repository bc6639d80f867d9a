package io.parapet.guardrails.training;

import io.parapet.guardrails.classify.Softmax;
import java.util.Random;

/**
 * Multinomial logistic regression: mini-batch gradient descent with Adam, L2 regularisation and class weights that
 * balance the classes, as far as asked (most word pieces are not names). Features are standardised while training and the scaling is
 * folded back into the weights, so the model applies to raw features. Deterministic for a given seed.
 */
public final class SoftmaxRegression {
    public record Model(float[][] weights, double[] bias) {}

    private SoftmaxRegression() {}

    /**
     * @param balance how far to balance the classes: 0 weighs every example alike, 1 weighs every class alike in total
     */
    public static Model train(float[][] x, int[] y, int classes, double l2, int epochs, double balance) {
        int n = x.length;
        int d = x[0].length;
        double[] mean = new double[d];
        double[] scale = new double[d];
        standardisation(x, mean, scale);
        double[] classWeight = classWeights(y, classes, balance);
        double[][] w = new double[classes][d + 1]; // last = bias
        double[][] m = new double[classes][d + 1];
        double[][] v = new double[classes][d + 1];
        double rate = 0.005;
        int batch = 64;
        int step = 0;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(42);
        double[] z = new double[classes];
        double[] xs = new double[d];
        for (int epoch = 0; epoch < epochs; epoch++) {
            LogisticRegression.shuffle(order, random);
            for (int from = 0; from < n; from += batch) {
                int to = Math.min(n, from + batch);
                double[][] grad = new double[classes][d + 1];
                for (int k = from; k < to; k++) {
                    int i = order[k];
                    for (int j = 0; j < d; j++) {
                        xs[j] = (x[i][j] - mean[j]) / scale[j];
                    }
                    softmax(w, xs, z);
                    for (int c = 0; c < classes; c++) {
                        double error = (z[c] - (y[i] == c ? 1 : 0)) * classWeight[y[i]];
                        for (int j = 0; j < d; j++) {
                            grad[c][j] += error * xs[j];
                        }
                        grad[c][d] += error;
                    }
                }
                step++;
                double c1 = 1 - Math.pow(0.9, step);
                double c2 = 1 - Math.pow(0.999, step);
                for (int c = 0; c < classes; c++) {
                    for (int j = 0; j <= d; j++) {
                        double g = grad[c][j] / (to - from) + (j < d ? l2 * w[c][j] : 0);
                        m[c][j] = 0.9 * m[c][j] + 0.1 * g;
                        v[c][j] = 0.999 * v[c][j] + 0.001 * g * g;
                        w[c][j] -= rate * (m[c][j] / c1) / (Math.sqrt(v[c][j] / c2) + 1e-8);
                    }
                }
            }
        }
        float[][] weights = new float[classes][d];
        double[] bias = new double[classes];
        for (int c = 0; c < classes; c++) {
            bias[c] = w[c][d];
            for (int j = 0; j < d; j++) {
                weights[c][j] = (float) (w[c][j] / scale[j]);
                bias[c] -= w[c][j] * mean[j] / scale[j];
            }
        }
        return new Model(weights, bias);
    }

    private static void standardisation(float[][] x, double[] mean, double[] scale) {
        int d = mean.length;
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= x.length;
        }
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]);
            }
        }
        for (int j = 0; j < d; j++) {
            scale[j] = Math.max(1e-6, Math.sqrt(scale[j] / x.length));
        }
    }

    /** (n / (classes × count))^balance: at 1, each class weighs as much as any other in total. */
    private static double[] classWeights(int[] y, int classes, double balance) {
        double[] count = new double[classes];
        for (int label : y) {
            count[label]++;
        }
        double[] weight = new double[classes];
        for (int c = 0; c < classes; c++) {
            weight[c] = Math.pow(y.length / (classes * Math.max(1, count[c])), balance);
        }
        return weight;
    }

    private static void softmax(double[][] w, double[] x, double[] z) {
        int d = x.length;
        for (int c = 0; c < z.length; c++) {
            double s = w[c][d];
            for (int j = 0; j < d; j++) {
                s += w[c][j] * x[j];
            }
            z[c] = s;
        }
        Softmax.inPlace(z);
    }
}
