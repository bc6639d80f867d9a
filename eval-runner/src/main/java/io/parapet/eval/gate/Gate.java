package io.parapet.eval.gate;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.parapet.eval.run.RunSpec;
import java.time.Instant;
import java.util.List;

/** A gate as stored, with whether a given version passes it now (when asked about one). */
@Serdeable
public record Gate(
        String prompt,
        String label,
        String dataset,
        List<RunSpec.EvaluatorSpec> evaluators,
        double minPassRate,
        int maxAgeMinutes,
        boolean noRegression,
        String updatedBy,
        Instant updatedAt,
        @Nullable Check check) {

    /**
     * Whether {@code version} may take the label now: {@code passed}, why not, the run that passed or the latest run
     * of the version on the suite, and the baseline run compared with.
     */
    @Serdeable
    public record Check(
            int version,
            boolean passed,
            String reason,
            @Nullable Long run,
            @Nullable Long baselineRun) {}
}
