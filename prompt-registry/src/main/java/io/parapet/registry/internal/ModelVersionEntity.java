package io.parapet.registry.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("model_version")
public record ModelVersionEntity(
        @Id @GeneratedValue @Nullable Long id,
        long modelId,
        int version,
        String content,
        String contentHash,
        @Nullable String credentialCiphertext,
        String commitMessage,
        String author,
        Instant createdAt) {}
