package io.parapet.eval.evaluators;

import io.parapet.core.ConfigValues;
import io.parapet.eval.spi.EvalCase;
import io.parapet.eval.spi.Evaluator;
import io.parapet.eval.spi.Verdict;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/** Bounds on a number the call produced: the answer's length, its latency, its tokens, its cost. */
public final class BoundEvaluators {
    private BoundEvaluators() {}

    /** {@code length}: the answer has {@code min}..{@code max} characters. */
    public static final class LengthFactory extends Bound {
        public LengthFactory() {
            super(
                    "length",
                    "characters",
                    a -> a.output() == null ? -1 : a.output().length());
        }
    }

    /** {@code latency}: the call took {@code min}..{@code max} milliseconds. */
    public static final class LatencyFactory extends Bound {
        public LatencyFactory() {
            super("latency", "ms", EvalCase::latencyMillis);
        }
    }

    /** {@code tokens}: the call used {@code min}..{@code max} tokens, input and output. */
    public static final class TokensFactory extends Bound {
        public TokensFactory() {
            super("tokens", "tokens", EvalCase::tokens);
        }
    }

    /**
     * {@code cost}: the call's estimated cost is at most {@code max} US dollars. It fails, saying why, when the
     * answering model has no prices in the catalog: a bound that cannot be checked is not met.
     */
    public static final class CostFactory extends BuiltIn {
        public CostFactory() {
            super("cost", List.of("max"), false);
        }

        @Override
        public Evaluator create(Map<String, Object> config) {
            if (!config.containsKey("max")) {
                throw new IllegalArgumentException("'max' (US dollars per answer) is required");
            }
            double max = ConfigValues.decimal(config, "max", 0, 0, 1_000_000);
            return answer -> {
                Verdict missing = Answers.missingOutput(answer);
                if (missing != null) {
                    return missing;
                }
                if (answer.cost() == null) {
                    return Verdict.fail("cost unknown: the answering model has no prices in the catalog");
                }
                String measured = String.format(java.util.Locale.ROOT, "$%.6f", answer.cost());
                return answer.cost() <= max
                        ? Verdict.pass(measured + ", within $" + max)
                        : Verdict.fail(measured + ", above the maximum of $" + max);
            };
        }
    }

    /** One measured quantity between {@code min} (default 0) and {@code max} (default unbounded), inclusive. */
    abstract static class Bound extends BuiltIn {
        private final String unit;
        private final ToLongFunction<EvalCase> measure;

        Bound(String name, String unit, ToLongFunction<EvalCase> measure) {
            super(name, List.of("min", "max"), false);
            this.unit = unit;
            this.measure = measure;
        }

        @Override
        public Evaluator create(Map<String, Object> config) {
            int min = ConfigValues.integer(config, "min", 0, 0, Integer.MAX_VALUE);
            int max = ConfigValues.integer(config, "max", Integer.MAX_VALUE, 0, Integer.MAX_VALUE);
            if (min > max) {
                throw new IllegalArgumentException("'min' (" + min + ") is above 'max' (" + max + ")");
            }
            return answer -> {
                Verdict missing = Answers.missingOutput(answer); // a failed call's latency is no success
                if (missing != null) {
                    return missing;
                }
                long value = measure.applyAsLong(answer);
                String measured = value + " " + unit;
                if (value < min) {
                    return Verdict.fail(measured + ", below the minimum of " + min);
                }
                if (value > max) {
                    return Verdict.fail(measured + ", above the maximum of " + max);
                }
                return Verdict.pass(measured + ", within " + min + ".." + (max == Integer.MAX_VALUE ? "∞" : max));
            };
        }
    }
}
