package io.parapet.guardrails.classify;

import dev.langchain4j.model.embedding.EmbeddingModel;

/**
 * Sentence embeddings from the quantized all-MiniLM-L6-v2 model, run in process with onnxruntime through
 * langchain4j. The model loads once per JVM, on first use, and is shared by every scanner; vectors are unit length,
 * so a dot product is the cosine similarity.
 */
public final class Embeddings {
    public static final int DIMENSIONS = 384;

    /**
     * Texts longer than this are embedded as their first and last halves of it. MiniLM costs about 0.25 ms per token
     * on one core of the reference machine, so a 1 KB text would take ~18 ms; attacks and insults sit at the start
     * or the end of a text far more often than in the middle, and the phrase rules still read all of it.
     */
    public static final int MAX_CHARS = Integer.getInteger("parapet.embeddings.maxChars", 512);

    private Embeddings() {}

    private static final class Model {
        static final EmbeddingModel INSTANCE = new MiniLm(Integer.getInteger("parapet.embeddings.threads", 1));
    }

    /** The unit-length embedding of {@code text}; blank text embeds to the zero vector. */
    public static float[] embed(String text) {
        if (text.isBlank()) {
            return new float[DIMENSIONS];
        }
        float[] v = Model.INSTANCE.embed(window(text)).content().vector();
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (v[i] / norm);
            }
        }
        return v;
    }

    static String window(String text) {
        if (text.length() <= MAX_CHARS) {
            return text;
        }
        int half = MAX_CHARS / 2;
        int headEnd = Character.isHighSurrogate(text.charAt(half - 1)) ? half - 1 : half;
        int tailStart = text.length() - half;
        if (Character.isLowSurrogate(text.charAt(tailStart))) {
            tailStart++;
        }
        return text.substring(0, headEnd) + " … " + text.substring(tailStart);
    }

    public static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
