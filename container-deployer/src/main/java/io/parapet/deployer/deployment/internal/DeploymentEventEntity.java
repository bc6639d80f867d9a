package io.parapet.deployer.deployment.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("deploy_deployment_event")
public record DeploymentEventEntity(
        @Id @GeneratedValue @Nullable Long id,
        long deploymentId,
        String state,
        String detail,
        String actor,
        Instant at) {}
