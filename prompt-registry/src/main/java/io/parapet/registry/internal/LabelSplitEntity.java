package io.parapet.registry.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("prompt_label_split")
public record LabelSplitEntity(
        @Id @GeneratedValue @Nullable Long id,
        long promptId,
        String label,
        int canaryVersion,
        int percent,
        Instant updatedAt,
        String updatedBy) {}
