package io.parapet.deployer.deployment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** A deploy target as the API shows it: never its kubeconfig, only whether it has one. */
@Serdeable
public record TargetView(
        String name,
        String kind,
        String namespace,
        @Nullable String folder,
        boolean hasCredentials,
        String updatedBy,
        @Nullable Instant updatedAt) {}
