package io.parapet.guardrails.classify;

/** Class probabilities from logits, for every multi-class model here (ONNX exports and the entity head). */
public final class Softmax {
    private Softmax() {}

    /** Turns logits into probabilities, in place (shifted by the largest, so exp cannot overflow); returns them. */
    public static double[] inPlace(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int c = 0; c < z.length; c++) {
            z[c] = Math.exp(z[c] - max);
            sum += z[c];
        }
        for (int c = 0; c < z.length; c++) {
            z[c] /= sum;
        }
        return z;
    }

    /** The probabilities of {@code logits}, in a new array. */
    public static double[] of(float[] logits) {
        double[] z = new double[logits.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = logits[i];
        }
        return inPlace(z);
    }
}
