package io.parapet.deployer.deployment.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("deploy_deployment")
public record DeploymentEntity(
        @Id @GeneratedValue @Nullable Long id,
        String name,
        String target,
        @Nullable Long releaseId,
        @Nullable Long readyReleaseId,
        String spec,
        String state,
        @Nullable String reason,
        @Nullable String endpoint,
        int revision,
        String createdBy,
        Instant createdAt,
        String updatedBy,
        Instant updatedAt) {}
