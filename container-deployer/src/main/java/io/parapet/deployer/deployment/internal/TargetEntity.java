package io.parapet.deployer.deployment.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("deploy_target")
public record TargetEntity(
        @Id @GeneratedValue @Nullable Long id,
        String name,
        String kind,
        String namespace,
        @Nullable String configCiphertext,
        @Nullable String folder,
        String createdBy,
        Instant createdAt,
        String updatedBy,
        Instant updatedAt) {}
