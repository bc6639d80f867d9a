package io.parapet.eval.run;

import io.parapet.core.FieldError;
import io.parapet.core.ParapetException;
import io.parapet.eval.EvaluatorCatalog;
import io.parapet.eval.spi.Evaluator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's evaluators built from their specs. Each verdict is reported under the evaluator's name, or
 * {@code name-2}, {@code name-3} … when one kind is listed more than once (two {@code contains} with other values).
 */
public final class Evaluators {
    static final int MAX = 20;

    private Evaluators() {}

    /** Builds and drops them: a 400 naming the first bad evaluator, or nothing. */
    public static void check(
            EvaluatorCatalog catalog, List<RunSpec.EvaluatorSpec> specs, io.parapet.registry.PromptCache prompts) {
        build(catalog, specs, new JudgeContext(prompts, null, "check"));
    }

    static Map<String, Evaluator> build(
            EvaluatorCatalog catalog, List<RunSpec.EvaluatorSpec> specs, io.parapet.eval.spi.EvaluatorContext context) {
        if (specs == null || specs.isEmpty() || specs.size() > MAX) {
            throw ParapetException.invalidField(
                    "evaluators", "give 1 to " + MAX + " evaluators; known: " + catalog.names());
        }
        Map<String, Evaluator> built = new LinkedHashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            RunSpec.EvaluatorSpec spec = specs.get(i);
            String field = "evaluators[" + i + "]";
            if (spec == null || spec.name() == null) {
                throw ParapetException.invalidField(field, "needs a name; known: " + catalog.names());
            }
            try {
                Evaluator evaluator = catalog.create(spec.name(), spec.config(), context);
                String key = spec.name();
                for (int n = 2; built.containsKey(key); n++) {
                    key = spec.name() + "-" + n;
                }
                built.put(key, evaluator);
            } catch (IllegalArgumentException e) {
                throw ParapetException.invalid(
                        "evaluator " + i + " cannot be built: " + e.getMessage(),
                        new FieldError(field, e.getMessage()));
            }
        }
        return built;
    }
}
