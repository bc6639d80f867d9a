package io.parapet.eval.run;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.parapet.eval.stats.ConfusionMatrix;
import io.parapet.eval.stats.PassRate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * A finished run in figures: the pass rate of answers (every evaluator passed) with its 95 % Wilson interval, each
 * evaluator's mean score and pass rate, latency percentiles of answered calls, tokens, the estimated cost in US
 * dollars ({@code costed} answers had a priced model; the others add nothing), and the metrics of each
 * classifying evaluator. Errored answers count as
 * failures in the pass rate, and separately in {@code errored}.
 */
@Serdeable
public record RunAggregates(
        long answers,
        long errored,
        long blocked,
        Rate passRate,
        double meanScore,
        List<PerEvaluator> evaluators,
        long latencyP50Millis,
        long latencyP95Millis,
        long inputTokens,
        long outputTokens,
        double cost,
        long costed,
        @Nullable List<Classified> classifications) {

    /** A proportion with its 95 % Wilson interval. */
    @Serdeable
    public record Rate(long passed, long total, double rate, double low, double high) {
        static Rate of(long passed, long total) {
            PassRate r = PassRate.of(passed, total);
            return new Rate(passed, total, r.rate(), r.low(), r.high());
        }
    }

    @Serdeable
    public record PerEvaluator(String evaluator, double meanScore, Rate passRate) {}

    /** A classifying evaluator's accuracy, precision, recall and F1 over the run's answered items. */
    @Serdeable
    public record Classified(String evaluator, ConfusionMatrix.Metrics metrics) {}

    /** Adds results one at a time, so a 100,000-item run is summed without holding it. */
    public static final class Builder {
        private final Histogram latency = new Histogram(3_600_000L, 2);
        private final Map<String, double[]> perEvaluator = new LinkedHashMap<>(); // score sum, passed, n
        private final Map<String, ConfusionMatrix> confusion = new LinkedHashMap<>();
        private long answers;
        private long passed;
        private long errored;
        private long blocked;
        private double scoreSum;
        private long inputTokens;
        private long outputTokens;
        private double cost;
        private long costed;

        public Builder add(ItemResult r) {
            answers++;
            passed += r.passed() ? 1 : 0;
            scoreSum += r.score();
            inputTokens += r.inputTokens();
            outputTokens += r.outputTokens();
            if (r.cost() != null) {
                cost += r.cost();
                costed++;
            }
            if (r.errored()) {
                errored++;
                return this;
            }
            blocked += "blocked".equals(r.ending()) ? 1 : 0;
            latency.recordValue(Math.min(Math.max(r.latencyMillis(), 0), 3_600_000L));
            for (ItemResult.Judged v : r.verdicts()) {
                double[] sums = perEvaluator.computeIfAbsent(v.evaluator(), k -> new double[3]);
                sums[0] += v.score();
                sums[1] += v.passed() ? 1 : 0;
                sums[2]++;
                if (v.actual() != null && v.predicted() != null) {
                    confusion
                            .computeIfAbsent(v.evaluator(), k -> new ConfusionMatrix())
                            .add(v.actual(), v.predicted());
                }
            }
            return this;
        }

        public RunAggregates build() {
            List<PerEvaluator> evaluators = new ArrayList<>();
            perEvaluator.forEach((name, s) ->
                    evaluators.add(new PerEvaluator(name, s[0] / s[2], Rate.of((long) s[1], (long) s[2]))));
            boolean any = latency.getTotalCount() > 0;
            return new RunAggregates(
                    answers,
                    errored,
                    blocked,
                    Rate.of(passed, answers),
                    answers == 0 ? 0 : scoreSum / answers,
                    evaluators,
                    any ? latency.getValueAtPercentile(50) : 0,
                    any ? latency.getValueAtPercentile(95) : 0,
                    inputTokens,
                    outputTokens,
                    cost,
                    costed,
                    confusion.isEmpty() ? null : classified());
        }

        private List<Classified> classified() {
            List<Classified> out = new ArrayList<>();
            confusion.forEach((name, matrix) -> out.add(new Classified(name, matrix.metrics())));
            return out;
        }
    }
}
