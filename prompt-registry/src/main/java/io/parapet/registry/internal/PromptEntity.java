package io.parapet.registry.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("prompt")
public record PromptEntity(
        @Id @GeneratedValue @Nullable Long id,
        String name,
        String type,
        @Nullable String description,
        String tags,
        int latestVersion,
        Instant createdAt,
        Instant updatedAt) {}
