package io.parapet.eval.dataset.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("dataset_label_event")
public record DatasetLabelEventEntity(
        @Id @GeneratedValue @Nullable Long id,
        long datasetId,
        String label,
        @Nullable Integer fromVersion,
        int toVersion,
        int revision,
        String actor,
        Instant at) {}
