package io.parapet.deployer.rollout.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** {@code steps} and {@code watch} are JSON arrays. */
@MappedEntity("deploy_rollout")
public record RolloutEntity(
        @Id @GeneratedValue @Nullable Long id,
        String prompt,
        String label,
        int stableVersion,
        int canaryVersion,
        String steps,
        String watch,
        int step,
        Instant stepStartedAt,
        String state,
        @Nullable String reason,
        int revision,
        @Nullable String activeKey,
        String createdBy,
        Instant createdAt,
        String updatedBy,
        Instant updatedAt) {}
