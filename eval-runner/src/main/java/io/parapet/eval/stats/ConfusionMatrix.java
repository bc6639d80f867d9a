package io.parapet.eval.stats;

import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Counts of (true label, predicted label) pairs, and the metrics read from them: accuracy, and per label precision,
 * recall and F1 with their macro averages (each label weighs the same, so a rare class that is always missed shows).
 * At most {@link #MAX_LABELS} distinct labels are kept; further ones count under {@code (more labels)}, so a run
 * whose model invents labels stays small in memory.
 */
public final class ConfusionMatrix {
    public static final int MAX_LABELS = 200;
    static final String MORE = "(more labels)";

    private final Map<String, Map<String, Long>> counts = new HashMap<>(); // actual -> predicted -> n
    private final TreeSet<String> labels = new TreeSet<>();
    private long total;
    private long right;

    public void add(String actual, String predicted) {
        String a = known(actual);
        String p = known(predicted);
        counts.computeIfAbsent(a, k -> new HashMap<>()).merge(p, 1L, Long::sum);
        total++;
        right += a.equals(p) ? 1 : 0;
    }

    private String known(String label) {
        if (labels.contains(label)) {
            return label;
        }
        if (labels.size() >= MAX_LABELS) {
            labels.add(MORE);
            return MORE;
        }
        labels.add(label);
        return label;
    }

    /** One label's figures; {@code support} is how many items truly had it. */
    @Serdeable
    public record PerLabel(String label, double precision, double recall, double f1, long support) {}

    /** The metrics of a classification; precision or recall of a label never predicted or never true is 0. */
    @Serdeable
    public record Metrics(
            long total,
            double accuracy,
            double macroPrecision,
            double macroRecall,
            double macroF1,
            List<PerLabel> labels) {}

    public Metrics metrics() {
        List<PerLabel> per = new ArrayList<>();
        double sumP = 0;
        double sumR = 0;
        double sumF = 0;
        for (String label : labels) {
            long tp = count(label, label);
            long support = counts.getOrDefault(label, Map.of()).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
            long predicted = 0;
            for (Map<String, Long> row : counts.values()) {
                predicted += row.getOrDefault(label, 0L);
            }
            double precision = predicted == 0 ? 0 : (double) tp / predicted;
            double recall = support == 0 ? 0 : (double) tp / support;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            per.add(new PerLabel(label, precision, recall, f1, support));
            sumP += precision;
            sumR += recall;
            sumF += f1;
        }
        int n = Math.max(per.size(), 1);
        return new Metrics(total, total == 0 ? 0 : (double) right / total, sumP / n, sumR / n, sumF / n, per);
    }

    private long count(String actual, String predicted) {
        return counts.getOrDefault(actual, Map.of()).getOrDefault(predicted, 0L);
    }
}
