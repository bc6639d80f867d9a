package io.parapet.eval.gate;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.parapet.eval.run.RunSpec;
import java.util.List;

/**
 * A promotion gate on a prompt's label: the suite (a dataset reference and evaluators) a version must have passed.
 *
 * @param minPassRate the share of answers that must pass (0..1); default 1
 * @param maxAgeMinutes how recent the passing run must be; default 1,440 (24 h)
 * @param noRegression whether the candidate must also not be significantly worse than the version the label
 *     points at now, on the same suite (default true)
 */
@Serdeable
public record GateSpec(
        String dataset,
        List<RunSpec.EvaluatorSpec> evaluators,
        @Nullable Double minPassRate,
        @Nullable Integer maxAgeMinutes,
        @Nullable Boolean noRegression) {}
