package io.parapet.eval.run;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * What to evaluate: a prompt ({@code name@label} or {@code name#version}) against a dataset ({@code name},
 * {@code name@label} or {@code name#version}) with evaluators.
 *
 * @param modelOverride a catalog model that answers instead of the prompt's own (to compare models on one prompt)
 * @param trials answers per item (non-deterministic models are judged on several); default 1, at most 20
 * @param concurrency items in flight at once; default 8, at most 256
 * @param maxTokens a token budget: the run stops when it has spent this many, and says so
 * @param maxCost a cost budget in US dollars, estimated from the models' prices: the run stops when it has spent this
 *     much, and says so (answers of models without prices cost nothing here)
 */
@Serdeable
public record RunSpec(
        String prompt,
        String dataset,
        List<EvaluatorSpec> evaluators,
        @Nullable String modelOverride,
        @Nullable Integer trials,
        @Nullable Integer concurrency,
        @Nullable Long maxTokens,
        @Nullable Double maxCost) {

    /** One evaluator by name, with its settings. */
    @Serdeable
    public record EvaluatorSpec(String name, @Nullable Map<String, Object> config) {}
}
