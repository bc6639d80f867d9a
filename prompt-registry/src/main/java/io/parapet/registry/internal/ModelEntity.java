package io.parapet.registry.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("model")
public record ModelEntity(
        @Id @GeneratedValue @Nullable Long id, String name, int latestVersion, Instant createdAt, Instant updatedAt) {}
