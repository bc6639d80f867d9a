package io.parapet.deployer.deployment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A deployment: the release it runs (or is being brought to; none for a model server), the last release that served,
 * what it serves in words ({@code release 7}, {@code vllm meta-llama/…}), its state ({@code
 * deploying}, {@code ready}, {@code failed}, {@code rolled-back}, {@code stopped}, {@code removed}, or {@code
 * rendered} for GitOps), why, and where it answers. {@code chatKey} is set once, in the answer that made it.
 */
@Serdeable
public record Deployment(
        long id,
        String name,
        String target,
        @Nullable Long release,
        @Nullable Long readyRelease,
        String serves,
        String state,
        @Nullable String reason,
        @Nullable String endpoint,
        int revision,
        DeploymentSpec spec,
        String updatedBy,
        Instant updatedAt,
        @Nullable String chatKey) {}
