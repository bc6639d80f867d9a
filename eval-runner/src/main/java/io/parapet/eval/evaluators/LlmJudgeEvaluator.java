package io.parapet.eval.evaluators;

import com.fasterxml.jackson.databind.JsonNode;
import io.parapet.core.ConfigValues;
import io.parapet.core.Json;
import io.parapet.eval.spi.EvalCase;
import io.parapet.eval.spi.Evaluator;
import io.parapet.eval.spi.EvaluatorContext;
import io.parapet.eval.spi.EvaluatorError;
import io.parapet.eval.spi.Verdict;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code llm-judge}: a model grades the answer. The rubric is a registry prompt version ({@code rubric:
 * judges/helpful@production}), rendered with {@code output}, {@code expected} and the item's variables (those it
 * declares), and answered by its own model or {@code model}. The judge must answer {@code {"score": 0..1,
 * "reason": "…"}}; the verdict passes at {@code pass} (default 0.5) and names the rubric and model versions that
 * judged. A judge that fails or answers anything else errors the item with the reason.
 */
public final class LlmJudgeEvaluator extends BuiltIn {
    public LlmJudgeEvaluator() {
        super("llm-judge", List.of("rubric", "model", "pass"), false);
    }

    @Override
    public boolean callsModels() {
        return true;
    }

    @Override
    public Evaluator create(Map<String, Object> config) {
        return create(config, EvaluatorContext.NONE);
    }

    @Override
    public Evaluator create(Map<String, Object> config, EvaluatorContext context) {
        String rubric = ConfigValues.string(config, "rubric", null);
        if (rubric == null || rubric.isBlank()) {
            throw new IllegalArgumentException("'rubric' is required: the registry prompt that grades, name@label");
        }
        String model = ConfigValues.string(config, "model", null);
        double pass = ConfigValues.decimal(config, "pass", 0.5, 0, 1);
        context.checkJudge(rubric, model);
        return answer -> judge(context, rubric, model, pass, answer);
    }

    private static Verdict judge(EvaluatorContext context, String rubric, String model, double pass, EvalCase answer) {
        Verdict missing = Answers.missingOutput(answer);
        if (missing != null) {
            return missing;
        }
        Map<String, Object> variables = new HashMap<>(answer.variables());
        variables.put("output", answer.output());
        variables.put("expected", answer.expected() == null ? "" : answer.expected());
        EvaluatorContext.JudgeAnswer judged = context.ask(rubric, variables, model);
        String by = judged.rubricVersion() + " on " + judged.model();
        if (judged.failure() != null) {
            throw new EvaluatorError("the judge (" + by + ") failed: " + judged.failure());
        }
        JsonNode grade = grade(judged.output());
        if (grade == null) {
            throw new EvaluatorError("the judge (" + by + ") did not answer {\"score\": 0..1, \"reason\": …}: "
                    + Answers.quote(judged.output() == null ? "" : judged.output()));
        }
        double score = grade.get("score").asDouble();
        String reason = "judge " + by + ": "
                + io.parapet.core.Text.clip(grade.path("reason").asText("no reason"), 500);
        return new Verdict(score, score >= pass, reason);
    }

    /** The first JSON object in the judge's text with a score in 0..1, or null. */
    static JsonNode grade(String text) {
        if (text == null) {
            return null;
        }
        int start = text.indexOf('{');
        int end = text.lastIndexOf('}');
        if (start < 0 || end <= start) {
            return null;
        }
        try {
            JsonNode node = Json.read(text.substring(start, end + 1));
            JsonNode score = node.get("score");
            return score != null && score.isNumber() && score.asDouble() >= 0 && score.asDouble() <= 1 ? node : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }
}
