package io.parapet.deployer.rollout.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("deploy_rollout_event")
public record RolloutEventEntity(
        @Id @GeneratedValue @Nullable Long id,
        long rolloutId,
        String kind,
        int percent,
        String detail,
        String actor,
        Instant at) {}
