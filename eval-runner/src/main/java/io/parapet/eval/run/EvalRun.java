package io.parapet.eval.run;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/** A run as the API shows it: what it evaluates, where it is, and its aggregates once it has finished. */
@Serdeable
public record EvalRun(
        long id,
        String prompt,
        int promptVersion,
        String dataset,
        int datasetVersion,
        @Nullable String modelOverride,
        List<RunSpec.EvaluatorSpec> evaluators,
        int trials,
        int concurrency,
        @Nullable Long maxTokens,
        String status,
        @Nullable String reason,
        Progress progress,
        @Nullable RunAggregates aggregates,
        String createdBy,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        @Nullable Double maxCost) {

    /**
     * How far it is: answers done of total (errored ones included), tokens and estimated cost (US dollars) spent,
     * items per second since it started, and the seconds left at that rate (null until there is a rate).
     */
    @Serdeable
    public record Progress(
            int done,
            int total,
            int errored,
            int passed,
            long tokens,
            double cost,
            double perSecond,
            @Nullable Long etaSeconds) {}
}
