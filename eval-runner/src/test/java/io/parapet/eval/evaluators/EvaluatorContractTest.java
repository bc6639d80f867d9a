package io.parapet.eval.evaluators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parapet.eval.EvaluatorCatalog;
import io.parapet.eval.spi.EvalCase;
import io.parapet.eval.spi.Evaluator;
import io.parapet.eval.spi.EvaluatorContext;
import io.parapet.eval.spi.EvaluatorFactory;
import io.parapet.eval.spi.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every evaluator on the class path must do, whoever wrote it: a score in 0..1 and a short reason for any
 * answer (none, empty, a megabyte, broken Unicode), the same verdict every time and from many threads at once, a
 * failure rather than a pass when the item lacks the expected answer it needs, and a clear refusal of settings it
 * does not know. A plug-in is checked by adding its sample settings below (or the same checks in its own tests).
 */
class EvaluatorContractTest {
    private static final EvaluatorCatalog CATALOG = EvaluatorCatalog.load();

    /** Settings that make each built-in usable; a new evaluator without an entry fails the first test. */
    static final Map<String, Map<String, Object>> SAMPLES = Map.ofEntries(
            Map.entry("equals", Map.of()),
            Map.entry("contains", Map.of("values", List.of("refund", "order"))),
            Map.entry("regex", Map.of("pattern", "\\border\\s+#?\\d+")),
            Map.entry("json-valid", Map.of("type", "object")),
            Map.entry("json-schema", Map.of("schema", Map.of("type", "object", "required", List.of("answer")))),
            Map.entry("json-path", Map.of("path", "$.status")),
            Map.entry("classification", Map.of("labels", List.of("refund", "shipping", "other"))),
            Map.entry("length", Map.of("min", 1, "max", 2000)),
            Map.entry("latency", Map.of("max", 5000)),
            Map.entry("tokens", Map.of("max", 4000)),
            Map.entry("cost", Map.of("max", 0.01)),
            Map.entry("guardrail", Map.of("expect", "block")),
            Map.entry("similar", Map.of("min", 0.7)),
            Map.entry("llm-judge", Map.of("rubric", "judges/helpful@production")));

    /** A judge model that always grades the same: evaluators that call models are checked for their own rules. */
    static final EvaluatorContext JUDGE = new EvaluatorContext() {
        @Override
        public String checkJudge(String rubricRef, String model) {
            return "judges/helpful#1";
        }

        @Override
        public JudgeAnswer ask(String rubricRef, Map<String, Object> variables, String model) {
            return new JudgeAnswer("judges/helpful#1", "stub#1", "{\"score\": 0.8, \"reason\": \"stub\"}", null);
        }
    };

    static List<String> names() {
        return List.copyOf(CATALOG.names());
    }

    static List<EvalCase> answers() {
        String megabyte = "order 12 ".repeat(120_000);
        return List.of(
                new EvalCase(Map.of(), "yes", null, 10, 0),
                new EvalCase(Map.of(), null, null, 10, 0),
                EvalCase.of("", "yes"),
                EvalCase.of("yes", "yes"),
                EvalCase.of("Your refund for order #42 is on its way.", "refund issued"),
                EvalCase.of("{\"answer\": \"refund\"}", "{\"answer\": \"refund\"}"),
                EvalCase.of("{\"answer\": ", null),
                EvalCase.of("\ud800 lone surrogate \u0000 NUL", "x"),
                new EvalCase(Map.of("q", "x"), megabyte, megabyte, 90_000, 1_000_000));
    }

    @Test
    void should_have_sample_settings_for_every_evaluator_on_the_class_path() {
        assertThat(SAMPLES.keySet()).containsExactlyInAnyOrderElementsOf(CATALOG.names());
    }

    @ParameterizedTest
    @MethodSource("names")
    void should_give_a_bounded_score_and_a_short_reason_for_any_answer_every_time(String name) {
        Evaluator evaluator = CATALOG.create(name, SAMPLES.get(name), JUDGE);
        for (EvalCase answer : answers()) {
            Verdict first = evaluator.evaluate(answer);
            assertThat(first.score()).isBetween(0.0, 1.0);
            assertThat(first.reason()).isNotBlank().hasSizeLessThan(600);
            assertThat(first.passed()).as("a pass scores above 0").isEqualTo(first.passed() && first.score() > 0);
            assertThat(evaluator.evaluate(answer)).isEqualTo(first);
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void should_fail_an_answer_that_does_not_exist(String name) {
        Verdict verdict =
                CATALOG.create(name, SAMPLES.get(name), JUDGE).evaluate(new EvalCase(Map.of(), "x", null, 10, 5));
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.score()).isZero();
    }

    @ParameterizedTest
    @MethodSource("names")
    void should_fail_rather_than_pass_when_the_expected_answer_it_needs_is_missing(String name) {
        EvaluatorFactory factory = CATALOG.factory(name);
        if (factory.needsExpected()) {
            Verdict verdict = CATALOG.create(name, SAMPLES.get(name), JUDGE).evaluate(EvalCase.of("anything", null));
            assertThat(verdict.passed()).isFalse();
            assertThat(verdict.reason()).contains("expected");
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void should_refuse_a_setting_it_does_not_know(String name) {
        Map<String, Object> settings = new HashMap<>(SAMPLES.get(name));
        settings.put("treshold", 0.5);
        assertThatThrownBy(() -> CATALOG.create(name, settings, JUDGE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("treshold");
    }

    @ParameterizedTest
    @MethodSource("names")
    void should_judge_the_same_from_many_threads_at_once(String name) throws Exception {
        Evaluator evaluator = CATALOG.create(name, SAMPLES.get(name), JUDGE);
        List<EvalCase> answers = answers();
        List<Verdict> sequential = answers.stream().map(evaluator::evaluate).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Verdict>>> parallel = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                parallel.add(pool.submit(
                        () -> answers.stream().map(evaluator::evaluate).toList()));
            }
            for (Future<List<Verdict>> run : parallel) {
                assertThat(run.get()).isEqualTo(sequential);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void should_name_the_known_evaluators_when_asked_for_an_unknown_one() {
        assertThatThrownBy(() -> CATALOG.create("bleu", Map.of()))
                .hasMessageContaining("no evaluator is named 'bleu'")
                .hasMessageContaining("contains");
    }
}
