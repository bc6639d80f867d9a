package io.parapet.registry.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("prompt_label_event")
public record LabelEventEntity(
        @Id @GeneratedValue @Nullable Long id,
        long promptId,
        String label,
        @Nullable Integer fromVersion,
        @Nullable Integer toVersion,
        int revision,
        String actor,
        Instant at) {}
