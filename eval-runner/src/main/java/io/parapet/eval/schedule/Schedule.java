package io.parapet.eval.schedule;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.parapet.eval.run.RunSpec;
import java.time.Instant;
import java.util.List;

/** A schedule as the API shows it, with its next tick and its latest handled ticks. */
@Serdeable
public record Schedule(
        String name,
        String prompt,
        String dataset,
        List<RunSpec.EvaluatorSpec> evaluators,
        String cron,
        double minPassRate,
        String catchUp,
        int concurrency,
        boolean enabled,
        @Nullable Instant nextTick,
        List<Tick> ticks,
        String updatedBy,
        Instant updatedAt) {

    /** A handled tick: {@code started} with its run, or {@code skipped} with the reason. */
    @Serdeable
    public record Tick(
            Instant at,
            String outcome,
            @Nullable String reason,
            @Nullable Long run) {}
}
