package io.parapet.deployer.deployment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Body of {@code POST /api/v1/deployments}: release {@code release} (number or digest) as deployment {@code name} on
 * {@code target} ({@code local} when absent). On a cluster, {@code image} is the release image and {@code
 * chatKeysSecret} the Secret holding the chat keys' hashes; on {@code local} the server's own jar runs the release
 * and a chat key is made for the deployment (shown once). {@code timeoutSeconds} bounds the wait for readiness
 * (default 300); a deployment that was serving an earlier release goes back to it when the new one is not ready.
 * On a cluster, {@code canaryImage} (another release's image) takes {@code canaryPercent} of the traffic: by
 * weight through an HTTPRoute from {@code gateway} ({@code namespace/name}) where the cluster has the Gateway API,
 * else as that share of the replicas. With {@code modelServer} instead of {@code release}, the deployment runs a model server ({@link ModelServerSpec})
 * on a cluster target.
 */
@Serdeable
public record DeploymentSpec(
        @Nullable String name,
        @Nullable String target,
        @Nullable String release,
        @Nullable String image,
        @Nullable Integer replicas,
        @Nullable String cpu,
        @Nullable String memory,
        @Nullable String chatKeysSecret,
        @Nullable Integer maxReplicas,
        @Nullable Boolean disruptionBudget,
        @Nullable Boolean networkPolicy,
        @Nullable Integer timeoutSeconds,
        @Nullable ModelServerSpec modelServer,
        @Nullable String canaryImage,
        @Nullable Integer canaryPercent,
        @Nullable String gateway) {

    public static final int MAX_TIMEOUT_SECONDS = 1800;

    public String targetOrLocal() {
        return target == null || target.isBlank() ? DeployTargets.LOCAL : target;
    }

    public boolean isModelServer() {
        return modelServer != null;
    }

    public int timeout() {
        return timeoutSeconds == null ? 300 : timeoutSeconds;
    }
}
