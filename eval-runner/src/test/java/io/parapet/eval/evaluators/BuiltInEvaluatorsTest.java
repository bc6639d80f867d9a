package io.parapet.eval.evaluators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parapet.eval.EvaluatorCatalog;
import io.parapet.eval.spi.EvalCase;
import io.parapet.eval.spi.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each built-in decides, and the settings each refuses. */
class BuiltInEvaluatorsTest {
    private static final EvaluatorCatalog CATALOG = EvaluatorCatalog.load();

    private static Verdict judge(String name, Map<String, Object> settings, EvalCase answer) {
        return CATALOG.create(name, settings).evaluate(answer);
    }

    @Test
    void equals_trims_and_respects_case_unless_told_not_to() {
        assertThat(judge("equals", Map.of(), EvalCase.of(" Paris\n", "Paris")).passed())
                .isTrue();
        Verdict wrongCase = judge("equals", Map.of(), EvalCase.of("paris", "Paris"));
        assertThat(wrongCase.passed()).isFalse();
        assertThat(wrongCase.reason()).isEqualTo("expected 'Paris', got 'paris'");
        assertThat(judge("equals", Map.of("caseSensitive", false), EvalCase.of("paris", "Paris"))
                        .passed())
                .isTrue();
    }

    @Test
    void contains_scores_the_share_found_and_any_needs_one() {
        Map<String, Object> all = Map.of("values", List.of("Refund", "order", "label"));
        Verdict partial = judge("contains", all, EvalCase.of("Your REFUND for order 42", null));
        assertThat(partial.score()).isEqualTo(2 / 3.0);
        assertThat(partial.passed()).isFalse();
        assertThat(partial.reason()).contains("'label'");
        assertThat(judge("contains", Map.of("values", List.of("x", "order"), "mode", "any"), EvalCase.of("order", null))
                        .passed())
                .isTrue();
        assertThat(judge(
                                "contains",
                                Map.of("values", List.of("Order"), "caseSensitive", true),
                                EvalCase.of("order", null))
                        .passed())
                .isFalse();
    }

    @Test
    void regex_is_re2_and_can_require_absence() {
        assertThat(judge("regex", Map.of("pattern", "\\d{3}-\\d{4}"), EvalCase.of("call 555-0100", null))
                        .passed())
                .isTrue();
        assertThat(judge(
                                "regex",
                                Map.of("pattern", "(?i)as an ai", "mustMatch", false),
                                EvalCase.of("As an AI, I", null))
                        .passed())
                .isFalse();
        assertThatThrownBy(() -> CATALOG.create("regex", Map.of("pattern", "(a)\\1")))
                .hasMessageContaining("not valid RE2 syntax");
        assertThatThrownBy(() -> CATALOG.create("regex", Map.of("pattern", "((a{1000}){1000}){1000}")))
                .hasMessageContaining("instructions");
    }

    @Test
    void json_checks_parse_type_and_schema() {
        assertThat(judge("json-valid", Map.of(), EvalCase.of("[1, 2]", null)).passed())
                .isTrue();
        assertThat(judge("json-valid", Map.of("type", "object"), EvalCase.of("[1, 2]", null))
                        .reason())
                .isEqualTo("valid JSON, but array, not object");
        assertThat(judge("json-valid", Map.of(), EvalCase.of("{\"a\": ", null)).reason())
                .startsWith("not JSON");

        Map<String, Object> schema = Map.of(
                "schema",
                Map.of(
                        "type",
                        "object",
                        "required",
                        List.of("score"),
                        "properties",
                        Map.of("score", Map.of("type", "number", "maximum", 1))));
        assertThat(judge("json-schema", schema, EvalCase.of("{\"score\": 0.5}", null))
                        .passed())
                .isTrue();
        Verdict tooHigh = judge("json-schema", schema, EvalCase.of("{\"score\": 7}", null));
        assertThat(tooHigh.passed()).isFalse();
        assertThat(tooHigh.reason()).contains("1 schema problem(s)").contains("score");
    }

    @Test
    void a_schema_that_reaches_outside_itself_is_refused() {
        Map<String, Object> remote = Map.of("schema", Map.of("$ref", "http://169.254.169.254/schema.json"));
        assertThatThrownBy(() -> CATALOG.create("json-schema", remote))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be used");
    }

    @Test
    void bounds_check_length_latency_and_tokens_inclusively() {
        assertThat(judge("length", Map.of("min", 2, "max", 5), EvalCase.of("abcde", null))
                        .passed())
                .isTrue();
        assertThat(judge("length", Map.of("max", 4), EvalCase.of("abcde", null)).reason())
                .isEqualTo("5 characters, above the maximum of 4");
        assertThat(judge("latency", Map.of("max", 100), new EvalCase(Map.of(), null, "x", 101, 0))
                        .passed())
                .isFalse();
        assertThat(judge("tokens", Map.of("min", 10), new EvalCase(Map.of(), null, "x", 0, 9))
                        .reason())
                .isEqualTo("9 tokens, below the minimum of 10");
        assertThatThrownBy(() -> CATALOG.create("length", Map.of("min", 5, "max", 2)))
                .hasMessageContaining("'min' (5) is above 'max' (2)");
        assertThatThrownBy(() -> CATALOG.create("latency", Map.of("max", "fast")))
                .hasMessageContaining("'max' must be a whole number");
    }

    @Test
    void guardrail_judges_whether_the_policy_blocked_the_call() {
        EvalCase blocked = new EvalCase(Map.of(), null, "I can't help with that.", 3, 0, "blocked");
        EvalCase answered = EvalCase.of("Sure.", null);
        assertThat(judge("guardrail", Map.of("expect", "block"), blocked).passed())
                .isTrue();
        assertThat(judge("guardrail", Map.of("expect", "block"), answered).reason())
                .isEqualTo("the policy let it through, and it should have blocked it");
        assertThat(judge("guardrail", Map.of("expect", "pass"), answered).passed())
                .isTrue();
        assertThat(judge("guardrail", Map.of("expect", "pass"), blocked).passed())
                .isFalse();
        assertThat(judge("guardrail", Map.of("expect", "pass"), new EvalCase(Map.of(), null, null, 0, 0))
                        .passed())
                .isFalse();
        assertThatThrownBy(() -> CATALOG.create("guardrail", Map.of())).hasMessageContaining("block or pass");
    }

    @Test
    void similar_passes_paraphrases_and_fails_other_meanings() {
        Verdict paraphrase = judge(
                "similar",
                Map.of("min", 0.6),
                EvalCase.of("Your parcel will arrive tomorrow.", "The package will be delivered tomorrow."));
        assertThat(paraphrase.passed()).as(paraphrase.reason()).isTrue();
        Verdict unrelated = judge(
                "similar",
                Map.of("min", 0.6),
                EvalCase.of("Bananas are rich in potassium.", "The package will be delivered tomorrow."));
        assertThat(unrelated.passed()).as(unrelated.reason()).isFalse();
        assertThat(unrelated.score()).isLessThan(paraphrase.score());
        assertThatThrownBy(() -> CATALOG.create("similar", Map.of("min", 2))).hasMessageContaining("'min'");
    }

    @Test
    void llm_judge_grades_by_the_judges_json_and_errors_on_anything_else() {
        java.util.concurrent.atomic.AtomicReference<String> reply = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicReference<Map<String, Object>> seen =
                new java.util.concurrent.atomic.AtomicReference<>();
        io.parapet.eval.spi.EvaluatorContext judge = new io.parapet.eval.spi.EvaluatorContext() {
            @Override
            public String checkJudge(String rubricRef, String model) {
                return "judges/x#2";
            }

            @Override
            public JudgeAnswer ask(String rubricRef, Map<String, Object> variables, String model) {
                seen.set(variables);
                return new JudgeAnswer("judges/x#2", "gpt-judge#1", reply.get(), null);
            }
        };
        var evaluator = CATALOG.create("llm-judge", Map.of("rubric", "judges/x@production", "pass", 0.7), judge);
        EvalCase answer = new EvalCase(Map.of("question", "Where?"), "at home", "In Paris.", 5, 9);
        reply.set("Here is my grade: {\"score\": 0.9, \"reason\": \"complete\"} thanks");
        Verdict good = evaluator.evaluate(answer);
        assertThat(good.passed()).isTrue();
        assertThat(good.score()).isEqualTo(0.9);
        assertThat(good.reason()).isEqualTo("judge judges/x#2 on gpt-judge#1: complete");
        assertThat(seen.get())
                .containsEntry("output", "In Paris.")
                .containsEntry("expected", "at home")
                .containsEntry("question", "Where?");
        reply.set("{\"score\": 0.4, \"reason\": \"vague\"}");
        assertThat(evaluator.evaluate(answer).passed()).isFalse();
        for (String bad : List.of("I liked it", "{\"score\": 7}", "{\"reason\": \"x\"}", "{not json}")) {
            reply.set(bad);
            assertThatThrownBy(() -> evaluator.evaluate(answer))
                    .as(bad)
                    .isInstanceOf(io.parapet.eval.spi.EvaluatorError.class)
                    .hasMessageContaining("did not answer {\"score\": 0..1");
        }
        assertThatThrownBy(() -> CATALOG.create("llm-judge", Map.of(), judge)).hasMessageContaining("'rubric'");
        assertThatThrownBy(() -> CATALOG.create("llm-judge", Map.of("rubric", "judges/x@production")))
                .as("outside a run there is no model to ask")
                .hasMessageContaining("needs a run");
    }

    @Test
    void json_path_compares_the_selected_value_with_a_setting_or_the_expected_answer() {
        String order = "{\"order\": {\"status\": \"shipped\", \"total\": 12.0, \"items\": [1, 2]}}";
        assertThat(judge("json-path", Map.of("path", "$.order.status", "value", "shipped"), EvalCase.of(order, null))
                        .passed())
                .isTrue();
        assertThat(judge("json-path", Map.of("path", "$.order.total"), EvalCase.of(order, "12"))
                        .passed())
                .as("numbers compare by value")
                .isTrue();
        assertThat(judge("json-path", Map.of("path", "$.order.items"), EvalCase.of(order, "[1, 2]"))
                        .passed())
                .isTrue();
        Verdict wrong = judge("json-path", Map.of("path", "$.order.status"), EvalCase.of(order, "cancelled"));
        assertThat(wrong.passed()).isFalse();
        assertThat(wrong.reason()).isEqualTo("$['order']['status'] is '\"shipped\"', expected '\"cancelled\"'");
        assertThat(judge("json-path", Map.of("path", "$.missing", "value", 1), EvalCase.of(order, null))
                        .reason())
                .isEqualTo("nothing at $['missing']");
        assertThat(judge("json-path", Map.of("path", "$.a", "value", 1), EvalCase.of("not json", null))
                        .reason())
                .startsWith("not JSON");
    }

    @Test
    void json_path_refuses_bad_paths_and_regex_filters() {
        assertThatThrownBy(() -> CATALOG.create("json-path", Map.of("path", "$[?(@.a =~ /(a+)+$/)]")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("=~");
        assertThatThrownBy(() -> CATALOG.create("json-path", Map.of("path", "$.[")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a JSONPath");
        assertThatThrownBy(() -> CATALOG.create("json-path", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'path'");
    }

    @Test
    void classification_names_both_labels_and_counts_unknown_answers_as_other() {
        Map<String, Object> labels = Map.of("labels", List.of("refund", "shipping"));
        Verdict right = judge("classification", labels, EvalCase.of(" Refund\n", "refund"));
        assertThat(right.passed()).isTrue();
        assertThat(right.labels()).isEqualTo(new Verdict.Labels("refund", "refund"));
        Verdict rambling = judge("classification", labels, EvalCase.of("I think it is about a refund", "refund"));
        assertThat(rambling.passed()).isFalse();
        assertThat(rambling.labels()).isEqualTo(new Verdict.Labels("(other)", "refund"));
        Verdict fromJson = judge(
                "classification",
                Map.of("path", "$.intent"),
                EvalCase.of("{\"intent\": \"Shipping\"}", "{\"intent\": \"refund\"}"));
        assertThat(fromJson.labels()).isEqualTo(new Verdict.Labels("shipping", "refund"));
        assertThat(fromJson.reason()).isEqualTo("predicted 'shipping', expected 'refund'");
    }

    @Test
    void cost_bounds_the_estimate_and_fails_when_there_is_none() {
        EvalCase cheap = new EvalCase(Map.of(), null, "ok", 10, 100, "stop", 0.0004);
        assertThat(judge("cost", Map.of("max", 0.001), cheap).passed()).isTrue();
        Verdict dear = judge("cost", Map.of("max", 0.0001), cheap);
        assertThat(dear.passed()).isFalse();
        assertThat(dear.reason()).isEqualTo("$0.000400, above the maximum of $1.0E-4");
        assertThat(judge("cost", Map.of("max", 1), EvalCase.of("ok", null)).reason())
                .isEqualTo("cost unknown: the answering model has no prices in the catalog");
        assertThatThrownBy(() -> CATALOG.create("cost", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'max'");
    }
}
