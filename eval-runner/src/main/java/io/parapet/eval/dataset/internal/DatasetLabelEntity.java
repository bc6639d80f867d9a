package io.parapet.eval.dataset.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("dataset_label")
public record DatasetLabelEntity(
        @Id @GeneratedValue @Nullable Long id,
        long datasetId,
        String name,
        int version,
        int revision,
        Instant updatedAt,
        String updatedBy) {}
