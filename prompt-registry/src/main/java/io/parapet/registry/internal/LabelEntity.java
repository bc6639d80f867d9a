package io.parapet.registry.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("prompt_label")
public record LabelEntity(
        @Id @GeneratedValue @Nullable Long id,
        long promptId,
        String name,
        int version,
        int revision,
        Instant updatedAt,
        String updatedBy) {}
