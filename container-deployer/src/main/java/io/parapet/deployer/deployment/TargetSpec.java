package io.parapet.deployer.deployment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Body of {@code PUT /api/v1/deploy-targets/{name}} (admin): a {@code kubernetes} cluster given by a kubeconfig
 * (stored encrypted, never returned; its server must pass the outbound URL policy), or a {@code manifests} folder on
 * the server's machine for GitOps. {@code local} is built in.
 */
@Serdeable
public record TargetSpec(
        @Nullable String kind,
        @Nullable String namespace,
        @Nullable String kubeconfig,
        @Nullable String folder) {}
