package io.parapet.deployer.release.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("deploy_release")
public record ReleaseEntity(
        @Id @GeneratedValue @Nullable Long id,
        String digest,
        String content,
        String description,
        String createdBy,
        Instant createdAt) {}
