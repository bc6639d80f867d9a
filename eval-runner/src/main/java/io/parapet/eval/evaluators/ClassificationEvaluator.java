package io.parapet.eval.evaluators;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import io.parapet.core.ConfigValues;
import io.parapet.core.Json;
import io.parapet.eval.spi.Evaluator;
import io.parapet.eval.spi.Verdict;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code classification}: the answer is a label, and the item's {@code expected} is the true one. Each item passes
 * when they match; the run adds accuracy, per-label precision, recall and F1, and their macro averages. With
 * {@code path} (a JSONPath such as {@code $.label}) the label is read from a JSON answer, and from a JSON expected
 * the same way. With {@code labels}, an answer outside them counts as the label {@code (other)}, so a model that
 * rambles is wrong rather than a new class. Labels compare trimmed and, unless {@code caseSensitive}, in lower case.
 */
public final class ClassificationEvaluator extends BuiltIn {
    /** The label an answer outside {@code labels} counts as. */
    public static final String OTHER = "(other)";

    public ClassificationEvaluator() {
        super("classification", List.of("path", "labels", "caseSensitive"), true);
    }

    @Override
    public Evaluator create(Map<String, Object> config) {
        boolean caseSensitive = ConfigValues.bool(config, "caseSensitive", false);
        String path = ConfigValues.string(config, "path", "");
        JsonPath compiled = path.isBlank() ? null : JsonPathEvaluator.compile(path);
        Set<String> labels = new HashSet<>();
        for (String label : ConfigValues.strings(config, "labels", List.of())) {
            labels.add(normal(label, caseSensitive));
        }
        return answer -> {
            Verdict missing = Answers.missingOutputOrExpected(answer);
            if (missing != null) {
                return missing;
            }
            String actual = label(answer.expected(), compiled, caseSensitive);
            if (actual == null) {
                return Verdict.fail("the expected answer has no label at " + path);
            }
            String predicted = label(answer.output(), compiled, caseSensitive);
            if (predicted == null || (!labels.isEmpty() && !labels.contains(predicted))) {
                predicted = OTHER;
            }
            boolean right = predicted.equals(actual);
            String reason = (right ? "label " : "predicted ")
                    + Answers.quote(predicted)
                    + (right ? "" : ", expected " + Answers.quote(actual));
            return new Verdict(right ? 1 : 0, right, reason, new Verdict.Labels(predicted, actual));
        };
    }

    /** The label in a text: the text itself, or the value at {@code path} when the text is JSON; null if none. */
    private static String label(String text, JsonPath path, boolean caseSensitive) {
        if (path == null) {
            return normal(text, caseSensitive);
        }
        try {
            JsonNode found = JsonPathEvaluator.read(path, Json.mapper().readTree(text.strip()));
            return found == null || found.isContainerNode() ? null : normal(found.asText(), caseSensitive);
        } catch (JsonProcessingException | PathNotFoundException e) {
            return null;
        }
    }

    private static String normal(String label, boolean caseSensitive) {
        String trimmed = io.parapet.core.Text.clip(label.strip(), 200);
        return caseSensitive ? trimmed : trimmed.toLowerCase(Locale.ROOT);
    }
}
