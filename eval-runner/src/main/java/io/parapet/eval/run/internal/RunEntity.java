package io.parapet.eval.run.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("eval_run")
public record RunEntity(
        @Id @GeneratedValue @Nullable Long id,
        String prompt,
        String promptRef,
        int promptVersion,
        String dataset,
        int datasetVersion,
        long datasetVersionId,
        @Nullable String modelOverride,
        String evaluators,
        int trials,
        int concurrency,
        @Nullable Long maxTokens,
        String status,
        @Nullable String reason,
        int total,
        int done,
        int errored,
        int passed,
        long tokens,
        boolean cancelRequested,
        @Nullable String leaseOwner,
        @Nullable Instant leaseUntil,
        @Nullable String aggregates,
        String createdBy,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        @Nullable Double maxCost,
        double cost) {}
