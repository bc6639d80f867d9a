package io.parapet.streaming.monitor.drift;

import java.util.SplittableRandom;

/**
 * Random Fourier features of a Gaussian kernel (Rahimi and Recht, 2007): the mean of these features over a sample
 * is its kernel mean embedding, so the squared distance between two samples' means is their maximum mean discrepancy
 * (MMD) under that kernel, computed from two running sums instead of all pairs. The projection is drawn from a fixed
 * seed, so every instance and every restart maps a text to the same features.
 */
public final class KernelFeatures {
    public static final int SIZE = 128;
    /**
     * Kernel width for unit-length sentence embeddings: the squared distance of two unrelated MiniLM sentences is
     * about 1.5–2, of two paraphrases about 0.3, so a width of 1 separates them.
     */
    private static final double WIDTH = 1.0;

    private final double[][] weights;
    private final double[] phases;

    public KernelFeatures(int dimensions) {
        SplittableRandom random = new SplittableRandom(20_261_123L);
        weights = new double[SIZE][dimensions];
        phases = new double[SIZE];
        for (int i = 0; i < SIZE; i++) {
            for (int j = 0; j < dimensions; j++) {
                weights[i][j] = gaussian(random) / WIDTH;
            }
            phases[i] = random.nextDouble() * 2 * Math.PI;
        }
    }

    /** The features of one embedding; their squared norm is about 1. */
    public double[] map(float[] embedding) {
        double[] out = new double[SIZE];
        double scale = Math.sqrt(2.0 / SIZE);
        for (int i = 0; i < SIZE; i++) {
            double[] w = weights[i];
            double dot = phases[i];
            for (int j = 0; j < embedding.length; j++) {
                dot += w[j] * embedding[j];
            }
            out[i] = scale * Math.cos(dot);
        }
        return out;
    }

    private static double gaussian(SplittableRandom random) {
        // Box–Muller written out, so the projection cannot change with a JDK's own nextGaussian algorithm.
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
