package io.parapet.eval.evaluators;

import com.google.re2j.Pattern;
import io.parapet.core.ConfigValues;
import io.parapet.core.UserRegex;
import io.parapet.eval.spi.Evaluator;
import io.parapet.eval.spi.Verdict;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Deterministic checks of the answer's text: equal to the expected one, containing values, matching a pattern. */
public final class TextEvaluators {
    private TextEvaluators() {}

    /** {@code equals}: the answer is the expected one ({@code trim} default true, {@code caseSensitive} true). */
    public static final class EqualsFactory extends BuiltIn {
        public EqualsFactory() {
            super("equals", List.of("trim", "caseSensitive"), true);
        }

        @Override
        public Evaluator create(Map<String, Object> config) {
            boolean trim = ConfigValues.bool(config, "trim", true);
            boolean caseSensitive = ConfigValues.bool(config, "caseSensitive", true);
            return answer -> {
                Verdict missing = Answers.missingOutputOrExpected(answer);
                if (missing != null) {
                    return missing;
                }
                String output = trim ? answer.output().strip() : answer.output();
                String expected = trim ? answer.expected().strip() : answer.expected();
                boolean same = caseSensitive ? output.equals(expected) : output.equalsIgnoreCase(expected);
                return same
                        ? Verdict.pass("the answer equals the expected one")
                        : Verdict.fail("expected " + Answers.quote(expected) + ", got " + Answers.quote(output));
            };
        }
    }

    /**
     * {@code contains}: the answer holds {@code values} ({@code mode: all}, the default, or {@code any};
     * {@code caseSensitive} default false). With {@code all}, the score is the share of values found.
     */
    public static final class ContainsFactory extends BuiltIn {
        public ContainsFactory() {
            super("contains", List.of("values", "mode", "caseSensitive"), false);
        }

        @Override
        public Evaluator create(Map<String, Object> config) {
            List<String> values = ConfigValues.strings(config, "values", List.of());
            if (values.isEmpty() || values.stream().anyMatch(String::isEmpty)) {
                throw new IllegalArgumentException("'values' must list at least one non-empty string");
            }
            String mode = ConfigValues.string(config, "mode", "all");
            if (!mode.equals("all") && !mode.equals("any")) {
                throw new IllegalArgumentException("'mode' must be all or any, not '" + mode + "'");
            }
            boolean caseSensitive = ConfigValues.bool(config, "caseSensitive", false);
            List<String> wanted = caseSensitive
                    ? values
                    : values.stream().map(TextEvaluators::lower).toList();
            return answer -> {
                Verdict missing = Answers.missingOutput(answer);
                if (missing != null) {
                    return missing;
                }
                String text = caseSensitive ? answer.output() : lower(answer.output());
                List<String> absent =
                        wanted.stream().filter(v -> !text.contains(v)).toList();
                int found = wanted.size() - absent.size();
                if (mode.equals("any")) {
                    return found > 0
                            ? Verdict.pass("found " + found + " of " + wanted.size() + " values")
                            : Verdict.fail("none of " + wanted.size() + " values found");
                }
                double score = (double) found / wanted.size();
                return absent.isEmpty()
                        ? Verdict.pass("all " + wanted.size() + " values found")
                        : new Verdict(score, false, "missing " + Answers.quote(String.join("', '", absent)));
            };
        }
    }

    /** {@code regex}: the answer matches an RE2 {@code pattern} somewhere ({@code mustMatch: false} inverts it). */
    public static final class RegexFactory extends BuiltIn {
        public RegexFactory() {
            super("regex", List.of("pattern", "mustMatch", "caseSensitive"), false);
        }

        @Override
        public Evaluator create(Map<String, Object> config) {
            String source = ConfigValues.string(config, "pattern", null);
            if (source == null) {
                throw new IllegalArgumentException("'pattern' is required");
            }
            boolean mustMatch = ConfigValues.bool(config, "mustMatch", true);
            int flags = ConfigValues.bool(config, "caseSensitive", true) ? 0 : Pattern.CASE_INSENSITIVE;
            Pattern pattern = UserRegex.compile(source, flags);
            return answer -> {
                Verdict missing = Answers.missingOutput(answer);
                if (missing != null) {
                    return missing;
                }
                boolean matches = pattern.matcher(answer.output()).find();
                String what = matches ? "matches " : "does not match ";
                return matches == mustMatch
                        ? Verdict.pass("the answer " + what + Answers.quote(source))
                        : Verdict.fail("the answer " + what + Answers.quote(source));
            };
        }
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
