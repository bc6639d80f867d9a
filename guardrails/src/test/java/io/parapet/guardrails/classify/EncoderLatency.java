package io.parapet.guardrails.classify;

import io.parapet.guardrails.training.LabelledCorpora;
import io.parapet.guardrails.training.LabelledCorpora.Example;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The time each encoder takes to embed one text on one core, all of them in one JVM and in interleaved rounds, so
 * that the shared machine's slow minutes fall on every encoder alike and the ratios can be compared (run by
 * {@code ./parapet accuracy encoders}). Sizes are what the model reads: 128 characters, and 256 and 512, the window
 * a 1 KB text is cut to with {@code parapet.embeddings.maxChars} at 256 and at its default.
 */
public final class EncoderLatency {
    private static final int[] SIZES = {128, 256, 512};
    private static final int ROUNDS = 6; // the first is warm-up
    private static final int PER_ROUND = 150;

    private EncoderLatency() {}

    public static void main(String[] args) throws Exception {
        List<Example> corpus = new LabelledCorpora(Path.of(args.length > 0 ? args[0] : "../shared/corpora")).toxicity();
        Map<Encoder, OnnxEncoder> models = new LinkedHashMap<>();
        for (Encoder e : Encoder.values()) {
            models.put(e, new OnnxEncoder(e, 1));
        }
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        int next = 0;
        for (int round = 0; round < ROUNDS; round++) {
            for (int size : SIZES) {
                List<String> texts = new ArrayList<>();
                for (int i = 0; i < PER_ROUND; i++) {
                    StringBuilder sb = new StringBuilder();
                    while (sb.length() < size) {
                        sb.append(corpus.get(next++ % corpus.size()).text()).append(' ');
                    }
                    texts.add(sb.substring(0, size));
                }
                for (var m : models.entrySet()) {
                    List<Double> kept = samples.computeIfAbsent(m.getKey().id() + " | " + size, k -> new ArrayList<>());
                    for (String text : texts) {
                        long start = System.nanoTime();
                        m.getValue().embed(m.getKey().prefix() + text);
                        if (round > 0) {
                            kept.add((System.nanoTime() - start) / 1e6);
                        }
                    }
                }
            }
        }
        System.out.printf(
                "%nEmbedding one text, one onnxruntime thread, %d texts per cell after a warm-up round%n",
                PER_ROUND * (ROUNDS - 1));
        System.out.println("| encoder | characters read | mean | p50 | p99 | mean vs minilm-l6 |");
        System.out.println("|---|---|---|---|---|---|");
        for (Encoder e : Encoder.values()) {
            for (int size : SIZES) {
                double[] ms = sorted(samples.get(e.id() + " | " + size));
                double baseline = mean(sorted(samples.get(Encoder.MINILM_L6.id() + " | " + size)));
                System.out.printf(
                        "| %s | %d | %.1f ms | %.1f ms | %.1f ms | %.2f× |%n",
                        e.id(),
                        size,
                        mean(ms),
                        ms[ms.length / 2],
                        ms[(int) Math.ceil(ms.length * 0.99) - 1],
                        mean(ms) / baseline);
            }
        }
    }

    private static double[] sorted(List<Double> values) {
        double[] a = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a;
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(0);
    }
}
