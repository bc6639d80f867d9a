package io.parapet.eval.evaluators;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import io.parapet.core.Json;
import io.parapet.core.JsonSchemas;
import io.parapet.eval.spi.EvalCase;
import io.parapet.eval.spi.Evaluator;
import io.parapet.eval.spi.Verdict;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Structured answers: the answer is JSON, and it follows a schema. */
public final class JsonEvaluators {
    private JsonEvaluators() {}

    /** {@code json-valid}: the answer parses as JSON ({@code type: object | array | any}, default any). */
    public static final class ValidFactory extends BuiltIn {
        public ValidFactory() {
            super("json-valid", List.of("type"), false);
        }

        @Override
        public Evaluator create(Map<String, Object> config) {
            String type = io.parapet.core.ConfigValues.string(config, "type", "any");
            if (!List.of("any", "object", "array").contains(type)) {
                throw new IllegalArgumentException("'type' must be any, object or array, not '" + type + "'");
            }
            return answer -> {
                Parsed parsed = Parsed.of(answer);
                if (parsed.failure() != null) {
                    return parsed.failure();
                }
                JsonNode json = parsed.json();
                boolean rightType = type.equals("any")
                        || (type.equals("object") && json.isObject())
                        || (type.equals("array") && json.isArray());
                return rightType
                        ? Verdict.pass("valid JSON")
                        : Verdict.fail(
                                "valid JSON, but " + json.getNodeType().name().toLowerCase() + ", not " + type);
            };
        }
    }

    /**
     * {@code json-schema}: the answer is JSON that follows {@code schema}, which resolves {@code $ref} only within
     * itself. The score is 1 when it follows, else 0; the reason names the first problems.
     */
    public static final class SchemaFactory extends BuiltIn {
        public SchemaFactory() {
            super("json-schema", List.of("schema"), false);
        }

        @Override
        public Evaluator create(Map<String, Object> config) {
            if (!(config.get("schema") instanceof Map<?, ?> schemaMap)) {
                throw new IllegalArgumentException("'schema' must be a JSON Schema object");
            }
            JsonSchema schema;
            try {
                schema = JsonSchemas.compile(Json.mapper().valueToTree(schemaMap));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("'schema' cannot be used: " + e.getMessage());
            }
            return answer -> {
                Parsed parsed = Parsed.of(answer);
                if (parsed.failure() != null) {
                    return parsed.failure();
                }
                JsonNode json = parsed.json();
                Set<ValidationMessage> problems = schema.validate(json);
                return problems.isEmpty()
                        ? Verdict.pass("follows the schema")
                        : Verdict.fail(problems.size() + " schema problem(s): "
                                + problems.stream()
                                        .limit(3)
                                        .map(ValidationMessage::getMessage)
                                        .collect(Collectors.joining("; ")));
            };
        }
    }

    /** The answer read as JSON, or the verdict that there is none to read. */
    private record Parsed(JsonNode json, Verdict failure) {
        static Parsed of(EvalCase answer) {
            Verdict missing = Answers.missingOutput(answer);
            if (missing != null) {
                return new Parsed(null, missing);
            }
            try {
                return new Parsed(Json.mapper().readTree(answer.output().strip()), null);
            } catch (JsonProcessingException e) {
                return new Parsed(null, Verdict.fail("not JSON: " + e.getOriginalMessage()));
            }
        }
    }
}
