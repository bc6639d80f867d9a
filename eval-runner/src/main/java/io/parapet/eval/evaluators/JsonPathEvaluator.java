package io.parapet.eval.evaluators;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import io.parapet.core.ConfigValues;
import io.parapet.core.Json;
import io.parapet.eval.spi.EvalCase;
import io.parapet.eval.spi.Evaluator;
import io.parapet.eval.spi.Verdict;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * {@code json-path}: the value a JSONPath ({@code path}, e.g. {@code $.order.status}) selects in the answer equals
 * {@code value} when set, else the item's {@code expected} (read as JSON when it parses, as text otherwise). Numbers
 * compare by value ({@code 1} equals {@code 1.0}). Without {@code value} it needs an expected answer, so it judges
 * live traffic only when {@code value} is set.
 */
public final class JsonPathEvaluator extends BuiltIn {
    private static final Configuration JACKSON = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(Json.mapper()))
            .mappingProvider(new JacksonMappingProvider(Json.mapper()))
            .build();

    public JsonPathEvaluator() {
        super("json-path", List.of("path", "value"), false);
    }

    @Override
    public Evaluator create(Map<String, Object> config) {
        JsonPath compiled = compile(ConfigValues.string(config, "path", ""));
        JsonNode fixed = config.containsKey("value") ? Json.mapper().valueToTree(config.get("value")) : null;
        return answer -> judge(compiled, fixed, answer);
    }

    /** A JSONPath from user settings, refused with the reason when it is not one or may stall. */
    static JsonPath compile(String path) {
        if (path.isBlank()) {
            throw new IllegalArgumentException("'path' must be a JSONPath such as $.status");
        }
        if (path.contains("=~")) {
            // Jayway runs =~ filters with java.util.regex, which a crafted pattern can stall: not from user settings.
            throw new IllegalArgumentException("'path' may not use =~ regular-expression filters; use the regex"
                    + " evaluator on the answer instead");
        }
        try {
            return JsonPath.compile(path);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("'path' is not a JSONPath: " + e.getMessage());
        }
    }

    /** The value at {@code path} in {@code json}; throws {@link PathNotFoundException} when there is none. */
    static JsonNode read(JsonPath path, JsonNode json) {
        return path.read(json, JACKSON);
    }

    private static Verdict judge(JsonPath path, JsonNode fixed, EvalCase answer) {
        Verdict missing = fixed == null ? Answers.missingOutputOrExpected(answer) : Answers.missingOutput(answer);
        if (missing != null) {
            return missing;
        }
        JsonNode json;
        try {
            json = Json.mapper().readTree(answer.output().strip());
        } catch (JsonProcessingException e) {
            return Verdict.fail("not JSON: " + e.getOriginalMessage());
        }
        JsonNode found;
        try {
            found = read(path, json);
        } catch (PathNotFoundException e) {
            return Verdict.fail("nothing at " + path.getPath());
        }
        JsonNode wanted = fixed != null ? fixed : expectedValue(answer.expected());
        return same(found, wanted)
                ? Verdict.pass(path.getPath() + " is " + Answers.quote(found.toString()))
                : Verdict.fail(path.getPath() + " is " + Answers.quote(String.valueOf(found)) + ", expected "
                        + Answers.quote(wanted.toString()));
    }

    private static JsonNode expectedValue(String expected) {
        try {
            return Json.mapper().readTree(expected.strip());
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(expected);
        }
    }

    private static boolean same(JsonNode found, JsonNode wanted) {
        if (found == null) {
            return wanted.isNull();
        }
        return found.equals(
                (a, b) -> a.isNumber() && b.isNumber()
                        ? new BigDecimal(a.asText()).compareTo(new BigDecimal(b.asText()))
                        : a.equals(b) ? 0 : 1,
                wanted);
    }
}
