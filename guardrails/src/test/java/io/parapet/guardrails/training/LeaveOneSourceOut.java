package io.parapet.guardrails.training;

import io.parapet.guardrails.classify.LinearHead;
import io.parapet.guardrails.training.LabelledCorpora.Example;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;

/**
 * The figure that predicts unseen data: for every source family, train on all the others (both splits, with the
 * threshold chosen on their out-of-fold scores, exactly as {@code ./parapet train} does) and score every example of
 * the family left out. A random split of pooled data would let the head learn each source's style instead.
 */
public final class LeaveOneSourceOut {
    /** One source of the family left out, scored by a head that never saw the family. */
    public record Result(String family, String source, List<String> texts, double[] scores, int[] labels) {
        public int positives() {
            return java.util.Arrays.stream(labels).sum();
        }

        public Metrics.AtThreshold at() {
            return Metrics.at(scores, labels, 0.5);
        }

        public double auprc() {
            return Metrics.auprc(scores, labels);
        }
    }

    private LeaveOneSourceOut() {}

    /**
     * @param augment what training adds to its examples (identity swaps); their features must be in {@code features}
     * @param floor the score the scanner's rules alone give a text (phrase overrides), 0 where there are none
     */
    public static List<Result> run(
            List<Example> all,
            String task,
            Map<String, float[]> features,
            Training.Threshold rule,
            UnaryOperator<List<Example>> augment,
            ToDoubleFunction<String> floor) {
        List<Example> labelled = all.stream().filter(e -> e.counts(task)).toList();
        List<Result> out = new ArrayList<>();
        for (String family :
                new TreeSet<>(labelled.stream().map(Example::family).toList())) {
            List<Example> training = labelled.stream()
                    .filter(e -> e.trainable() && !e.family().equals(family))
                    .toList();
            Training.Trained head = Training.fit(family, augment.apply(training), task, features, rule);
            Map<String, List<Example>> bySource = new TreeMap<>();
            labelled.stream().filter(e -> e.family().equals(family)).forEach(e -> bySource.computeIfAbsent(
                            e.source(), s -> new ArrayList<>())
                    .add(e));
            bySource.forEach((source, examples) -> {
                double[] scores = examples.parallelStream()
                        .mapToDouble(e -> Math.max(
                                LinearHead.calibrate(head.probability(features.get(e.text())), head.threshold()),
                                floor.applyAsDouble(e.text())))
                        .toArray();
                int[] labels =
                        examples.stream().mapToInt(e -> e.labels().get(task)).toArray();
                out.add(new Result(
                        family, source, examples.stream().map(Example::text).toList(), scores, labels));
            });
        }
        return out;
    }

    /** All results' examples as one set: the pooled leave-one-source-out figure. */
    public static Result pooled(List<Result> results) {
        double[] scores = results.stream()
                .flatMapToDouble(r -> java.util.Arrays.stream(r.scores()))
                .toArray();
        int[] labels = results.stream()
                .flatMapToInt(r -> java.util.Arrays.stream(r.labels()))
                .toArray();
        List<String> texts = results.stream().flatMap(r -> r.texts().stream()).toList();
        return new Result("all", "all", texts, scores, labels);
    }
}
