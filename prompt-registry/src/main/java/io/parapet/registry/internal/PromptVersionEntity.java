package io.parapet.registry.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("prompt_version")
public record PromptVersionEntity(
        @Id @GeneratedValue @Nullable Long id,
        long promptId,
        int version,
        String content,
        String contentHash,
        String commitMessage,
        String author,
        Instant createdAt) {}
