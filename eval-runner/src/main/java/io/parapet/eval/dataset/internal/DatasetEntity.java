package io.parapet.eval.dataset.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("dataset")
public record DatasetEntity(
        @Id @GeneratedValue @Nullable Long id,
        String name,
        @Nullable String description,
        int latestVersion,
        Instant createdAt,
        Instant updatedAt) {}
