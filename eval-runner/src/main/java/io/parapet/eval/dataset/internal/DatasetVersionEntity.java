package io.parapet.eval.dataset.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("dataset_version")
public record DatasetVersionEntity(
        @Id @GeneratedValue @Nullable Long id,
        long datasetId,
        int version,
        String contentHash,
        int itemCount,
        String commitMessage,
        String author,
        Instant createdAt) {}
