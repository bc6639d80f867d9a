package io.parapet.guardrails.classify;

import com.fasterxml.jackson.databind.JsonNode;
import io.parapet.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A trained logistic-regression head: {@code p = sigmoid(w · x + b)} over a feature vector (an embedding plus a
 * few hand-made features). The weights come from a JSON resource that the training command writes; the same file
 * records the corpora and split it was trained on, and the threshold chosen on the training split.
 */
public record LinearHead(String name, float[] weights, double bias, double threshold) {

    public double probability(float[] features) {
        if (features.length != weights.length) {
            throw new IllegalArgumentException(
                    name + " expects " + weights.length + " features, got " + features.length);
        }
        double z = bias;
        for (int i = 0; i < weights.length; i++) {
            z += weights[i] * features[i];
        }
        return 1 / (1 + Math.exp(-z));
    }

    /**
     * The probability rescaled so that the head's trained threshold lands on 0.5, linearly on either side: a policy's
     * default threshold (0.5) then means "as trained", and raising it trades recall for fewer false positives.
     */
    public double calibrated(double p) {
        return calibrate(p, threshold);
    }

    /** Maps {@code value} in 0..1 so that {@code threshold} lands on 0.5, linearly on either side. */
    public static double calibrate(double value, double threshold) {
        double s = value < threshold ? 0.5 * value / threshold : 0.5 + 0.5 * (value - threshold) / (1 - threshold);
        return Math.min(1, Math.max(0, Math.round(s * 10_000) / 10_000.0));
    }

    /** Loads a head written by the training command from the classpath. */
    public static LinearHead load(String resource) {
        try (InputStream in = LinearHead.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("classifier head " + resource + " is missing from the classpath");
            }
            JsonNode tree = Json.mapper().readTree(in);
            requireEncoder(resource, tree.path("encoder").asText("(none recorded)"), Encoder.active());
            JsonNode w = tree.get("weights");
            float[] weights = new float[w.size()];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = (float) w.get(i).asDouble();
            }
            return new LinearHead(
                    tree.get("name").asText(),
                    weights,
                    tree.get("bias").asDouble(),
                    tree.get("threshold").asDouble());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classifier head " + resource, e);
        }
    }

    /**
     * Every encoder gives 384 numbers, so a head trained on one would load under another and score nonsense without
     * a word; it must be trained on the encoder this JVM embeds with.
     */
    public static void requireEncoder(String resource, String trainedOn, Encoder encoder) {
        String active = encoder.id();
        if (!trainedOn.equals(active)) {
            throw new IllegalStateException("classifier head " + resource + " was trained on encoder " + trainedOn
                    + ", but parapet.embeddings.model is " + active + "; retrain the heads with ./parapet train"
                    + " -Dparapet.embeddings.model=" + active);
        }
    }

    /** The embedding followed by extra features: the layout every head here is trained on. */
    public static float[] features(float[] embedding, double... extra) {
        float[] x = new float[embedding.length + extra.length];
        System.arraycopy(embedding, 0, x, 0, embedding.length);
        for (int i = 0; i < extra.length; i++) {
            x[embedding.length + i] = (float) extra[i];
        }
        return x;
    }
}
